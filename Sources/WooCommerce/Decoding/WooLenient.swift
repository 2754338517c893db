import Foundation

/// The lenient rules for the ways real stores bend their own schema, written once for both order decoders:
/// the Codable path (`KeyedDecodingContainer+Lenient`) and ``WooOrderReader`` find a value of some JSON type
/// and convert it here; what neither finds takes the model's default (``WooOrder/Fields``,
/// ``WooAddress/Fields``).
enum WooLenient {
    /// An integer from text: as is, trimmed of spaces, or a decimal's integral part (`"12.50"` → 12); `nil`
    /// for `""` and anything else.
    static func int(fromText text: String) -> Int? {
        // Trimming cannot change a string `Int` accepts, nor make an empty one a number; both are common
        // (`"id": ""` for no image) and trimming is slow.
        if text.isEmpty { return nil }
        if let value = Int(text) { return value }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return Int(trimmed) ?? WooMoney(trimmed).map { NSDecimalNumber(decimal: $0.value).intValue }
    }

    /// An integer from a number that is not one: truncated when finite and below 9e15 (where `Double`
    /// still holds every integer), `nil` otherwise.
    static func int(fromDouble value: Double) -> Int? {
        guard value.isFinite, abs(value) < 9e15 else { return nil }
        return Int(value)
    }

    /// A boolean from WordPress's option words (`yes`/`no`, `on`/`off`, `1`/`0`, `true`/`false`, any case;
    /// `""` is false); `nil` for anything else.
    static func bool(fromText text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off", "": return false
        default: return nil
        }
    }

    /// A boolean from an integer: anything but 0 is true.
    static func bool(fromInt value: Int) -> Bool { value != 0 }

    /// A boolean where text is expected.
    static func string(fromBool value: Bool) -> String { value ? "true" : "false" }
}
