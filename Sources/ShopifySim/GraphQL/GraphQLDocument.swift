/// A position in the query text, 1-based, as GraphQL errors report it in `locations`.
struct SourceLocation: Sendable, Equatable {
    var line: Int
    var column: Int

    var json: JSON { .object([("line", .int(self.line)), ("column", .int(self.column))]) }
}

/// A type as written in the document: `Int`, `[ID!]!`.
indirect enum TypeReference: Sendable, Equatable, CustomStringConvertible {
    case named(String)
    case list(TypeReference)
    case nonNull(TypeReference)

    var description: String {
        switch self {
        case .named(let name): return name
        case .list(let inner): return "[\(inner)]"
        case .nonNull(let inner): return "\(inner)!"
        }
    }

    var namedType: String {
        switch self {
        case .named(let name): return name
        case .list(let inner), .nonNull(let inner): return inner.namedType
        }
    }

    var isNonNull: Bool {
        if case .nonNull = self { return true }
        return false
    }
}

/// A literal or variable in the document.
indirect enum ValueNode: Sendable {
    case variable(String)
    case int(String)
    case float(String)
    case string(String)
    case bool(Bool)
    case null
    case enumValue(String)
    case list([ValueNode])
    case object([(String, ValueNode)])

    /// How graphql-ruby prints a literal in error messages.
    var printed: String {
        switch self {
        case .variable(let name): return "$" + name
        case .int(let text), .float(let text): return text
        case .string(let text): return "\"\(text)\""
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .enumValue(let name): return name
        case .list(let values): return "[" + values.map(\.printed).joined(separator: ", ") + "]"
        case .object(let pairs): return "{" + pairs.map { "\($0.0): \($0.1.printed)" }.joined(separator: ", ") + "}"
        }
    }
}

struct Argument: Sendable {
    var name: String
    var value: ValueNode
    var location: SourceLocation
}

struct Directive: Sendable {
    var name: String
    var arguments: [Argument]
    var location: SourceLocation
}

struct Field: Sendable {
    var alias: String?
    var name: String
    var arguments: [Argument]
    var directives: [Directive]
    var selections: [Selection]
    var location: SourceLocation

    var responseKey: String { self.alias ?? self.name }
}

struct InlineFragment: Sendable {
    var typeCondition: String?
    var directives: [Directive]
    var selections: [Selection]
    var location: SourceLocation
}

struct FragmentSpread: Sendable {
    var name: String
    var directives: [Directive]
    var location: SourceLocation
}

enum Selection: Sendable {
    case field(Field)
    case inlineFragment(InlineFragment)
    case fragmentSpread(FragmentSpread)
}

struct VariableDefinition: Sendable {
    var name: String
    var type: TypeReference
    var defaultValue: ValueNode?
    var location: SourceLocation
}

enum OperationKind: String, Sendable {
    case query
    case mutation
    case subscription
}

struct OperationDefinition: Sendable {
    var kind: OperationKind
    var name: String?
    var variables: [VariableDefinition]
    var directives: [Directive]
    var selections: [Selection]
    var location: SourceLocation
}

struct FragmentDefinition: Sendable {
    var name: String
    var typeCondition: String
    var directives: [Directive]
    var selections: [Selection]
    var location: SourceLocation
}

/// A parsed executable document: its operations and fragments.
struct GraphQLDocument: Sendable {
    var operations: [OperationDefinition]
    var fragments: [String: FragmentDefinition]
}
