import Foundation

// Money travels as a decimal string ("10.30"), not a JSON number: many JSON decoders (and every JavaScript
// client) read numbers as binary floats, and 0.1 + 0.2 must stay 0.3.

extension Decimal {
    /// Parses a plain decimal literal (`-12.50`), rejecting anything else. `Decimal(string:)` alone would accept
    /// a valid prefix ("12abc" → 12) and depends on the locale's separator.
    public init?(exactString text: String) {
        var digitsBeforePoint = 0
        var digitsAfterPoint = 0
        var sawPoint = false
        for (index, character) in text.enumerated() {
            switch character {
            case "-" where index == 0:
                continue
            case "." where !sawPoint && digitsBeforePoint > 0:
                sawPoint = true
            case "0"..."9":
                if sawPoint { digitsAfterPoint += 1 } else { digitsBeforePoint += 1 }
            default:
                return nil
            }
        }
        guard digitsBeforePoint > 0, !sawPoint || digitsAfterPoint > 0,
            let value = Decimal(string: text, locale: posixLocale)
        else { return nil }
        self = value
    }

    /// The plain literal form, independent of locale.
    public var exactString: String { description }
}

// Made once: creating a Locale per parsed amount dominates the cost of reading orders in bulk.
private let posixLocale = Locale(identifier: "en_US_POSIX")

extension KeyedEncodingContainer {
    mutating func encodeExactDecimal(_ value: Decimal, forKey key: Key) throws {
        try encode(value.exactString, forKey: key)
    }
}

extension KeyedDecodingContainer {
    func decodeExactDecimal(forKey key: Key) throws -> Decimal {
        let text = try decode(String.self, forKey: key)
        guard let value = Decimal(exactString: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key,
                in: self,
                debugDescription: "expected a decimal string like \"12.50\", got \"\(text)\""
            )
        }
        return value
    }
}
