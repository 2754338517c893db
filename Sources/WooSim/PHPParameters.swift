/// Query-string or form parameters as PHP's `$_GET`/`$_POST` see them: `+` is a space, a repeated key keeps
/// its **last** value (at its first position), `k[]=a` / `k[x]=a` build arrays, and `.`/space in names
/// become `_`. WooCommerce signs and reads exactly this, so the sim parses it the same way — the official
/// Python client sends duplicated keys (see sample 40-).
struct PHPParameters: Sendable, Equatable {
    enum Value: Sendable, Equatable {
        case scalar(String)
        /// (sub-key, value) pairs in insertion order.
        case array([Pair])
    }

    struct Pair: Sendable, Equatable {
        var key: String
        var value: String
    }

    struct Entry: Sendable, Equatable {
        var key: String
        var value: Value
    }

    private(set) var entries: [Entry] = []

    init() {}

    /// Parses `a=1&b=2` (percent-encoded, as sent).
    init(encoded: String?) {
        guard let encoded, !encoded.isEmpty else { return }
        for piece in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PHPParameters.decode(parts[0])
            let value = parts.count > 1 ? PHPParameters.decode(parts[1]) : ""
            self.add(name: name, value: value)
        }
    }

    mutating func add(name: String, value: String) {
        guard !name.isEmpty else { return }
        if let open = name.firstIndex(of: "["), open != name.startIndex,
            let close = name[open...].firstIndex(of: "]")
        {
            let base = PHPParameters.mangle(String(name[..<open]))
            let subKey = String(name[name.index(after: open)..<close])
            if let index = self.entries.firstIndex(where: { $0.key == base }) {
                var pairs: [Pair] = []
                if case .array(let existing) = self.entries[index].value { pairs = existing }
                let key = subKey.isEmpty ? String(PHPParameters.nextIndex(pairs)) : subKey
                if let existing = pairs.firstIndex(where: { $0.key == key }) {
                    pairs[existing].value = value
                } else {
                    pairs.append(Pair(key: key, value: value))
                }
                self.entries[index].value = .array(pairs)
            } else {
                self.entries.append(
                    Entry(key: base, value: .array([Pair(key: subKey.isEmpty ? "0" : subKey, value: value)])))
            }
            return
        }
        let key = PHPParameters.mangle(name)
        if let index = self.entries.firstIndex(where: { $0.key == key }) {
            self.entries[index].value = .scalar(value)
        } else {
            self.entries.append(Entry(key: key, value: .scalar(value)))
        }
    }

    /// Adds or replaces a scalar (used to merge `Authorization: OAuth` parameters).
    mutating func set(_ key: String, _ value: String) {
        if let index = self.entries.firstIndex(where: { $0.key == key }) {
            self.entries[index].value = .scalar(value)
        } else {
            self.entries.append(Entry(key: key, value: .scalar(value)))
        }
    }

    mutating func remove(_ key: String) {
        self.entries.removeAll { $0.key == key }
    }

    /// Merges `other` over `self` (PHP's `array_merge`).
    func merging(_ other: PHPParameters) -> PHPParameters {
        var result = self
        for entry in other.entries {
            if let index = result.entries.firstIndex(where: { $0.key == entry.key }) {
                result.entries[index].value = entry.value
            } else {
                result.entries.append(entry)
            }
        }
        return result
    }

    subscript(key: String) -> String? {
        for entry in self.entries where entry.key == key {
            if case .scalar(let value) = entry.value { return value }
            return nil
        }
        return nil
    }

    func contains(_ key: String) -> Bool {
        self.entries.contains { $0.key == key }
    }

    /// A list parameter as WordPress reads one: an array, or a comma-separated string.
    func list(_ key: String) -> [String]? {
        for entry in self.entries where entry.key == key {
            switch entry.value {
            case .scalar(let value):
                return value.split(separator: ",", omittingEmptySubsequences: true).map {
                    String($0).trimmingWhitespace()
                }
            case .array(let pairs):
                return pairs.flatMap { $0.value.split(separator: ",").map { String($0).trimmingWhitespace() } }
            }
        }
        return nil
    }

    private static func nextIndex(_ pairs: [Pair]) -> Int {
        (pairs.compactMap { Int($0.key) }.max() ?? -1) + 1
    }

    private static func mangle(_ name: String) -> String {
        String(name.map { $0 == "." || $0 == " " ? "_" : $0 })
    }

    /// PHP's `urldecode`: `+` → space, `%XX` → byte; malformed escapes stay as they are.
    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let high = PHPParameters.hexValue(iterator[iterator.startIndex]),
                let low = PHPParameters.hexValue(iterator[iterator.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                iterator.removeFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// PHP's `rawurlencode` (RFC 3986 unreserved characters kept).
    static func rawURLEncode(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF")
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result.append("%")
                result.append(hex[Int(byte >> 4)])
                result.append(hex[Int(byte & 15)])
            }
        }
        return result
    }

    /// Re-encodes the parameters as a query string (for `Link` headers).
    func encoded() -> String {
        var parts: [String] = []
        for entry in self.entries {
            switch entry.value {
            case .scalar(let value):
                parts.append("\(PHPParameters.rawURLEncode(entry.key))=\(PHPParameters.rawURLEncode(value))")
            case .array(let pairs):
                for pair in pairs {
                    parts.append(
                        "\(PHPParameters.rawURLEncode("\(entry.key)[\(pair.key)]"))=\(PHPParameters.rawURLEncode(pair.value))"
                    )
                }
            }
        }
        return parts.joined(separator: "&")
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
