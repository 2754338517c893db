import Foundation

/// Tolerant readers for the ways real stores bend their own schema (the rules themselves are ``WooLenient``'s,
/// shared with ``WooOrderReader``): `null` or `""` where a value is promised,
/// numbers sent as strings and strings as numbers, fields that older versions leave out. Each returns a
/// sensible empty value rather than failing a whole page of orders over one odd field; the fields a model
/// cannot live without (ids) use ``requiredInt(_:)``, which still throws.
extension KeyedDecodingContainer {
    // Each reader first asks for the type the field normally has with `decodeIfPresent` — one lookup, no
    // thrown error on the common path, which matters at thousands of orders a second — and only on a type
    // mismatch tries the other representations.

    /// An integer id that must be there: a number or a numeric string.
    func requiredInt(_ key: Key) throws -> Int {
        if let value = lenientOptionalInt(key) { return value }
        throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected an integer id")
    }

    /// An integer, or `0` when absent, null, empty or unreadable.
    func lenientInt(_ key: Key) -> Int { lenientOptionalInt(key) ?? 0 }

    /// An integer, or `nil` when absent, null, empty or unreadable.
    func lenientOptionalInt(_ key: Key) -> Int? {
        do {
            return try decodeIfPresent(Int.self, forKey: key)
        } catch {}
        if let text = try? decode(String.self, forKey: key) { return WooLenient.int(fromText: text) }
        if let value = try? decode(Double.self, forKey: key) { return WooLenient.int(fromDouble: value) }
        return nil
    }

    /// A string, or `""` when absent or null; numbers and booleans are turned into their text.
    func lenientString(_ key: Key) -> String { lenientOptionalString(key) ?? "" }

    /// A string, or `nil` when absent or null; numbers and booleans are turned into their text.
    func lenientOptionalString(_ key: Key) -> String? {
        do {
            return try decodeIfPresent(String.self, forKey: key)
        } catch {}
        if let value = try? decode(Int.self, forKey: key) { return String(value) }
        if let value = try? decode(Decimal.self, forKey: key) { return "\(value)" }
        if let value = try? decode(Bool.self, forKey: key) { return WooLenient.string(fromBool: value) }
        return nil
    }

    /// A boolean, or `false`; accepts `"yes"`/`"no"`, `"true"`/`"false"`, `1`/`0` as WordPress options do.
    func lenientBool(_ key: Key) -> Bool { lenientOptionalBool(key) ?? false }

    /// A boolean, or `nil` when absent or unreadable.
    func lenientOptionalBool(_ key: Key) -> Bool? {
        do {
            return try decodeIfPresent(Bool.self, forKey: key)
        } catch {}
        if let value = try? decode(Int.self, forKey: key) { return WooLenient.bool(fromInt: value) }
        if let text = try? decode(String.self, forKey: key) { return WooLenient.bool(fromText: text) }
        return nil
    }

    /// An exact amount from a money string or a number; `0` when absent, null or `""`.
    func money(_ key: Key) -> WooMoney { optionalMoney(key) ?? .zero }

    /// An exact amount, or `nil` when absent, null, `""` or not a number.
    func optionalMoney(_ key: Key) -> WooMoney? {
        do {
            guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
            return WooMoney(text)
        } catch {}
        return (try? decode(Decimal.self, forKey: key)).map(WooMoney.init)
    }

    /// A UTC date from a `*_gmt` field (`2026-11-24T21:56:36`, no offset); `nil` when null or unparseable.
    func gmtDate(_ key: Key) -> Date? {
        guard let text = try? decodeIfPresent(String.self, forKey: key) else { return nil }
        return WooDate.parseGMT(text)
    }

    /// An array, or `[]` when absent or null. Elements that fail to decode fail the array.
    func lenientArray<T: Decodable>(_ type: T.Type, _ key: Key) throws -> [T] {
        try decodeIfPresent([T].self, forKey: key) ?? []
    }

    /// A nested value, or `nil` when absent, null, or (as WooCommerce does for empty objects) `[]`.
    func lenientObject<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(T.self, forKey: key)) ?? nil
    }
}
