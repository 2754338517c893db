/// An argument or input-object field of the schema.
struct InputValueDefinition: Sendable {
    var name: String
    var type: TypeReference
    var defaultValue: JSON?
}

/// A field of an object or interface type.
struct FieldDefinition: Sendable {
    var name: String
    var type: TypeReference
    var arguments: [InputValueDefinition]

    func argument(_ name: String) -> InputValueDefinition? { self.arguments.first { $0.name == name } }
}

/// A named type of the schema and what it is.
enum TypeDefinition: Sendable {
    case scalar
    case enumeration(Set<String>)
    case object(fields: [String: FieldDefinition], interfaces: Set<String>)
    case interface(fields: [String: FieldDefinition])
    case inputObject(fields: [InputValueDefinition])

    var fields: [String: FieldDefinition]? {
        switch self {
        case .object(let fields, _), .interface(let fields): return fields
        default: return nil
        }
    }

    var isLeaf: Bool {
        switch self {
        case .scalar, .enumeration: return true
        default: return false
        }
    }

    var isInputType: Bool {
        switch self {
        case .scalar, .enumeration, .inputObject: return true
        default: return false
        }
    }
}

/// The types the sim serves (a subset of Admin GraphQL 2026-04), looked up by name.
struct GraphQLSchema: Sendable {
    var types: [String: TypeDefinition]
    var queryType: String
    var mutationType: String

    func field(_ name: String, on type: String) -> FieldDefinition? {
        if name == "__typename" {
            return FieldDefinition(name: "__typename", type: .nonNull(.named("String")), arguments: [])
        }
        return self.types[type]?.fields?[name]
    }

    /// Whether an object of type `object` matches a fragment on `condition`.
    func matches(object: String, condition: String) -> Bool {
        if object == condition { return true }
        if case .object(_, let interfaces) = self.types[object] { return interfaces.contains(condition) }
        return false
    }

    /// Whether a fragment on `condition` can apply inside a selection on `parent` (their possible types overlap).
    func canSpread(_ condition: String, inside parent: String) -> Bool {
        if condition == parent { return true }
        switch (self.types[parent], self.types[condition]) {
        case (.object(_, let interfaces), .interface): return interfaces.contains(condition)
        case (.interface, .object(_, let interfaces)): return interfaces.contains(parent)
        case (.interface, .interface): return true
        default: return false
        }
    }

    static func isConnection(_ type: String) -> Bool { type.hasSuffix("Connection") }
    static func isEdge(_ type: String) -> Bool { type.hasSuffix("Edge") }
}

/// Builds schema types from short declarations: `"[ID!]!"`-style type strings, connections with their edges.
struct SchemaBuilder {
    var types: [String: TypeDefinition] = [
        "String": .scalar, "Int": .scalar, "Float": .scalar, "Boolean": .scalar, "ID": .scalar,
        "DateTime": .scalar, "Decimal": .scalar, "URL": .scalar, "UnsignedInt64": .scalar, "Money": .scalar,
    ]

    static func type(_ text: String) -> TypeReference {
        if text.hasSuffix("!") { return .nonNull(self.type(String(text.dropLast()))) }
        if text.hasPrefix("[") { return .list(self.type(String(text.dropFirst().dropLast()))) }
        return .named(text)
    }

    static func field(_ name: String, _ type: String, _ arguments: [InputValueDefinition] = []) -> FieldDefinition {
        FieldDefinition(name: name, type: SchemaBuilder.type(type), arguments: arguments)
    }

    static func arg(_ name: String, _ type: String, _ defaultValue: JSON? = nil) -> InputValueDefinition {
        InputValueDefinition(name: name, type: SchemaBuilder.type(type), defaultValue: defaultValue)
    }

    /// `first`, `after`, `last`, `before`, `reverse`, as every connection field takes them.
    static func pagingArguments(_ extra: [InputValueDefinition] = []) -> [InputValueDefinition] {
        [
            arg("first", "Int"), arg("after", "String"), arg("last", "Int"), arg("before", "String"),
            arg("reverse", "Boolean", .bool(false)),
        ] + extra
    }

    static func connection(
        _ name: String, of node: String, _ extra: [InputValueDefinition] = []
    ) -> FieldDefinition {
        field(name, "\(node)Connection!", pagingArguments(extra))
    }

    mutating func object(_ name: String, interfaces: Set<String> = [], _ fields: [FieldDefinition]) {
        var map: [String: FieldDefinition] = [:]
        for field in fields { map[field.name] = field }
        self.types[name] = .object(fields: map, interfaces: interfaces)
    }

    /// A node type with `id`, implementing `Node`, plus its connection and edge types.
    mutating func node(_ name: String, _ fields: [FieldDefinition]) {
        self.object(name, interfaces: ["Node"], [SchemaBuilder.field("id", "ID!")] + fields)
        self.connectionTypes(for: name)
    }

    mutating func connectionTypes(for node: String) {
        self.object(
            "\(node)Connection",
            [
                SchemaBuilder.field("edges", "[\(node)Edge!]!"), SchemaBuilder.field("nodes", "[\(node)!]!"),
                SchemaBuilder.field("pageInfo", "PageInfo!"),
            ])
        self.object(
            "\(node)Edge", [SchemaBuilder.field("cursor", "String!"), SchemaBuilder.field("node", "\(node)!")])
    }

    mutating func enumeration(_ name: String, _ values: [String]) {
        self.types[name] = .enumeration(Set(values))
    }

    mutating func input(_ name: String, _ fields: [InputValueDefinition]) {
        self.types[name] = .inputObject(fields: fields)
    }
}
