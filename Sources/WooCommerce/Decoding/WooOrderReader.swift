import Foundation

extension WooOrder {
    /// Decodes a `GET /orders` page: exactly the orders `JSONDecoder` makes of it, several times faster.
    ///
    /// Orders are read straight from the bytes by ``WooOrderReader`` under the lenient rules of
    /// `init(from:)`. A body the reader does not take — malformed JSON, a schema violation such as an order
    /// without an id, or one of the few edge cases it leaves alone — is decoded again by `JSONDecoder`, so
    /// such bodies give the Codable path's result and, above all, its exact error.
    public static func decodeList(from data: Data) throws -> [WooOrder] {
        do {
            return try WooOrderReader.orders(in: data)
        } catch {
            return try WooJSON.decoder.decode([WooOrder].self, from: data)
        }
    }

    /// Decodes one order (`GET /orders/{id}`, a webhook body) like ``decodeList(from:)`` decodes a page.
    public static func decode(from data: Data) throws -> WooOrder {
        do {
            return try WooOrderReader.order(in: data)
        } catch {
            return try WooJSON.decoder.decode(WooOrder.self, from: data)
        }
    }
}

/// Reads WooCommerce orders from JSON bytes in one forward pass, building the models as it goes.
///
/// `JSONDecoder` spends most of an order's decoding time on generic metadata, keyed-container dictionaries
/// and thrown-and-caught errors (the lenient readers try one representation after another); this reader
/// looks at each value once and applies the same rules to what it finds. It is strict: it accepts only
/// valid JSON (RFC 8259, no trailing commas, UTF-8) and throws ``Failure`` for anything else, for every
/// body `init(from:)` would reject, and for the rare values whose Codable result it does not reproduce.
/// Callers go through ``WooOrder/decodeList(from:)``, which hands those bodies to `JSONDecoder`.
struct WooOrderReader {
    /// Why the reader gave up on a body.
    struct Failure: Error, CustomStringConvertible {
        enum Kind: Sendable {
            /// Not valid JSON, or JSON `JSONDecoder` only accepts because it validates lazily.
            case malformed
            /// Valid JSON that `init(from:)` rejects, e.g. an order without an id.
            case mismatch
            /// Valid JSON whose Codable result depends on parsing the reader leaves to `JSONDecoder`.
            case unsupported
        }

        let kind: Kind
        /// The byte offset in the body.
        let offset: Int
        let reason: String

        var description: String { "\(kind) at byte \(offset): \(reason)" }
    }

    /// The orders of a `GET /orders` body.
    static func orders(in data: Data) throws(Failure) -> [WooOrder] {
        try read(data) { (reader: inout WooOrderReader) throws(Failure) -> [WooOrder] in
            guard try reader.peek() == .openBracket else { throw reader.failure(.mismatch, "expected an array") }
            return try reader.elements(of: WooOrder.self)
        }
    }

    /// The order of a `GET /orders/{id}` body.
    static func order(in data: Data) throws(Failure) -> WooOrder {
        try read(data) { (reader: inout WooOrderReader) throws(Failure) -> WooOrder in
            try reader.element(WooOrder.self)
        }
    }

    static func read<T>(
        _ data: Data, _ body: (inout WooOrderReader) throws(Failure) -> T
    ) throws(Failure) -> T {
        let result = data.withUnsafeBytes { raw -> Result<T, Failure> in
            Result { () throws(Failure) -> T in
                let bytes = raw.bindMemory(to: UInt8.self)
                guard let base = bytes.baseAddress, !bytes.isEmpty else {
                    throw Failure(kind: .malformed, offset: 0, reason: "empty body")
                }
                var reader = WooOrderReader(bytes: base, count: bytes.count)
                let value = try body(&reader)
                try reader.finish()
                return value
            }
        }
        return try result.get()
    }

    // Valid only inside `read(_:_:)`'s `withUnsafeBytes`; the type never leaves this file's entry points.
    private let bytes: UnsafePointer<UInt8>
    private let count: Int
    private var index = 0
    private var depth = 0
    /// Escaped strings are unescaped here, reused so that `\/` in every URL costs no allocation.
    private var scratch: [UInt8] = []

    /// Well below `JSONDecoder`'s 512, so anything this deep is left to it and the recursion stays shallow.
    private static let maximumDepth = 200

    private init(bytes: UnsafePointer<UInt8>, count: Int) {
        self.bytes = bytes
        self.count = count
        scratch.reserveCapacity(256)
    }

    func failure(_ kind: Failure.Kind, _ reason: String) -> Failure {
        Failure(kind: kind, offset: index, reason: reason)
    }

    // MARK: - Structure

    /// The next byte that is not JSON whitespace, not consumed.
    @inline(__always)
    mutating func peek() throws(Failure) -> UInt8 {
        while index < count {
            let byte = bytes[index]
            switch byte {
            case .space, .newline, .carriageReturn, .tab: index += 1
            default: return byte
            }
        }
        throw failure(.malformed, "unexpected end of data")
    }

