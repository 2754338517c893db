/// A streaming JSON writer that produces what PHP's `json_encode` (WordPress's `wp_json_encode`) writes:
/// compact, `/` escaped as `\/`, non-ASCII as `\uXXXX`. Clients must cope with exactly that.
///
/// Hand-written rather than `JSONSerialization`/`Codable` because a page of 100 orders is ~250 KB and
/// the simulator must serve thousands of orders per second; writing bytes directly keeps key order as
/// WooCommerce sends it, too.
struct JSONWriter: Sendable {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false
    private var depth = 0
    /// `_fields`: top-level keys to keep, applied to objects at `filterDepth` (1 for a single object,
    /// 2 for the items of a list).
    private let fieldFilter: Set<String>?
    private let filterDepth: Int

    init(capacity: Int = 4096, fields: Set<String>? = nil, filterDepth: Int = 1) {
        self.bytes.reserveCapacity(capacity)
        self.fieldFilter = fields
        self.filterDepth = filterDepth
    }

    private mutating func separate() {
        if self.needsComma { self.bytes.append(UInt8(ascii: ",")) }
    }

    mutating func beginObject() {
        self.separate()
        self.bytes.append(UInt8(ascii: "{"))
        self.depth += 1
        self.needsComma = false
    }

    mutating func endObject() {
        self.bytes.append(UInt8(ascii: "}"))
        self.depth -= 1
        self.needsComma = true
    }

    mutating func beginArray() {
        self.separate()
        self.bytes.append(UInt8(ascii: "["))
        self.depth += 1
        self.needsComma = false
    }

    mutating func endArray() {
        self.bytes.append(UInt8(ascii: "]"))
        self.depth -= 1
        self.needsComma = true
    }

    mutating func key(_ name: String) {
        self.separate()
        self.appendQuoted(name)
        self.bytes.append(UInt8(ascii: ":"))
        self.needsComma = false
    }

    /// Writes the key and returns true unless `_fields` filters this key out.
    mutating func field(_ name: String) -> Bool {
        if self.depth == self.filterDepth, let filter = self.fieldFilter, !filter.contains(name) {
            return false
        }
        self.key(name)
        return true
    }

    mutating func string(_ value: String) {
        self.separate()
        self.appendQuoted(value)
        self.needsComma = true
    }

    mutating func string(_ value: String?) {
        if let value { self.string(value) } else { self.null() }
    }

    mutating func int(_ value: Int) {
        self.separate()
        self.appendInteger(Int64(value))
        self.needsComma = true
    }

    mutating func int64(_ value: Int64) {
        self.separate()
        self.appendInteger(value)
        self.needsComma = true
    }

    mutating func bool(_ value: Bool) {
        self.raw(value ? "true" : "false")
    }

    mutating func null() {
        self.raw("null")
    }

    /// A PHP float as `json_encode` prints it with `serialize_precision = -1`: shortest round-trip form,
    /// whole numbers without a fraction (`39`, `24.900000000000002`).
    mutating func double(_ value: Double) {
        if value == value.rounded(), abs(value) < 1e15 {
            self.int64(Int64(value))
        } else {
            self.raw(value.description)
        }
    }

    /// Money as WooCommerce formats it: a string with the store's 2 decimals ("12.50", "-5.00").
    mutating func money(_ cents: Int) {
        self.separate()
        self.bytes.append(UInt8(ascii: "\""))
        self.appendMoney(cents)
        self.bytes.append(UInt8(ascii: "\""))
        self.needsComma = true
    }

    /// Money without trailing zeros, as coupon `discount` shows it ("5", "4.4", "8.16").
    mutating func trimmedMoney(_ cents: Int) {
        self.string(JSONWriter.trimmedMoney(cents))
    }

