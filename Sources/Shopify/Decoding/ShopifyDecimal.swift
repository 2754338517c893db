import Foundation

/// Shopify's `Decimal` and `Money` scalars: a JSON string of varying precision (`"29.99"`, `"679.0"`), read
/// exactly into `Decimal`, never through `Double`.
public enum ShopifyDecimal {
    /// Parses `-?digits(.digits)?`; `nil` for anything else (an empty string, an exponent, a comma).
    public static func parse(_ text: String) -> Decimal? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var significand: Decimal = 0
        var digits = 0
        var fractionDigits = 0
        var negative = false
        var seenPoint = false
        for (index, byte) in trimmed.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0:
                negative = true
            case UInt8(ascii: "+") where index == 0:
                continue
            case UInt8(ascii: ".") where !seenPoint:
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                // Decimal holds 38 significant digits; money never comes near.
                guard digits <= 38 else { return nil }
                significand = significand * 10 + Decimal(Int(byte - UInt8(ascii: "0")))
                if seenPoint { fractionDigits += 1 }
            default:
                return nil
            }
        }
        guard digits > 0 else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fractionDigits, significand: significand)
    }

    /// The plain text of `value`, as Shopify accepts it in inputs (`"12.5"`).
    public static func format(_ value: Decimal) -> String { NSDecimalNumber(decimal: value).stringValue }
}

extension KeyedDecodingContainer {
    /// A money or decimal string, or `nil` when the key is absent or null.
    func decodeDecimalIfPresent(forKey key: Key) throws -> Decimal? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let value = ShopifyDecimal.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a decimal: \(text)")
        }
        return value
    }

    /// A date in ISO 8601 with `Z` or an offset, or `nil` when the key is absent or null.
    func decodeDateIfPresent(forKey key: Key) throws -> Date? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = ShopifyDate.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a date: \(text)")
        }
        return date
    }

    func decodeDate(forKey key: Key) throws -> Date {
        guard let date = try decodeDateIfPresent(forKey: key) else {
            throw DecodingError.valueNotFound(
                Date.self, .init(codingPath: codingPath + [key], debugDescription: "date is null"))
        }
        return date
    }
}