    private mutating func finish() throws(Failure) {
        while index < count {
            switch bytes[index] {
            case .space, .newline, .carriageReturn, .tab: index += 1
            default: throw failure(.malformed, "data after the top-level value")
            }
        }
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure(.unsupported, "nesting too deep") }
    }

    /// Consumes the `{` under the cursor; true when a member follows.
    mutating func beginObject() throws(Failure) -> Bool {
        index += 1
        try enter()
        guard try peek() == .closeBrace else { return true }
        index += 1
        depth -= 1
        return false
    }

    /// Consumes what follows a member: true after `,` (another member follows), false after `}`.
    mutating func nextMember() throws(Failure) -> Bool {
        switch try peek() {
        case .comma:
            index += 1
            return true
        case .closeBrace:
            index += 1
            depth -= 1
            return false
        default:
            throw failure(.malformed, "expected , or } in an object")
        }
    }

    /// Consumes the `[` under the cursor; true when an element follows.
    private mutating func beginArray() throws(Failure) -> Bool {
        index += 1
        try enter()
        guard try peek() == .closeBracket else { return true }
        index += 1
        depth -= 1
        return false
    }

    private mutating func nextElement() throws(Failure) -> Bool {
        switch try peek() {
        case .comma:
            index += 1
            return true
        case .closeBracket:
            index += 1
            depth -= 1
            return false
        default:
            throw failure(.malformed, "expected , or ] in an array")
        }
    }

    /// Reads a member's name and its `:`. Returns the model field it names, or nil for a name the model does
    /// not read — or has read already: `JSONDecoder` keeps the first of duplicate keys, so later ones are skipped.
    mutating func field<Key>(_ table: FieldTable<Key>, seen: inout UInt64) throws(Failure) -> Key? {
        guard try peek() == .quote else { throw failure(.malformed, "expected a member name") }
        index += 1
        let start = index
        var nonASCII = false
        var position: Int?
        while true {
            guard index < count else { throw failure(.malformed, "unterminated member name") }
            let byte = bytes[index]
            if byte == .quote {
                let name = UnsafeBufferPointer(start: bytes + start, count: index - start)
                position = table.index(of: name)
                // JSONDecoder makes a String of every key of an object it decodes, failing on invalid UTF-8.
                if position == nil, nonASCII, String(validating: name, as: UTF8.self) == nil {
                    throw failure(.malformed, "member name is not UTF-8")
                }
                index += 1
                break
            }
            if byte == .backslash {
                // Any name may be spelled with escapes; what counts is what it stands for.
                try unescapeString(from: start)
                position = scratch.withUnsafeBufferPointer { table.index(of: $0) }
                if position == nil, String(validating: scratch, as: UTF8.self) == nil {
                    throw failure(.malformed, "member name is not UTF-8")
                }
                break
            }
            guard byte >= 0x20 else { throw failure(.malformed, "control character in a member name") }
            if byte >= 0x80 { nonASCII = true }
            index += 1
        }
        guard try peek() == .colon else { throw failure(.malformed, "expected : after a member name") }
        index += 1
        guard let position else { return nil }
        let bit: UInt64 = 1 << UInt64(position)
        guard seen & bit == 0 else { return nil }
        seen |= bit
        return table.keys[position]
    }

    // MARK: - Strings

    /// Reads the string under the cursor.
    mutating func string() throws(Failure) -> String {
        index += 1
        let start = index
        var high: UInt8 = 0
        while index < count {
            let byte = bytes[index]
            if byte == .quote {
                let length = index - start
                index += 1
                if length == 0 { return "" }
                let span = UnsafeBufferPointer(start: bytes + start, count: length)
                if high < 0x80 { return String(decoding: span, as: UTF8.self) }
                guard let text = String(validating: span, as: UTF8.self) else {
                    throw failure(.malformed, "string is not UTF-8")
                }
                return text
            }
            if byte == .backslash {
                try unescapeString(from: start)
                guard let text = String(validating: scratch, as: UTF8.self) else {
                    throw failure(.malformed, "string is not UTF-8")
                }
                return text
            }
            guard byte >= 0x20 else { throw failure(.malformed, "control character in a string") }
            high |= byte
            index += 1
        }
        throw failure(.malformed, "unterminated string")
    }

    /// Unescapes the string that began at `start` into `scratch`, the cursor being at its first backslash;
    /// leaves the cursor after the closing quote. Rejects what `JSONDecoder` rejects when it reads a string:
    /// unknown escapes, bad hex digits, unpaired surrogates, control characters.
    private mutating func unescapeString(from start: Int) throws(Failure) {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + start, count: index - start))
        while index < count {
            let byte = bytes[index]
            switch byte {
            case .quote:
                index += 1
                return
            case .backslash:
                guard index + 1 < count else { throw failure(.malformed, "unterminated string") }
                let escaped = bytes[index + 1]
                index += 2
                switch escaped {
                case .quote, .backslash, .slash: scratch.append(escaped)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(.newline)
                case UInt8(ascii: "r"): scratch.append(.carriageReturn)
                case UInt8(ascii: "t"): scratch.append(.tab)
                case UInt8(ascii: "u"): try unescapeUnicode()
                default: throw failure(.malformed, "unknown escape in a string")
                }
            default:
                guard byte >= 0x20 else { throw failure(.malformed, "control character in a string") }
                scratch.append(byte)
                index += 1
            }
        }
        throw failure(.malformed, "unterminated string")
    }

    /// After `\u`: one code point, or a surrogate pair spelled as two escapes, appended as UTF-8.
    private mutating func unescapeUnicode() throws(Failure) {
        let unit = try hexQuad()
        var scalarValue = UInt32(unit)
        if UTF16.isLeadSurrogate(unit) {
            guard index + 1 < count, bytes[index] == .backslash, bytes[index + 1] == UInt8(ascii: "u") else {
                throw failure(.malformed, "high surrogate without a low one")
            }
            index += 2
            let trail = try hexQuad()
            guard UTF16.isTrailSurrogate(trail) else { throw failure(.malformed, "high surrogate without a low one") }
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(trail) - 0xDC00)
        }
        guard Unicode.Scalar(scalarValue) != nil else { throw failure(.malformed, "unpaired low surrogate") }
        switch scalarValue {
        case ..<0x80:
            scratch.append(UInt8(scalarValue))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | scalarValue >> 6))
            scratch.append(UInt8(0x80 | scalarValue & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | scalarValue >> 12))
            scratch.append(UInt8(0x80 | scalarValue >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalarValue & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalarValue >> 18))
            scratch.append(UInt8(0x80 | scalarValue >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalarValue >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalarValue & 0x3F))
        }
    }

    private mutating func hexQuad() throws(Failure) -> UInt16 {
        guard index + 4 <= count else { throw failure(.malformed, "truncated \\u escape") }
        var value: UInt16 = 0
        for offset in 0..<4 {
            guard let digit = Self.hexDigit(bytes[index + offset]) else {
                throw failure(.malformed, "bad hex digit in a \\u escape")
            }
            value = value << 4 | UInt16(digit)
        }
        index += 4
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Passes over a string nobody reads. `JSONDecoder` never looks inside those, so neither does this
    /// (beyond the escapes and control characters that decide where the string ends and whether it is JSON).
    private mutating func skipString() throws(Failure) {
        index += 1
        while index < count {
            let byte = bytes[index]
            if byte == .quote {
                index += 1
                return
            }
            if byte == .backslash {
                guard index + 1 < count else { throw failure(.malformed, "unterminated string") }
                switch bytes[index + 1] {
                case .quote, .backslash, .slash, UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                    UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    index += 2
                    _ = try hexQuad()
                default:
                    throw failure(.malformed, "unknown escape in a string")
                }
                continue
            }
            guard byte >= 0x20 else { throw failure(.malformed, "control character in a string") }
            index += 1
        }
        throw failure(.malformed, "unterminated string")
    }

    // MARK: - Literals and numbers

    private mutating func literal(_ text: StaticString) throws(Failure) {
        let length = text.utf8CodeUnitCount
        guard index + length <= count else { throw failure(.malformed, "truncated literal") }
        let expected = text.utf8Start
        for offset in 0..<length where bytes[index + offset] != expected[offset] {
            throw failure(.malformed, "unknown literal")
        }
        index += length
    }

    /// Reads `true` or `false` under the cursor.
    private mutating func bool() throws(Failure) -> Bool {
        if bytes[index] == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    /// Where a number's text is in the body; `isInteger` when it has neither fraction nor exponent.
    struct NumberToken {
        let start: Int
        let end: Int
        let isInteger: Bool
    }

    /// Reads the number under the cursor, checking it against JSON's grammar (no leading zeros, digits after
    /// `.` and `e`), which `JSONDecoder` checks only when it reads a number.
    private mutating func number() throws(Failure) -> NumberToken {
        let start = index
        var isInteger = true
        if bytes[index] == .minus { index += 1 }
        guard index < count else { throw failure(.malformed, "truncated number") }
        if bytes[index] == .digitZero {
            index += 1
        } else if bytes[index].isDigit {
            skipDigits()
        } else {
            throw failure(.malformed, "expected a digit")
        }
        if index < count, bytes[index] == .dot {
            isInteger = false
            index += 1
            guard index < count, bytes[index].isDigit else { throw failure(.malformed, "expected a digit after .") }
            skipDigits()
        }
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < count, bytes[index] == .plus || bytes[index] == .minus { index += 1 }
            guard index < count, bytes[index].isDigit else { throw failure(.malformed, "expected an exponent") }
            skipDigits()
        }
        return NumberToken(start: start, end: index, isInteger: isInteger)
    }

    private mutating func skipDigits() {
        while index < count, bytes[index].isDigit { index += 1 }
    }

    private func text(of token: NumberToken) -> String {
        String(decoding: UnsafeBufferPointer(start: bytes + token.start, count: token.end - token.start), as: UTF8.self)
    }

    /// What `JSONDecoder`'s `decode(Int.self)` makes of a number.
    enum IntegerReading {
        case value(Int)
        /// It throws: a fraction, or out of range.
        case notAnInteger
        /// An integral value of magnitude 2^53 or more that is not a plain literal within `Int`'s range, which
        /// `JSONDecoder` reads through `Decimal` with rules of its own.
        case unsupported
    }

    private func integer(_ token: NumberToken) -> IntegerReading {
        if token.isInteger, let value = exactInteger(token) { return .value(value) }
        // Like JSONDecoder: through Double, accepting only integral values it can tell apart exactly.
        guard let double = Double(text(of: token)) else { return .unsupported }
        guard let value = Int(exactly: double) else { return .notAnInteger }
        return double.magnitude < 9_007_199_254_740_992 ? .value(value) : .unsupported
    }

    /// An integer literal's value, nil when it does not fit an `Int`.
    private func exactInteger(_ token: NumberToken) -> Int? {
        var position = token.start
        let negative = bytes[position] == .minus
        if negative { position += 1 }
        var magnitude: UInt64 = 0
        if token.end - position <= 18 {
            while position < token.end {
                magnitude = magnitude &* 10 &+ UInt64(bytes[position] &- .digitZero)
                position += 1
            }
        } else {
            while position < token.end {
                let (product, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, carry) = product.addingReportingOverflow(UInt64(bytes[position] &- .digitZero))
                guard !overflow, !carry else { return nil }
                magnitude = sum
                position += 1
            }
        }
        if negative {
            guard magnitude <= UInt64(Int.max) + 1 else { return nil }
            return Int(truncatingIfNeeded: 0 &- magnitude)
        }
        return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
    }

    /// What `JSONDecoder`'s `decode(Decimal.self)` makes of a number; nil where it throws (beyond `Decimal`'s
    /// range). JSONDecoder's parser is the one behind `Decimal(string:)`, which is what is used here but for
    /// the common case of a price: a non-zero plain number of at most 18 digits, whose digits and exponent
    /// give the same (compacted) `Decimal` directly.
    private func decimal(_ token: NumberToken) -> Decimal? {
        var position = token.start
        let negative = bytes[position] == .minus
        if negative { position += 1 }
        var significand: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var inFraction = false
        while position < token.end {
            let byte = bytes[position]
            position += 1
            if byte == .dot {
                inFraction = true
                continue
            }
            guard byte.isDigit, digits < 18 else { return Decimal(string: text(of: token)) }
            significand = significand * 10 + UInt64(byte &- .digitZero)
            digits += 1
            if inFraction { fractionDigits += 1 }
        }
        // Zero keeps JSONDecoder's own spelling ("-0" is 0, not a negative zero).
        guard significand != 0 else { return Decimal(string: text(of: token)) }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fractionDigits, significand: Decimal(significand))
    }

    private func unsupportedNumber(_ token: NumberToken) -> Failure {
        Failure(kind: .unsupported, offset: token.start, reason: "integer beyond 2^53 in non-integer notation")
    }

    // MARK: - Skipping

    /// Passes over a value of any shape, checking that it is JSON.
    mutating func skipValue() throws(Failure) {
        switch try peek() {
        case .quote:
            try skipString()
        case .openBrace:
            var more = try beginObject()
            while more {
                guard try peek() == .quote else { throw failure(.malformed, "expected a member name") }
                try skipString()
                guard try peek() == .colon else { throw failure(.malformed, "expected : after a member name") }
                index += 1
                try skipValue()
                more = try nextMember()
            }
        case .openBracket:
            var more = try beginArray()
            while more {
                try skipValue()
                more = try nextElement()
            }
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try bool()
        case UInt8(ascii: "n"):
            try literal("null")
        case .minus, UInt8.digitZero...UInt8.digitNine:
            _ = try number()
        default:
            throw failure(.malformed, "expected a value")
        }
    }

    // MARK: - Lenient values, as KeyedDecodingContainer+Lenient reads them

    /// `lenientOptionalString`: text as is, integers and decimals as their text, booleans as `true`/`false`.
    mutating func lenientString() throws(Failure) -> String? {
        switch try peek() {
        case .quote:
            return try string()
        case .minus, UInt8.digitZero...UInt8.digitNine:
            let token = try number()
            switch integer(token) {
            case .value(let value): return String(value)
            case .notAnInteger: return decimal(token).map { "\($0)" }
            case .unsupported: throw unsupportedNumber(token)
            }
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return WooLenient.string(fromBool: try bool())
        default:
            try skipValue()
            return nil
        }
    }

    /// `lenientOptionalInt`: integers, numeric text, and other numbers truncated when they are reasonable.
    mutating func lenientInt() throws(Failure) -> Int? {
        switch try peek() {
        case .quote:
            return WooLenient.int(fromText: try string())
        case .minus, UInt8.digitZero...UInt8.digitNine:
            let token = try number()
            switch integer(token) {
            case .value(let value):
                return value
            case .notAnInteger:
                return Double(text(of: token)).flatMap(WooLenient.int(fromDouble:))
            case .unsupported:
                throw unsupportedNumber(token)
            }
        default:
            try skipValue()
            return nil
        }
    }

    /// `requiredInt`: what `lenientInt` reads, which must be there.
    mutating func requiredInt(_ field: String) throws(Failure) -> Int {
        guard let value = try lenientInt() else { throw failure(.mismatch, "\(field) is not an integer") }
        return value
    }

    /// `lenientOptionalBool`: booleans, integers (non-zero is true) and WordPress's option words.
    mutating func lenientBool() throws(Failure) -> Bool? {
        switch try peek() {
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return try bool()
        case .minus, UInt8.digitZero...UInt8.digitNine:
            let token = try number()
            switch integer(token) {
            case .value(let value): return WooLenient.bool(fromInt: value)
            case .notAnInteger: return nil
            case .unsupported: throw unsupportedNumber(token)
            }
        case .quote:
            return WooLenient.bool(fromText: try string())
        default:
            try skipValue()
            return nil
        }
    }

    /// `optionalMoney`: a decimal string or a number; nil for `""`, null and anything else.
    mutating func money() throws(Failure) -> WooMoney? {
        switch try peek() {
        case .quote:
            return WooMoney(try string())
        case .minus, UInt8.digitZero...UInt8.digitNine:
            return decimal(try number()).map(WooMoney.init)
        default:
            try skipValue()
            return nil
        }
    }

    /// `gmtDate`: a UTC date from a `*_gmt` string.
    mutating func gmtDate() throws(Failure) -> Date? {
        guard try peek() == .quote else {
            try skipValue()
            return nil
        }
        return WooDate.parseGMT(try string())
    }

    /// `lenientObject`: the model when the value is an object; nil for null, `[]` and anything else.
    mutating func lenientObject<T: WooOrderReadable>(_ type: T.Type) throws(Failure) -> T? {
        guard try peek() == .openBrace else {
            try skipValue()
            return nil
        }
        return try T(reading: &self)
    }

    /// `lenientArray`: `[]` for null; an array's elements must all be the model's objects.
    mutating func lenientArray<T: WooOrderReadable>(_ type: T.Type) throws(Failure) -> [T] {
        switch try peek() {
        case .openBracket:
            return try elements(of: T.self)
        case UInt8(ascii: "n"):
            try literal("null")
            return []
        default:
            throw failure(.mismatch, "expected an array")
        }
    }

    /// The array under the cursor, each element one of the model's objects.
    mutating func elements<T: WooOrderReadable>(of type: T.Type) throws(Failure) -> [T] {
        var result: [T] = []
        var more = try beginArray()
        while more {
            result.append(try element(T.self))
            more = try nextElement()
        }
        return result
    }

    /// The model object under the cursor; anything else (null included) is what `init(from:)` rejects.
    mutating func element<T: WooOrderReadable>(_ type: T.Type) throws(Failure) -> T {
        guard try peek() == .openBrace else { throw failure(.mismatch, "expected an object") }
        return try T(reading: &self)
    }

    /// A meta value as `JSONValue.init(from:)` reads it; nil for null, and for the values it throws on (a
    /// number beyond `Double`'s range, anywhere inside), which `WooMetaData` turns into `.null` or nil.
    mutating func metaValue() throws(Failure) -> JSONValue? {
        if try peek() == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        return try jsonValue()
    }

    private mutating func jsonValue() throws(Failure) -> JSONValue? {
        switch try peek() {
        case .quote:
            return .string(try string())
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return .bool(try bool())
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case .minus, UInt8.digitZero...UInt8.digitNine:
            let token = try number()
            switch integer(token) {
            case .value(let value):
                return .int(value)
            case .notAnInteger:
                guard let value = Double(text(of: token)), value.isFinite else { return nil }
                return .double(value)
            case .unsupported:
                throw unsupportedNumber(token)
            }
        case .openBracket:
            var values: [JSONValue] = []
            var valid = true
            var more = try beginArray()
            while more {
                if let value = try jsonValue() {
                    values.append(value)
                } else {
                    valid = false
                }
                more = try nextElement()
            }
            return valid ? .array(values) : nil
        case .openBrace:
            var object: [String: JSONValue] = [:]
            var valid = true
            var more = try beginObject()
            while more {
                guard try peek() == .quote else { throw failure(.malformed, "expected a member name") }
                let key = try string()
                guard try peek() == .colon else { throw failure(.malformed, "expected : after a member name") }
                index += 1
                if object[key] != nil {
                    // The first of duplicate keys wins, and JSONDecoder never reads the others.
                    try skipValue()
                } else if let value = try jsonValue() {
                    object[key] = value
                } else {
                    valid = false
                }
                more = try nextMember()
            }
            return valid ? .object(object) : nil
        default:
            throw failure(.malformed, "expected a value")
        }
    }
}

