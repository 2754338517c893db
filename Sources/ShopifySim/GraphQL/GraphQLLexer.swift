/// Splits GraphQL source text into tokens (the October 2021 spec's lexical grammar: punctuators, names,
/// int/float literals, strings and block strings; commas, whitespace and comments are ignored).
struct GraphQLLexer {
    enum Kind: Sendable, Equatable {
        case punctuator(String)
        case name(String)
        case int(String)
        case float(String)
        case string(String)
        case end
    }

    struct Token: Sendable {
        var kind: Kind
        var location: SourceLocation

        /// How the token shows in a syntax error.
        var printed: String {
            switch self.kind {
            case .punctuator(let text): return "\"\(text)\""
            case .name(let text): return "\"\(text)\""
            case .int(let text), .float(let text): return text
            case .string(let text): return "\"\(text)\""
            case .end: return "end of file"
            }
        }
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(_ source: String) {
        self.bytes = Array(source.utf8)
    }

    static func tokens(_ source: String) throws(GraphQLError) -> [Token] {
        var lexer = GraphQLLexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var location: SourceLocation { SourceLocation(line: self.line, column: self.index - self.lineStart + 1) }

    private func peek(_ offset: Int = 0) -> UInt8? {
        self.index + offset < self.bytes.count ? self.bytes[self.index + offset] : nil
    }

    private mutating func newline() {
        self.line += 1
        self.lineStart = self.index
    }

    private mutating func skipIgnored() {
        while let byte = self.peek() {
            switch byte {
            case 0x20, 0x09, UInt8(ascii: ","), 0xEF, 0xBB, 0xBF:
                self.index += 1
            case 0x0A:
                self.index += 1
                self.newline()
            case 0x0D:
                self.index += 1
                if self.peek() == 0x0A { self.index += 1 }
                self.newline()
            case UInt8(ascii: "#"):
                while let c = self.peek(), c != 0x0A, c != 0x0D { self.index += 1 }
            default:
                return
            }
        }
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (65...90).contains(byte) || (97...122).contains(byte) || byte == UInt8(ascii: "_")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }

    mutating func next() throws(GraphQLError) -> Token {
        self.skipIgnored()
        let start = self.location
        guard let byte = self.peek() else { return Token(kind: .end, location: start) }
        if byte == UInt8(ascii: "."), self.peek(1) == UInt8(ascii: "."), self.peek(2) == UInt8(ascii: ".") {
            self.index += 3
            return Token(kind: .punctuator("..."), location: start)
        }
        if "!$&()[]{}:=@|".utf8.contains(byte) {
            self.index += 1
            return Token(kind: .punctuator(String(UnicodeScalar(byte))), location: start)
        }
        if GraphQLLexer.isNameStart(byte) {
            let from = self.index
            while let c = self.peek(), GraphQLLexer.isNameStart(c) || GraphQLLexer.isDigit(c) { self.index += 1 }
            return Token(kind: .name(String(decoding: self.bytes[from..<self.index], as: UTF8.self)), location: start)
        }
        if byte == UInt8(ascii: "-") || GraphQLLexer.isDigit(byte) {
            return try self.number(start: start)
        }
        if byte == UInt8(ascii: "\"") {
            if self.peek(1) == UInt8(ascii: "\""), self.peek(2) == UInt8(ascii: "\"") {
                return try self.blockString(start: start)
            }
            return try self.string(start: start)
        }
        throw GraphQLError.syntax("unexpected character \"\(String(UnicodeScalar(byte)))\"", at: start)
    }

    private mutating func number(start: SourceLocation) throws(GraphQLError) -> Token {
        let from = self.index
        var isFloat = false
        if self.peek() == UInt8(ascii: "-") { self.index += 1 }
        guard let first = self.peek(), GraphQLLexer.isDigit(first) else {
            throw GraphQLError.syntax("invalid number", at: start)
        }
        while let c = self.peek(), GraphQLLexer.isDigit(c) { self.index += 1 }
        if self.peek() == UInt8(ascii: "."), let d = self.peek(1), GraphQLLexer.isDigit(d) {
            isFloat = true
            self.index += 1
            while let c = self.peek(), GraphQLLexer.isDigit(c) { self.index += 1 }
        }
        if let e = self.peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            isFloat = true
            self.index += 1
            if let sign = self.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { self.index += 1 }
            guard let d = self.peek(), GraphQLLexer.isDigit(d) else {
                throw GraphQLError.syntax("invalid number", at: start)
            }
            while let c = self.peek(), GraphQLLexer.isDigit(c) { self.index += 1 }
        }
        if let c = self.peek(), GraphQLLexer.isNameStart(c) || c == UInt8(ascii: ".") {
            throw GraphQLError.syntax("invalid number", at: start)
        }
        let text = String(decoding: self.bytes[from..<self.index], as: UTF8.self)
        return Token(kind: isFloat ? .float(text) : .int(text), location: start)
    }

