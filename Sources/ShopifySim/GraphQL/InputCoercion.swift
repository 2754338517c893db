/// Coerces variable values (JSON) and argument literals to the schema's input types, as the spec's
/// CoerceVariableValues and CoerceArgumentValues do. The result is normalised JSON: IDs and enums as strings,
/// numbers as their text, input objects with their defaults filled in.
struct InputCoercion {
    /// Why a value does not fit: the path inside it and an explanation.
    struct Problem: Error {
        var path: [JSON]
        var explanation: String
    }

    let schema: GraphQLSchema

    func coerce(json value: JSON, to type: TypeReference, path: [JSON] = []) throws(Problem) -> JSON {
        switch type {
        case .nonNull(let inner):
            if value.isNull { throw Problem(path: path, explanation: "Expected value to not be null") }
            return try self.coerce(json: value, to: inner, path: path)
        case .list(let inner):
            if value.isNull { return .null }
            guard case .array(let values) = value else {
                return .array([try self.coerce(json: value, to: inner, path: path)])
            }
            var out: [JSON] = []
            for (index, item) in values.enumerated() {
                out.append(try self.coerce(json: item, to: inner, path: path + [.int(index)]))
            }
            return .array(out)
        case .named(let name):
            if value.isNull { return .null }
            switch self.schema.types[name] {
            case .inputObject(let fields):
                guard case .object(let pairs) = value else {
                    throw Problem(path: path, explanation: "Expected \(value.text) to be a key-value object.")
                }
                for (key, _) in pairs where !fields.contains(where: { $0.name == key }) {
                    throw Problem(path: path + [.string(key)], explanation: "Field is not defined on \(name)")
                }
                var out: [(String, JSON)] = []
                for field in fields {
                    if let provided = pairs.first(where: { $0.0 == field.name })?.1 {
                        out.append(
                            (
                                field.name,
                                try self.coerce(json: provided, to: field.type, path: path + [.string(field.name)])
                            ))
                    } else if let defaultValue = field.defaultValue {
                        out.append((field.name, defaultValue))
                    } else if field.type.isNonNull {
                        throw Problem(path: path + [.string(field.name)], explanation: "Expected value to not be null")
                    }
                }
                return .object(out)
            case .enumeration(let values):
                guard case .string(let text) = value, values.contains(text) else {
                    throw Problem(
                        path: path,
                        explanation: "Expected \(value.text) to be one of: \(values.sorted().joined(separator: ", "))")
                }
                return value
            default:
                return try self.scalar(value, name, path: path)
            }
        }
    }

    private func scalar(_ value: JSON, _ name: String, path: [JSON]) throws(Problem) -> JSON {
        let fail = Problem(path: path, explanation: "Could not coerce value \(value.text) to \(name)")
        switch name {
        case "Int":
            guard case .number(let text) = value, let int = Int(text), int >= Int(Int32.min), int <= Int(Int32.max)
            else { throw fail }
            return .int(int)
        case "Float":
            guard case .number(let text) = value, Double(text) != nil else { throw fail }
            return value
        case "Boolean":
            guard case .bool = value else { throw fail }
            return value
        case "ID":
            switch value {
            case .string: return value
            case .number(let text) where Int64(text) != nil: return .string(text)
            default: throw fail
            }
        case "UnsignedInt64":
            switch value {
            case .string(let text) where UInt64(text) != nil: return value
            case .number(let text) where UInt64(text) != nil: return .string(text)
            default: throw fail
            }
        default:
            guard case .string = value else { throw fail }
            return value
        }
    }

    /// An argument literal with its variables substituted (variables are already coerced).
    func coerce(
        literal: ValueNode, to type: TypeReference, variables: [String: JSON], path: [JSON] = []
    ) throws(Problem) -> JSON? {
        if case .variable(let name) = literal {
            guard let value = variables[name] else {
                if type.isNonNull { throw Problem(path: path, explanation: "Expected value to not be null") }
                return nil
            }
            if type.isNonNull, value.isNull { throw Problem(path: path, explanation: "Expected value to not be null") }
            return value
        }
        switch type {
        case .nonNull(let inner):
            if case .null = literal { throw Problem(path: path, explanation: "Expected value to not be null") }
            return try self.coerce(literal: literal, to: inner, variables: variables, path: path)
        case .list(let inner):
            if case .null = literal { return .null }
            guard case .list(let items) = literal else {
                return .array([try self.coerce(literal: literal, to: inner, variables: variables, path: path) ?? .null])
            }
            var out: [JSON] = []
            for (index, item) in items.enumerated() {
                out.append(
                    try self.coerce(literal: item, to: inner, variables: variables, path: path + [.int(index)]) ?? .null
                )
            }
            return .array(out)
        case .named(let name):
            if case .null = literal { return .null }
            switch self.schema.types[name] {
            case .inputObject(let fields):
                guard case .object(let pairs) = literal else {
                    throw Problem(path: path, explanation: "Expected \(literal.printed) to be a key-value object.")
                }
                for (key, _) in pairs where !fields.contains(where: { $0.name == key }) {
                    throw Problem(path: path + [.string(key)], explanation: "Field is not defined on \(name)")
                }
                var out: [(String, JSON)] = []
                for field in fields {
                    let provided = pairs.first(where: { $0.0 == field.name })?.1
                    if let provided,
                        let value = try self.coerce(
                            literal: provided, to: field.type, variables: variables, path: path + [.string(field.name)])
                    {
                        out.append((field.name, value))
                    } else if let defaultValue = field.defaultValue {
                        out.append((field.name, defaultValue))
                    } else if field.type.isNonNull {
                        throw Problem(path: path + [.string(field.name)], explanation: "Expected value to not be null")
                    }
                }
                return .object(out)
            case .enumeration(let values):
                guard case .enumValue(let text) = literal, values.contains(text) else {
                    throw Problem(
                        path: path,
                        explanation:
                            "Expected \(literal.printed) to be one of: \(values.sorted().joined(separator: ", "))")
                }
                return .string(text)
            default:
                let json: JSON
                switch literal {
                case .int(let text), .float(let text): json = .number(text)
                case .string(let text): json = .string(text)
                case .bool(let value): json = .bool(value)
                default: throw Problem(path: path, explanation: "Could not coerce value \(literal.printed) to \(name)")
                }
                if name == "Float", case .int(let text) = literal { return .number(text) }
                if case .float = literal, name != "Float" {
                    throw Problem(path: path, explanation: "Could not coerce value \(literal.printed) to \(name)")
                }
                return try self.scalar(json, name, path: path)
            }
        }
    }
}