/// A model ``WooOrderReader`` builds from the object under its cursor, with the rules of its `init(from:)`.
protocol WooOrderReadable {
    init(reading reader: inout WooOrderReader) throws(WooOrderReader.Failure)
}

/// One model's JSON field names, found from a key's raw bytes without making a `String` of it.
struct FieldTable<Key: CodingKey & Sendable>: Sendable {
    /// The fields, by position; a position is also the field's bit in a `seen` mask.
    let keys: [Key]
    private let names: [UInt8]
    /// Where each name starts in `names`; one more entry than `keys`, for the end of the last.
    private let starts: [Int]
    /// Open addressing over ``hash(_:)``: a position, or -1 for an empty slot.
    private let slots: [Int8]

    private static var slotMask: Int { 255 }

    init(_ keys: [Key]) {
        precondition(keys.count <= 64, "a seen mask has 64 bits")
        self.keys = keys
        var names: [UInt8] = []
        var starts: [Int] = []
        var slots = [Int8](repeating: -1, count: Self.slotMask + 1)
        for (position, key) in keys.enumerated() {
            let name = Array(key.stringValue.utf8)
            starts.append(names.count)
            names.append(contentsOf: name)
            var slot = name.withUnsafeBufferPointer { Self.hash($0) }
            while slots[slot] >= 0 { slot = (slot + 1) & Self.slotMask }
            slots[slot] = Int8(position)
        }
        starts.append(names.count)
        self.names = names
        self.starts = starts
        self.slots = slots
    }