    private mutating func string(start: SourceLocation) throws(GraphQLError) -> Token {
        self.index += 1
        var out: [UInt8] = []
        while let byte = self.peek() {
            self.index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return Token(kind: .string(String(decoding: out, as: UTF8.self)), location: start)
            case 0x0A, 0x0D:
                throw GraphQLError.syntax("unterminated string", at: start)
            case UInt8(ascii: "\\"):
                guard let escaped = self.peek() else { break }
                self.index += 1
                switch escaped {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                case UInt8(ascii: "u"):
                    guard self.index + 4 <= self.bytes.count,
                        let unit = UInt32(
                            String(decoding: self.bytes[self.index..<self.index + 4], as: UTF8.self), radix: 16),
                        let scalar = Unicode.Scalar(unit)
                    else { throw GraphQLError.syntax("invalid unicode escape", at: start) }
                    self.index += 4
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw GraphQLError.syntax("invalid escape sequence", at: start)
                }
            default:
                out.append(byte)
            }
        }
        throw GraphQLError.syntax("unterminated string", at: start)
    }

    private mutating func blockString(start: SourceLocation) throws(GraphQLError) -> Token {
        self.index += 3
        var out: [UInt8] = []
        while let byte = self.peek() {
            if byte == UInt8(ascii: "\""), self.peek(1) == UInt8(ascii: "\""), self.peek(2) == UInt8(ascii: "\"") {
                self.index += 3
                return Token(
                    kind: .string(GraphQLLexer.blockValue(String(decoding: out, as: UTF8.self))), location: start)
            }
            if byte == UInt8(ascii: "\\"), self.peek(1) == UInt8(ascii: "\""), self.peek(2) == UInt8(ascii: "\""),
                self.peek(3) == UInt8(ascii: "\"")
            {
                out.append(contentsOf: Array("\"\"\"".utf8))
                self.index += 4
                continue
            }
            self.index += 1
            out.append(byte)
            if byte == 0x0A { self.newline() }
        }
        throw GraphQLError.syntax("unterminated string", at: start)
    }

    /// The spec's BlockStringValue: common indentation and blank first/last lines removed.
    static func blockValue(_ raw: String) -> String {
        var lines = raw.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var common: Int?
        for line in lines.dropFirst() {
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            if indent < line.count, indent < (common ?? Int.max) { common = indent }
        }
        if let common {
            lines = [lines[0]] + lines.dropFirst().map { String($0.dropFirst(min(common, $0.count))) }
        }
        while let first = lines.first, first.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

extension GraphQLError {
    /// A syntax error as Shopify reports one: HTTP 200, no data, the position in the message and `locations`.
    static func syntax(_ detail: String, at location: SourceLocation) -> GraphQLError {
        GraphQLError(
            "syntax error, \(detail) at [\(location.line), \(location.column)]", locations: [location])
    }
}
