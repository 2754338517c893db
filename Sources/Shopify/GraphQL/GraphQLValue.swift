/// A GraphQL variable's value as JSON: what the typed calls put in `variables`.
enum GraphQLValue: Sendable, Hashable, Encodable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case list([GraphQLValue])
    case object([String: GraphQLValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .list(let values): try container.encode(values)
        case .object(let fields): try container.encode(fields)
        }
    }

    /// `.string(value)`, or `.null` for `nil`.
    static func optional(_ value: String?) -> GraphQLValue { value.map { .string($0) } ?? .null }
}