    /// Length and three sampled bytes: enough to spread one model's names, and far cheaper than hashing every
    /// byte of every key in every object. Whether a name really matches is decided by comparing it whole.
    private static func hash(_ name: UnsafeBufferPointer<UInt8>) -> Int {
        let count = name.count
        guard count > 0 else { return 0 }
        var hash = UInt32(truncatingIfNeeded: count) &* 0x9E37_79B1
        hash ^= UInt32(name[0]) &* 0x85EB_CA6B
        hash ^= UInt32(name[count / 2]) &* 0xC2B2_AE35
        hash ^= UInt32(name[count - 1]) &* 0x27D4_EB2F
        hash ^= hash >> 16
        return Int(hash) & slotMask
    }

    /// The position of the field with this name, if the model has one.
    func index(of name: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Self.hash(name)
        return names.withUnsafeBufferPointer { stored -> Int? in
            while true {
                let position = Int(slots[slot])
                guard position >= 0 else { return nil }
                let start = starts[position]
                if starts[position + 1] - start == name.count {
                    guard let storedBase = stored.baseAddress, let nameBase = name.baseAddress else {
                        return name.isEmpty ? position : nil
                    }
                    if memcmp(storedBase + start, nameBase, name.count) == 0 { return position }
                }
                slot = (slot + 1) & Self.slotMask
            }
        }
    }
}