    static func money(_ cents: Int) -> String {
        var writer = JSONWriter(capacity: 16)
        writer.appendMoney(cents)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func trimmedMoney(_ cents: Int) -> String {
        var text = JSONWriter.money(cents)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A date in `YYYY-MM-DDTHH:MM:SS` form, or null.
    mutating func date(_ seconds: Int64?) {
        guard let seconds else { return self.null() }
        self.separate()
        self.bytes.append(UInt8(ascii: "\""))
        StoreTime.append(seconds, to: &self.bytes)
        self.bytes.append(UInt8(ascii: "\""))
        self.needsComma = true
    }

    /// Pre-encoded JSON (a literal or a fragment written by another writer).
    mutating func raw(_ json: String) {
        self.separate()
        self.bytes.append(contentsOf: json.utf8)
        self.needsComma = true
    }

    mutating func raw(bytes json: [UInt8]) {
        self.separate()
        self.bytes.append(contentsOf: json)
        self.needsComma = true
    }

    mutating func stringArray(_ values: [String]) {
        self.beginArray()
        for value in values { self.string(value) }
        self.endArray()
    }

    mutating func intArray(_ values: [Int]) {
        self.beginArray()
        for value in values { self.int(value) }
        self.endArray()
    }

    // MARK: - Encoding

    private mutating func appendMoney(_ cents: Int) {
        if cents < 0 { self.bytes.append(UInt8(ascii: "-")) }
        let magnitude = cents.magnitude
        self.appendInteger(Int64(magnitude / 100))
        self.bytes.append(UInt8(ascii: "."))
        let fraction = magnitude % 100
        self.bytes.append(UInt8(48 + fraction / 10))
        self.bytes.append(UInt8(48 + fraction % 10))
    }

    private mutating func appendInteger(_ value: Int64) {
        if value == 0 {
            self.bytes.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        if value < 0 { self.bytes.append(UInt8(ascii: "-")) }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(48 + magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) {
                self.bytes.append(buffer[index])
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendUnicodeEscape(_ unit: UInt16) {
        self.bytes.append(UInt8(ascii: "\\"))
        self.bytes.append(UInt8(ascii: "u"))
        self.bytes.append(JSONWriter.hexDigits[Int(unit >> 12)])
        self.bytes.append(JSONWriter.hexDigits[Int((unit >> 8) & 15)])
        self.bytes.append(JSONWriter.hexDigits[Int((unit >> 4) & 15)])
        self.bytes.append(JSONWriter.hexDigits[Int(unit & 15)])
    }

    private mutating func appendQuoted(_ value: String) {
        self.bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                if byte < 0x80 {
                    switch byte {
                    case UInt8(ascii: "\""): self.bytes.append(contentsOf: [92, 34])
                    case UInt8(ascii: "\\"): self.bytes.append(contentsOf: [92, 92])
                    case UInt8(ascii: "/"): self.bytes.append(contentsOf: [92, 47])
                    case 0x0A: self.bytes.append(contentsOf: [92, UInt8(ascii: "n")])
                    case 0x0D: self.bytes.append(contentsOf: [92, UInt8(ascii: "r")])
                    case 0x09: self.bytes.append(contentsOf: [92, UInt8(ascii: "t")])
                    case 0x08: self.bytes.append(contentsOf: [92, UInt8(ascii: "b")])
                    case 0x0C: self.bytes.append(contentsOf: [92, UInt8(ascii: "f")])
                    case 0..<0x20: self.appendUnicodeEscape(UInt16(byte))
                    default: self.bytes.append(byte)
                    }
                    index += 1
                    continue
                }
                // Decode one multi-byte scalar (the string is valid UTF-8) and escape it as PHP does.
                var scalar: UInt32
                var length: Int
                if byte & 0xE0 == 0xC0 {
                    scalar = UInt32(byte & 0x1F)
                    length = 2
                } else if byte & 0xF0 == 0xE0 {
                    scalar = UInt32(byte & 0x0F)
                    length = 3
                } else {
                    scalar = UInt32(byte & 0x07)
                    length = 4
                }
                for offset in 1..<length where index + offset < count {
                    scalar = (scalar << 6) | UInt32(utf8[index + offset] & 0x3F)
                }
                index += length
                if scalar >= 0x10000 {
                    let shifted = scalar - 0x10000
                    self.appendUnicodeEscape(UInt16(0xD800 + (shifted >> 10)))
                    self.appendUnicodeEscape(UInt16(0xDC00 + (shifted & 0x3FF)))
                } else {
                    self.appendUnicodeEscape(UInt16(scalar))
                }
            }
        }
        self.bytes.append(UInt8(ascii: "\""))
    }
}
