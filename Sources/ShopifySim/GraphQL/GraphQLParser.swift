/// A recursive-descent parser for executable GraphQL documents (operations and fragments; type-system
/// definitions are refused, as a server must).
struct GraphQLParser {
    private let tokens: [GraphQLLexer.Token]
    private var position = 0

    static func parse(_ source: String) throws(GraphQLError) -> GraphQLDocument {
        var parser = GraphQLParser(tokens: try GraphQLLexer.tokens(source))
        return try parser.document()
    }

    private init(tokens: [GraphQLLexer.Token]) {
        self.tokens = tokens
    }

    private var token: GraphQLLexer.Token { self.tokens[self.position] }

    private mutating func advance() {
        if self.position < self.tokens.count - 1 { self.position += 1 }
    }

    private func isPunctuator(_ text: String) -> Bool { self.token.kind == .punctuator(text) }

    private func isName(_ text: String) -> Bool { self.token.kind == .name(text) }

    private func unexpected(_ expected: String? = nil) -> GraphQLError {
        let found = self.token
        let what: String
        switch found.kind {
        case .end: what = "end of file"
        case .punctuator(let text): what = "\(GraphQLParser.tokenName(text)) (\"\(text)\")"
        case .name(let text): what = "IDENTIFIER (\"\(text)\")"
        case .int(let text): what = "INT (\"\(text)\")"
        case .float(let text): what = "FLOAT (\"\(text)\")"
        case .string(let text): what = "STRING (\"\(text)\")"
        }
        let detail = "unexpected \(what)" + (expected.map { ", expecting \($0)" } ?? "")
        return GraphQLError.syntax(detail, at: found.location)
    }

    private static func tokenName(_ punctuator: String) -> String {
        [
            "{": "LCURLY", "}": "RCURLY", "(": "LPAREN", ")": "RPAREN", "[": "LBRACKET", "]": "RBRACKET",
            ":": "COLON", "!": "BANG", "$": "VAR_SIGN", "@": "DIR_SIGN", "=": "EQUALS", "...": "ELLIPSIS",
            "&": "AMP", "|": "PIPE",
        ][punctuator] ?? punctuator
    }

    private mutating func expect(_ punctuator: String) throws(GraphQLError) {
        guard self.isPunctuator(punctuator) else { throw self.unexpected(GraphQLParser.tokenName(punctuator)) }
        self.advance()
    }

    private mutating func name() throws(GraphQLError) -> String {
        guard case .name(let text) = self.token.kind else { throw self.unexpected("IDENTIFIER") }
        self.advance()
        return text
    }

    private mutating func document() throws(GraphQLError) -> GraphQLDocument {
        var operations: [OperationDefinition] = []
        var fragments: [String: FragmentDefinition] = [:]
        if self.token.kind == .end { throw self.unexpected() }
        while self.token.kind != .end {
            if self.isPunctuator("{") {
                let location = self.token.location
                operations.append(
                    OperationDefinition(
                        kind: .query, name: nil, variables: [], directives: [],
                        selections: try self.selectionSet(), location: location))
            } else if self.isName("query") || self.isName("mutation") || self.isName("subscription") {
                operations.append(try self.operation())
            } else if self.isName("fragment") {
                let fragment = try self.fragment()
                guard fragments[fragment.name] == nil else {
                    throw GraphQLError(
                        "Fragment name \"\(fragment.name)\" must be unique", code: "fragmentNamesAreUnique",
                        locations: [fragment.location])
                }
                fragments[fragment.name] = fragment
            } else {
                throw self.unexpected()
            }
        }
        return GraphQLDocument(operations: operations, fragments: fragments)
    }

    private mutating func operation() throws(GraphQLError) -> OperationDefinition {
        let location = self.token.location
        let kind = OperationKind(rawValue: try self.name())!
        var name: String?
        if case .name = self.token.kind { name = try self.name() }
        var variables: [VariableDefinition] = []
        if self.isPunctuator("(") {
            self.advance()
            while !self.isPunctuator(")") {
                let variableLocation = self.token.location
                try self.expect("$")
                let variableName = try self.name()
                try self.expect(":")
                let type = try self.typeReference()
                var defaultValue: ValueNode?
                if self.isPunctuator("=") {
                    self.advance()
                    defaultValue = try self.value(constant: true)
                }
                _ = try self.directives()
                variables.append(
                    VariableDefinition(
                        name: variableName, type: type, defaultValue: defaultValue, location: variableLocation))
            }
            if variables.isEmpty { throw self.unexpected("VAR_SIGN") }
            self.advance()
        }
        let directives = try self.directives()
        return OperationDefinition(
            kind: kind, name: name, variables: variables, directives: directives, selections: try self.selectionSet(),
            location: location)
    }