extension UInt8 {
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let newline = UInt8(ascii: "\n")
    fileprivate static let carriageReturn = UInt8(ascii: "\r")
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let backslash = UInt8(ascii: "\\")
    fileprivate static let slash = UInt8(ascii: "/")
    fileprivate static let comma = UInt8(ascii: ",")
    fileprivate static let colon = UInt8(ascii: ":")
    fileprivate static let openBrace = UInt8(ascii: "{")
    fileprivate static let closeBrace = UInt8(ascii: "}")
    fileprivate static let openBracket = UInt8(ascii: "[")
    fileprivate static let closeBracket = UInt8(ascii: "]")
    fileprivate static let minus = UInt8(ascii: "-")
    fileprivate static let plus = UInt8(ascii: "+")
    fileprivate static let dot = UInt8(ascii: ".")
    fileprivate static let digitZero = UInt8(ascii: "0")
    fileprivate static let digitNine = UInt8(ascii: "9")

    fileprivate var isDigit: Bool { self &- .digitZero < 10 }
}

// MARK: - The models

// Every model but meta data is built from its `Fields`, which the Codable path fills too, so its defaults exist
// once (meta values follow `JSONValue`'s own decoding, see `metaValue()`). The field tables are built from the
// models' own CodingKeys.

extension WooOrder: WooOrderReadable {
    private static let fields = FieldTable<CodingKeys>([
        .id, .parentID, .number, .orderKey, .createdVia, .version, .status, .currency, .currencySymbol,
        .pricesIncludeTax, .dateCreated, .dateModified, .datePaid, .dateCompleted, .discountTotal, .discountTax,
        .shippingTotal, .shippingTax, .cartTax, .total, .totalTax, .customerID, .customerIPAddress,
        .customerUserAgent, .customerNote, .billing, .shipping, .paymentMethod, .paymentMethodTitle,
        .transactionID, .cartHash, .metaData, .lineItems, .taxLines, .shippingLines, .feeLines, .couponLines,
        .refunds, .paymentURL, .isEditable, .needsPayment, .needsProcessing,
    ])

