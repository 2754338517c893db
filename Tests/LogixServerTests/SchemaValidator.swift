import Foundation

/// A JSON value with its types kept apart: `JSONSerialization` gives `NSNumber` for both `true` and `1`, which
/// would let a boolean pass for an integer.
enum JSONValue: Decodable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    init(parsing data: Data) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var object: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .integer(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .array(let values): "[\(values.count) items]"
        case .object(let members): "{\(members.keys.sorted().joined(separator: ", "))}"
        }
    }
}

/// Validates JSON against the document's schemas: `$ref`, `type` (one or several, so `null` can be allowed),
/// `enum`, `properties`, `required`, `additionalProperties`, `items`, `anyOf`, `minimum`/`maximum`, `maxLength`,
/// `pattern` and the `date-time` format — what the document uses, nothing more.
///
/// `strict` also refuses a property an object schema does not name (unless it is a map): the document leaves
/// objects open so clients tolerate new fields, but a key the server writes that the document does not know
/// is a drift the tests must catch (a renamed `CodingKey`).
struct SchemaValidator {
    let schemas: [String: JSONValue]
    var strict = true

    init(document: JSONValue) throws {
        guard let schemas = document["components"]?["schemas"]?.object else {
            throw ValidationFailure("the document has no components.schemas")
        }
        self.schemas = schemas
    }

    /// Something a schema or a value got wrong, with where.
    struct ValidationFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// The problems of `value` against `schema`; empty when it conforms.
    func problems(_ value: JSONValue, against schema: JSONValue, at path: String = "$") -> [String] {
        guard case .object(let keywords) = schema else { return ["\(path): the schema is not an object"] }
        if let reference = keywords["$ref"]?.string {
            guard let resolved = resolve(reference) else { return ["\(path): unresolved \(reference)"] }
            return problems(value, against: resolved, at: path)
        }
        if let alternatives = keywords["anyOf"]?.array {
            let failures = alternatives.map { problems(value, against: $0, at: path) }
            if !failures.contains(where: \.isEmpty) {
                return ["\(path): matches no alternative: " + failures.flatMap { $0 }.joined(separator: "; ")]
            }
        }
        if let types = keywords["type"].map(Self.typeNames), !types.contains(where: { Self.value(value, is: $0) }) {
            return ["\(path): \(value) is not \(types.joined(separator: " or "))"]
        }
        if let allowed = keywords["enum"]?.array, !allowed.contains(value) {
            return ["\(path): \(value) is not one of \(allowed.map(\.description).joined(separator: ", "))"]
        }
        var found: [String] = []
        switch value {
        case .integer(let number):
            found += bounds(Double(number), keywords, at: path)
        case .number(let number):
            found += bounds(number, keywords, at: path)
        case .string(let text):
            if case .integer(let limit) = keywords["maxLength"], text.count > limit {
                found.append("\(path): longer than \(limit)")
            }
            if let pattern = keywords["pattern"]?.string, text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): \(value) does not match \(pattern)")
            }
            if keywords["format"]?.string == "date-time", ISO8601DateFormatter().date(from: text) == nil {
                found.append("\(path): \(value) is not an ISO 8601 date-time")
            }
        case .array(let items):
            if let itemSchema = keywords["items"] {
                for (index, item) in items.enumerated() {
                    found += problems(item, against: itemSchema, at: "\(path)[\(index)]")
                }
            }
        case .object(let members):
            let properties = keywords["properties"]?.object ?? [:]
            for name in keywords["required"]?.array?.compactMap(\.string) ?? [] where members[name] == nil {
                found.append("\(path): missing required \(name)")
            }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let propertySchema = properties[name] {
                    found += problems(member, against: propertySchema, at: "\(path).\(name)")
                } else if let additional = keywords["additionalProperties"] {
                    if additional == .bool(false) {
                        found.append("\(path): \(name) is not allowed")
                    } else if additional != .bool(true) {
                        found += problems(member, against: additional, at: "\(path).\(name)")
                    }
                } else if strict, keywords["properties"] != nil {
                    found.append("\(path): \(name) is not documented")
                }
            }
        default:
            break
        }
        return found
    }

    /// A `#/components/schemas/Name`; `nil` for anything else or a missing name.
    func resolve(_ reference: String) -> JSONValue? {
        let prefix = "#/components/schemas/"
        guard reference.hasPrefix(prefix) else { return nil }
        return schemas[String(reference.dropFirst(prefix.count))]
    }

    private func bounds(_ number: Double, _ keywords: [String: JSONValue], at path: String) -> [String] {
        var found: [String] = []
        if case .integer(let minimum) = keywords["minimum"], number < Double(minimum) {
            found.append("\(path): \(number) is below \(minimum)")
        }
        if case .integer(let maximum) = keywords["maximum"], number > Double(maximum) {
            found.append("\(path): \(number) is above \(maximum)")
        }
        return found
    }

    private static func typeNames(_ type: JSONValue) -> [String] {
        if let name = type.string { return [name] }
        return type.array?.compactMap(\.string) ?? []
    }

    private static func value(_ value: JSONValue, is type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("integer", .integer), ("number", .integer), ("number", .number),
            ("string", .string), ("array", .array), ("object", .object):
            true
        case ("integer", .number(let number)):
            number.rounded() == number
        default:
            false
        }
    }
}
