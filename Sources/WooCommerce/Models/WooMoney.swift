import Foundation

/// An exact amount of money as WooCommerce sends it: a decimal string (`"167.20"`) or, for line-item `price`,
/// a JSON number (`24.9`). Held as `Decimal`, never `Double`, so `0.1 + 0.2` stays `0.3`.
public struct WooMoney: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    /// The exact value.
    public var value: Decimal

    public init(_ value: Decimal) { self.value = value }

    /// Parses a decimal string such as `"-10.00"` (an optional sign, digits, an optional `.` and digits,
    /// optionally an exponent); `nil` if it is not one.
    public init?(_ text: String) {
        if let fast = Self.parsePlainDecimal(text) {
            self.value = fast
            return
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ Self.isNumberByte($0) }),
            let value = Decimal(string: trimmed, locale: Self.posix), !value.isNaN
        else { return nil }
        self.value = value
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "e")
            || byte == UInt8(ascii: "E")
    }

    /// The common money text — `-?digits(.digits)?` with at most 18 significant digits — parsed without
    /// Foundation's locale-aware scanner, which dominates decoding time otherwise.
    private static func parsePlainDecimal(_ text: String) -> Decimal? {
        var significand: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var negative = false
        var seenPoint = false
        var index = 0
        for byte in text.utf8 {
            defer { index += 1 }
            switch byte {
            case UInt8(ascii: "-") where index == 0:
                negative = true
            case UInt8(ascii: "+") where index == 0:
                continue
            case UInt8(ascii: ".") where !seenPoint:
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                guard digits <= 18 else { return nil }
                significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                if seenPoint { fractionDigits += 1 }
            default:
                return nil
            }
        }
        guard digits > 0 else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fractionDigits, significand: Decimal(significand))
    }

    public init(integerLiteral value: Int) { self.value = Decimal(value) }

    public static let zero = WooMoney(Decimal.zero)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                self = .zero
                return
            }
            guard let money = WooMoney(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a decimal: \(text)")
            }
            self = money
            return
        }
        self.value = try container.decode(Decimal.self)
    }

    /// Encodes as a decimal string, the form WooCommerce accepts for every money field it takes as input.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The plain decimal text, e.g. `167.2`; `formatted(decimals:)` gives the store's form.
    public var description: String { NSDecimalNumber(decimal: value).stringValue }

    /// The value rounded half-up to `decimals` places and printed with exactly that many, e.g. `167.20`.
    public func formatted(decimals: Int = 2) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, decimals, .plain)
        let text = NSDecimalNumber(decimal: rounded).stringValue
        guard decimals > 0 else { return text }
        let parts = text.split(separator: ".", maxSplits: 1)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return String(parts[0]) + "." + fraction + String(repeating: "0", count: max(0, decimals - fraction.count))
    }

    public static func < (lhs: WooMoney, rhs: WooMoney) -> Bool { lhs.value < rhs.value }
    public static func + (lhs: WooMoney, rhs: WooMoney) -> WooMoney { WooMoney(lhs.value + rhs.value) }
    public static func - (lhs: WooMoney, rhs: WooMoney) -> WooMoney { WooMoney(lhs.value - rhs.value) }
}