    init(reading reader: inout WooOrderReader) throws(WooOrderReader.Failure) {
        var id: Int?
        var found = Fields()

        let fields = Self.fields
        var seen: UInt64 = 0
        var more = try reader.beginObject()
        while more {
            switch try reader.field(fields, seen: &seen) {
            case .id?: id = try reader.requiredInt("order id")
            case .parentID?: found.parentID = try reader.lenientInt()
            case .number?: found.number = try reader.lenientString()
            case .orderKey?: found.orderKey = try reader.lenientString()
            case .createdVia?: found.createdVia = try reader.lenientString()
            case .version?: found.version = try reader.lenientString()
            case .status?: found.status = try reader.lenientString()
            case .currency?: found.currency = try reader.lenientString()
            case .currencySymbol?: found.currencySymbol = try reader.lenientString()
            case .pricesIncludeTax?: found.pricesIncludeTax = try reader.lenientBool()
            case .dateCreated?: found.dateCreated = try reader.gmtDate()
            case .dateModified?: found.dateModified = try reader.gmtDate()
            case .datePaid?: found.datePaid = try reader.gmtDate()
            case .dateCompleted?: found.dateCompleted = try reader.gmtDate()
            case .discountTotal?: found.discountTotal = try reader.money()
            case .discountTax?: found.discountTax = try reader.money()
            case .shippingTotal?: found.shippingTotal = try reader.money()
            case .shippingTax?: found.shippingTax = try reader.money()
            case .cartTax?: found.cartTax = try reader.money()
            case .total?: found.total = try reader.money()
            case .totalTax?: found.totalTax = try reader.money()
            case .customerID?: found.customerID = try reader.lenientInt()
            case .customerIPAddress?: found.customerIPAddress = try reader.lenientString()
            case .customerUserAgent?: found.customerUserAgent = try reader.lenientString()
            case .customerNote?: found.customerNote = try reader.lenientString()
            case .billing?: found.billing = try reader.lenientObject(WooAddress.self)
            case .shipping?: found.shipping = try reader.lenientObject(WooAddress.self)
            case .paymentMethod?: found.paymentMethod = try reader.lenientString()
            case .paymentMethodTitle?: found.paymentMethodTitle = try reader.lenientString()
            case .transactionID?: found.transactionID = try reader.lenientString()
            case .cartHash?: found.cartHash = try reader.lenientString()
            case .metaData?: found.metaData = try reader.lenientArray(WooMetaData.self)
            case .lineItems?: found.lineItems = try reader.lenientArray(WooLineItem.self)
            case .taxLines?: found.taxLines = try reader.lenientArray(WooTaxLine.self)
            case .shippingLines?: found.shippingLines = try reader.lenientArray(WooShippingLine.self)
            case .feeLines?: found.feeLines = try reader.lenientArray(WooFeeLine.self)
            case .couponLines?: found.couponLines = try reader.lenientArray(WooCouponLine.self)
            case .refunds?: found.refunds = try reader.lenientArray(WooRefundSummary.self)
            case .paymentURL?: found.paymentURL = try reader.lenientString()
            case .isEditable?: found.isEditable = try reader.lenientBool()
            case .needsPayment?: found.needsPayment = try reader.lenientBool()
            case .needsProcessing?: found.needsProcessing = try reader.lenientBool()
            case nil: try reader.skipValue()
            }
            more = try reader.nextMember()
        }
        guard let id else { throw reader.failure(.mismatch, "order without an id") }

        self.init(id: id, found)
    }
}