    private mutating func fragment() throws(GraphQLError) -> FragmentDefinition {
        let location = self.token.location
        self.advance()
        guard !self.isName("on") else { throw self.unexpected("IDENTIFIER") }
        let name = try self.name()
        guard self.isName("on") else { throw self.unexpected("ON") }
        self.advance()
        let typeCondition = try self.name()
        return FragmentDefinition(
            name: name, typeCondition: typeCondition, directives: try self.directives(),
            selections: try self.selectionSet(), location: location)
    }

    private mutating func typeReference() throws(GraphQLError) -> TypeReference {
        var type: TypeReference
        if self.isPunctuator("[") {
            self.advance()
            type = .list(try self.typeReference())
            try self.expect("]")
        } else {
            type = .named(try self.name())
        }
        if self.isPunctuator("!") {
            self.advance()
            type = .nonNull(type)
        }
        return type
    }

    private mutating func selectionSet() throws(GraphQLError) -> [Selection] {
        try self.expect("{")
        var selections: [Selection] = []
        while !self.isPunctuator("}") {
            selections.append(try self.selection())
        }
        if selections.isEmpty { throw self.unexpected("IDENTIFIER") }
        self.advance()
        return selections
    }

    private mutating func selection() throws(GraphQLError) -> Selection {
        let location = self.token.location
        if self.isPunctuator("...") {
            self.advance()
            if self.isName("on") {
                self.advance()
                let type = try self.name()
                return .inlineFragment(
                    InlineFragment(
                        typeCondition: type, directives: try self.directives(), selections: try self.selectionSet(),
                        location: location))
            }
            if case .name(let name) = self.token.kind {
                self.advance()
                return .fragmentSpread(
                    FragmentSpread(name: name, directives: try self.directives(), location: location))
            }
            return .inlineFragment(
                InlineFragment(
                    typeCondition: nil, directives: try self.directives(), selections: try self.selectionSet(),
                    location: location))
        }
        var name = try self.name()
        var alias: String?
        if self.isPunctuator(":") {
            self.advance()
            alias = name
            name = try self.name()
        }
        let arguments = try self.arguments(constant: false)
        let directives = try self.directives()
        let selections = self.isPunctuator("{") ? try self.selectionSet() : []
        return .field(
            Field(
                alias: alias, name: name, arguments: arguments, directives: directives, selections: selections,
                location: location))
    }

    private mutating func arguments(constant: Bool) throws(GraphQLError) -> [Argument] {
        guard self.isPunctuator("(") else { return [] }
        self.advance()
        var arguments: [Argument] = []
        while !self.isPunctuator(")") {
            let location = self.token.location
            let name = try self.name()
            try self.expect(":")
            arguments.append(Argument(name: name, value: try self.value(constant: constant), location: location))
        }
        if arguments.isEmpty { throw self.unexpected("IDENTIFIER") }
        self.advance()
        return arguments
    }

    private mutating func directives() throws(GraphQLError) -> [Directive] {
        var directives: [Directive] = []
        while self.isPunctuator("@") {
            let location = self.token.location
            self.advance()
            let name = try self.name()
            directives.append(Directive(name: name, arguments: try self.arguments(constant: false), location: location))
        }
        return directives
    }

    private mutating func value(constant: Bool) throws(GraphQLError) -> ValueNode {
        let token = self.token
        switch token.kind {
        case .punctuator("$") where !constant:
            self.advance()
            return .variable(try self.name())
        case .punctuator("["):
            self.advance()
            var values: [ValueNode] = []
            while !self.isPunctuator("]") { values.append(try self.value(constant: constant)) }
            self.advance()
            return .list(values)
        case .punctuator("{"):
            self.advance()
            var pairs: [(String, ValueNode)] = []
            while !self.isPunctuator("}") {
                let name = try self.name()
                try self.expect(":")
                pairs.append((name, try self.value(constant: constant)))
            }
            self.advance()
            return .object(pairs)
        case .int(let text):
            self.advance()
            return .int(text)
        case .float(let text):
            self.advance()
            return .float(text)
        case .string(let text):
            self.advance()
            return .string(text)
        case .name("true"):
            self.advance()
            return .bool(true)
        case .name("false"):
            self.advance()
            return .bool(false)
        case .name("null"):
            self.advance()
            return .null
        case .name(let text):
            self.advance()
            return .enumValue(text)
        default:
            throw self.unexpected()
        }
    }
}
