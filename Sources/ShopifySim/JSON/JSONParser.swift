/// Reads a request body into ``JSON``; numbers stay text, so `5512345678901234567` arrives intact.
struct JSONParser {
    struct Failure: Error {
        var message: String
    }

    private let bytes: [UInt8]
    private var index = 0

    static func parse(_ bytes: [UInt8]) throws(Failure) -> JSON {
        var parser = JSONParser(bytes: bytes)
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == bytes.count else { throw Failure(message: "unexpected data after the JSON value") }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func skipSpace() {
        while self.index < self.bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(self.bytes[self.index]) {
            self.index += 1
        }
    }

    private var current: UInt8? { self.index < self.bytes.count ? self.bytes[self.index] : nil }

    private mutating func expect(_ word: String) throws(Failure) {
        for byte in word.utf8 {
            guard self.current == byte else { throw Failure(message: "invalid literal at \(self.index)") }
            self.index += 1
        }
    }

    private mutating func value(depth: Int) throws(Failure) -> JSON {
        guard depth < 128 else { throw Failure(message: "nested too deeply") }
        guard let byte = self.current else { throw Failure(message: "unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"):
            self.index += 1
            var pairs: [(String, JSON)] = []
            self.skipSpace()
            if self.current == UInt8(ascii: "}") {
                self.index += 1
                return .object(pairs)
            }
            while true {
                self.skipSpace()
                guard self.current == UInt8(ascii: "\"") else {
                    throw Failure(message: "expected a key at \(self.index)")
                }
                let key = try self.string()
                self.skipSpace()
                try self.expect(":")
                self.skipSpace()
                pairs.append((key, try self.value(depth: depth + 1)))
                self.skipSpace()
                if self.current == UInt8(ascii: ",") {
                    self.index += 1
                    continue
                }
                try self.expect("}")
                return .object(pairs)
            }
        case UInt8(ascii: "["):
            self.index += 1
            var values: [JSON] = []
            self.skipSpace()
            if self.current == UInt8(ascii: "]") {
                self.index += 1
                return .array(values)
            }
            while true {
                self.skipSpace()
                values.append(try self.value(depth: depth + 1))
                self.skipSpace()
                if self.current == UInt8(ascii: ",") {
                    self.index += 1
                    continue
                }
                try self.expect("]")
                return .array(values)
            }
        case UInt8(ascii: "\""): return .string(try self.string())
        case UInt8(ascii: "t"):
            try self.expect("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try self.expect("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try self.expect("null")
            return .null
        default:
            return .number(try self.number())
        }
    }

    private mutating func number() throws(Failure) -> String {
        let start = self.index
        if self.current == UInt8(ascii: "-") { self.index += 1 }
        var digits = 0
        while let byte = self.current,
            (48...57).contains(byte)
                || [
                    UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"),
                    UInt8(ascii: "-"),
                ].contains(byte)
        {
            if (48...57).contains(byte) { digits += 1 }
            self.index += 1
        }
        guard digits > 0 else { throw Failure(message: "invalid value at \(start)") }
        return String(decoding: self.bytes[start..<self.index], as: UTF8.self)
    }

    private mutating func string() throws(Failure) -> String {
        self.index += 1
        var out: [UInt8] = []
        while let byte = self.current {
            self.index += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = self.current else { break }
                self.index += 1
                switch escaped {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    var unit = try self.hex4()
                    if (0xD800..<0xDC00).contains(unit), self.current == UInt8(ascii: "\\") {
                        self.index += 2
                        let low = try self.hex4()
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(unit) ?? "?")).utf8))
                default: out.append(escaped)
                }
            default: out.append(byte)
            }
        }
        throw Failure(message: "unterminated string")
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard self.index + 4 <= self.bytes.count,
            let value = UInt32(String(decoding: self.bytes[self.index..<self.index + 4], as: UTF8.self), radix: 16)
        else { throw Failure(message: "invalid \\u escape") }
        self.index += 4
        return value
    }
}