extension WooAddress: WooOrderReadable {
    private static let fields = FieldTable<CodingKeys>([
        .firstName, .lastName, .company, .address1, .address2, .city, .state, .postcode, .country, .email, .phone,
    ])

    init(reading reader: inout WooOrderReader) throws(WooOrderReader.Failure) {
        var found = Fields()

        let fields = Self.fields
        var seen: UInt64 = 0
        var more = try reader.beginObject()
        while more {
            switch try reader.field(fields, seen: &seen) {
            case .firstName?: found.firstName = try reader.lenientString()
            case .lastName?: found.lastName = try reader.lenientString()
            case .company?: found.company = try reader.lenientString()
            case .address1?: found.address1 = try reader.lenientString()
            case .address2?: found.address2 = try reader.lenientString()
            case .city?: found.city = try reader.lenientString()
            case .state?: found.state = try reader.lenientString()
            case .postcode?: found.postcode = try reader.lenientString()
            case .country?: found.country = try reader.lenientString()
            case .email?: found.email = try reader.lenientString()
            case .phone?: found.phone = try reader.lenientString()
            case nil: try reader.skipValue()
            }
            more = try reader.nextMember()
        }

        self.init(found)
    }
}

extension WooMetaData: WooOrderReadable {
    private static let fields = FieldTable<CodingKeys>([.id, .key, .value, .displayKey, .displayValue])

    init(reading reader: inout WooOrderReader) throws(WooOrderReader.Failure) {
        var id: Int?
        var key: String?
        var value: JSONValue?
        var displayKey: String?
        var displayValue: JSONValue?

        let fields = Self.fields
        var seen: UInt64 = 0
        var more = try reader.beginObject()
        while more {
            switch try reader.field(fields, seen: &seen) {
            case .id?: id = try reader.lenientInt()
            case .key?: key = try reader.lenientString()
            case .value?: value = try reader.metaValue()
            case .displayKey?: displayKey = try reader.lenientString()
            case .displayValue?: displayValue = try reader.metaValue()
            case nil: try reader.skipValue()
            }
            more = try reader.nextMember()
        }

        self.id = id
        self.key = key ?? ""
        self.value = value ?? .null
        self.displayKey = displayKey
        self.displayValue = displayValue
    }
}

extension WooLineItem: WooOrderReadable {
    private static let fields = FieldTable<CodingKeys>([
        .id, .name, .productID, .variationID, .quantity, .taxClass, .subtotal, .subtotalTax, .total, .totalTax,
        .taxes, .metaData, .sku, .price, .image, .parentName,
    ])

    init(reading reader: inout WooOrderReader) throws(WooOrderReader.Failure) {
        var id: Int?
        var found = Fields()

        let fields = Self.fields
        var seen: UInt64 = 0
        var more = try reader.beginObject()
        while more {
            switch try reader.field(fields, seen: &seen) {
            case .id?: id = try reader.requiredInt("line item id")
            case .name?: found.name = try reader.lenientString()
            case .productID?: found.productID = try reader.lenientInt()
            case .variationID?: found.variationID = try reader.lenientInt()
            case .quantity?: found.quantity = try reader.lenientInt()
            case .taxClass?: found.taxClass = try reader.lenientString()
            case .subtotal?: found.subtotal = try reader.money()
            case .subtotalTax?: found.subtotalTax = try reader.money()
            case .total?: found.total = try reader.money()
            case .totalTax?: found.totalTax = try reader.money()
            case .taxes?: found.taxes = try reader.lenientArray(WooTaxAmount.self)
            case .metaData?: found.metaData = try reader.lenientArray(WooMetaData.self)
            case .sku?: found.sku = try reader.lenientString()
            case .price?: found.price = try reader.money()
            case .image?: found.image = try reader.lenientObject(WooImage.self)
            case .parentName?: found.parentName = try reader.lenientString()
            case nil: try reader.skipValue()
            }
            more = try reader.nextMember()
        }
        guard let id else { throw reader.failure(.mismatch, "line item without an id") }

        self.init(id: id, found)
    }
}

extension WooTaxAmount: WooOrderReadable {
    private static let fields = FieldTable<CodingKeys>([.id, .total, .subtotal])

    init(reading reader: inout WooOrderReader) throws(WooOrderReader.Failure) {
        var found = Fields()

        let fields = Self.fields
        var seen: UInt64 = 0
        var more = try reader.beginObject()
        while more {
            switch try reader.field(fields, seen: &seen) {
            case .id?: found.id = try reader.lenientInt()
            case .total?: found.total = try reader.money()
            case .subtotal?: found.subtotal = try reader.money()
            case nil: try reader.skipValue()
            }
            more = try reader.nextMember()
        }

        self.init(found)
    }
}

extension WooImage: WooOrderReadable {
    private static let fields = FieldTable<CodingKeys>([.id, .src, .name])

    init(reading reader: inout WooOrderReader) throws(WooOrderReader.Failure) {
        var found = Fields()

        let fields = Self.fields
        var seen: UInt64 = 0
        var more = try reader.beginObject()
        while more {
            switch try reader.field(fields, seen: &seen) {
            case .id?: found.id = try reader.lenientInt()
            case .src?: found.src = try reader.lenientString()
            case .name?: found.name = try reader.lenientString()
            case nil: try reader.skipValue()
            }
            more = try reader.nextMember()
        }

        self.init(found)
    }
}

