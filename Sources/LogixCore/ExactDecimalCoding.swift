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

    /// The plain literal form, independent of locale: what `description` gives (`24.9`, `-0.5`, `1000`),
    /// written from the integer significand when it fits 64 bits — an import writes seven amounts an order
    /// and `description` cost more than the rest of the row.
    public var exactString: String { plainFromSignificand ?? description }

    private var plainFromSignificand: String? {
        guard isFinite else { return nil }
        if isZero { return "0" }
        let significand = self.significand
        var mantissa = UInt64(truncatingIfNeeded: NSDecimalNumber(decimal: significand).int64Value)
        guard mantissa > 0, Decimal(mantissa) == significand else { return nil }
        var exponent = self.exponent
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        guard exponent > -40, exponent < 40 else { return nil }
        var digits = Array(String(mantissa).utf8)
        if exponent >= 0 {
            digits += repeatElement(UInt8(ascii: "0"), count: exponent)
        } else {
            let point = digits.count + exponent
            if point > 0 {
                digits.insert(UInt8(ascii: "."), at: point)
            } else {
                digits = Array("0.".utf8) + Array(repeating: UInt8(ascii: "0"), count: -point) + digits
            }
        }
        if sign == .minus { digits.insert(UInt8(ascii: "-"), at: 0) }
        return String(decoding: digits, as: UTF8.self)
    }
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