extension WooTaxLine: WooOrderReadable {
    private static let fields = FieldTable<CodingKeys>([
        .id, .rateCode, .rateID, .label, .compound, .taxTotal, .shippingTaxTotal, .ratePercent,
    ])

    init(reading reader: inout WooOrderReader) throws(WooOrderReader.Failure) {
        var id: Int?
        var found = Fields()

        let fields = Self.fields
        var seen: UInt64 = 0
        var more = try reader.beginObject()
        while more {
            switch try reader.field(fields, seen: &seen) {
            case .id?: id = try reader.requiredInt("tax line id")
            case .rateCode?: found.rateCode = try reader.lenientString()
            case .rateID?: found.rateID = try reader.lenientInt()
            case .label?: found.label = try reader.lenientString()
            case .compound?: found.compound = try reader.lenientBool()
            case .taxTotal?: found.taxTotal = try reader.money()
            case .shippingTaxTotal?: found.shippingTaxTotal = try reader.money()
            case .ratePercent?: found.ratePercent = try reader.money()
            case nil: try reader.skipValue()
            }
            more = try reader.nextMember()
        }
        guard let id else { throw reader.failure(.mismatch, "tax line without an id") }

        self.init(id: id, found)
    }
}

extension WooShippingLine: WooOrderReadable {
    private static let fields = FieldTable<CodingKeys>([
        .id, .methodTitle, .methodID, .instanceID, .total, .totalTax, .taxes, .metaData,
    ])

    init(reading reader: inout WooOrderReader) throws(WooOrderReader.Failure) {
        var id: Int?
        var found = Fields()

        let fields = Self.fields
        var seen: UInt64 = 0
        var more = try reader.beginObject()
        while more {
            switch try reader.field(fields, seen: &seen) {
            case .id?: id = try reader.requiredInt("shipping line id")
            case .methodTitle?: found.methodTitle = try reader.lenientString()
            case .methodID?: found.methodID = try reader.lenientString()
            case .instanceID?: found.instanceID = try reader.lenientString()
            case .total?: found.total = try reader.money()
            case .totalTax?: found.totalTax = try reader.money()
            case .taxes?: found.taxes = try reader.lenientArray(WooTaxAmount.self)
            case .metaData?: found.metaData = try reader.lenientArray(WooMetaData.self)
            case nil: try reader.skipValue()
            }
            more = try reader.nextMember()
        }
        guard let id else { throw reader.failure(.mismatch, "shipping line without an id") }

        self.init(id: id, found)
    }
}

extension WooFeeLine: WooOrderReadable {
    private static let fields = FieldTable<CodingKeys>([
        .id, .name, .taxClass, .taxStatus, .amount, .total, .totalTax, .taxes, .metaData,
    ])

    init(reading reader: inout WooOrderReader) throws(WooOrderReader.Failure) {
        var id: Int?
        var found = Fields()

        let fields = Self.fields
        var seen: UInt64 = 0
        var more = try reader.beginObject()
        while more {
            switch try reader.field(fields, seen: &seen) {
            case .id?: id = try reader.requiredInt("fee line id")
            case .name?: found.name = try reader.lenientString()
            case .taxClass?: found.taxClass = try reader.lenientString()
            case .taxStatus?: found.taxStatus = try reader.lenientString()
            case .amount?: found.amount = try reader.lenientString()
            case .total?: found.total = try reader.money()
            case .totalTax?: found.totalTax = try reader.money()
            case .taxes?: found.taxes = try reader.lenientArray(WooTaxAmount.self)
            case .metaData?: found.metaData = try reader.lenientArray(WooMetaData.self)
            case nil: try reader.skipValue()
            }
            more = try reader.nextMember()
        }
        guard let id else { throw reader.failure(.mismatch, "fee line without an id") }

        self.init(id: id, found)
    }
}

extension WooCouponLine: WooOrderReadable {
    private static let fields = FieldTable<CodingKeys>([.id, .code, .discount, .discountTax, .metaData])

    init(reading reader: inout WooOrderReader) throws(WooOrderReader.Failure) {
        var id: Int?
        var found = Fields()

        let fields = Self.fields
        var seen: UInt64 = 0
        var more = try reader.beginObject()
        while more {
            switch try reader.field(fields, seen: &seen) {
            case .id?: id = try reader.requiredInt("coupon line id")
            case .code?: found.code = try reader.lenientString()
            case .discount?: found.discount = try reader.money()
            case .discountTax?: found.discountTax = try reader.money()
            case .metaData?: found.metaData = try reader.lenientArray(WooMetaData.self)
            case nil: try reader.skipValue()
            }
            more = try reader.nextMember()
        }
        guard let id else { throw reader.failure(.mismatch, "coupon line without an id") }

        self.init(id: id, found)
    }
}

extension WooRefundSummary: WooOrderReadable {
    private static let fields = FieldTable<CodingKeys>([.id, .reason, .total])

    init(reading reader: inout WooOrderReader) throws(WooOrderReader.Failure) {
        var id: Int?
        var found = Fields()

        let fields = Self.fields
        var seen: UInt64 = 0
        var more = try reader.beginObject()
        while more {
            switch try reader.field(fields, seen: &seen) {
            case .id?: id = try reader.requiredInt("refund id")
            case .reason?: found.reason = try reader.lenientString()
            case .total?: found.total = try reader.money()
            case nil: try reader.skipValue()
            }
            more = try reader.nextMember()
        }
        guard let id else { throw reader.failure(.mismatch, "refund without an id") }

        self.init(id: id, found)
    }
}
