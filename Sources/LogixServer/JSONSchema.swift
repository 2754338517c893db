/// A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) with only the keywords the API document uses.
///
/// A value type rather than `[String: Any]` so the schema table can be a `static let` under Swift 6's
/// concurrency checking, and so the table reads as declarations (`.object(required: [...])`), not as nested
/// dictionaries.
struct JSONSchema: Sendable {
    /// `type`: one name, or several when `null` is allowed too.
    var types: [String] = []
    var format: String?
    var pattern: String?
    var description: String?
    /// `$ref` to a schema under `#/components/schemas/`.
    var reference: String?
    /// `enum`: the only values allowed.
    var values: [String]?
    var minimum: Int?
    var maximum: Int?
    var maxLength: Int?
    var minItems: Int?
    var maxItems: Int?
    var defaultValue: Int?
    /// At most one: a collection only to let the type contain itself.
    var items: [JSONSchema] = []
    var properties: [String: JSONSchema] = [:]
    var required: [String] = []
    /// At most one: the schema of a map's values.
    var additionalProperties: [JSONSchema] = []
    var anyOf: [JSONSchema] = []

    static let string = JSONSchema(types: ["string"])
    static let integer = JSONSchema(types: ["integer"])
    static let number = JSONSchema(types: ["number"])
    static let boolean = JSONSchema(types: ["boolean"])
    /// Any JSON object (a store's own payload, passed through).
    static let anyObject = JSONSchema(types: ["object"])
    /// Dates are encoded by `AppRequestContext` with `.iso8601`: `2025-01-31T12:00:00Z`.
    static let dateTime = JSONSchema(types: ["string"], format: "date-time")
    /// Money as an exact decimal string (`"12.50"`): a JSON number would go through binary floating point.
    static let decimal = JSONSchema(
        types: ["string"], pattern: #"^-?[0-9]+(\.[0-9]+)?$"#, description: "exact decimal, e.g. \"12.50\"")
    static let url = JSONSchema(types: ["string"], format: "uri")

    static func string(oneOf values: [String]) -> JSONSchema {
        JSONSchema(types: ["string"], values: values)
    }

    static func string(maxLength: Int) -> JSONSchema {
        JSONSchema(types: ["string"], maxLength: maxLength)
    }

    static func integer(minimum: Int? = nil, maximum: Int? = nil, default value: Int? = nil) -> JSONSchema {
        JSONSchema(types: ["integer"], minimum: minimum, maximum: maximum, defaultValue: value)
    }

    static func ref(_ name: String) -> JSONSchema {
        JSONSchema(reference: name)
    }

    static func array(_ items: JSONSchema, minItems: Int? = nil, maxItems: Int? = nil) -> JSONSchema {
        JSONSchema(types: ["array"], minItems: minItems, maxItems: maxItems, items: [items])
    }

    /// An object used as a map: any keys, every value of one schema.
    static func map(_ values: JSONSchema) -> JSONSchema {
        JSONSchema(types: ["object"], additionalProperties: [values])
    }

    /// An object with named properties; `required` are always present, `optional` only when they have a value
    /// (Swift's synthesized `Encodable` leaves a `nil` out rather than writing `null`).
    static func object(required: [String: JSONSchema] = [:], optional: [String: JSONSchema] = [:]) -> JSONSchema {
        JSONSchema(
            types: ["object"], properties: required.merging(optional) { first, _ in first },
            required: required.keys.sorted())
    }

    /// The same schema, `null` allowed too. A reference or an enum cannot simply take `null` as another type (the
    /// enum's values would still refuse it), so those become `anyOf`.
    var orNull: JSONSchema {
        if reference != nil || values != nil { return JSONSchema(anyOf: [self, JSONSchema(types: ["null"])]) }
        var schema = self
        schema.types.append("null")
        return schema
    }

    func described(_ text: String) -> JSONSchema {
        var schema = self
        schema.description = text
        return schema
    }

    /// The schema as JSON-serializable values.
    var json: [String: Any] {
        var json: [String: Any] = [:]
        if let reference { json["$ref"] = "#/components/schemas/\(reference)" }
        if types.count == 1 { json["type"] = types[0] } else if !types.isEmpty { json["type"] = types }
        if let format { json["format"] = format }
        if let pattern { json["pattern"] = pattern }
        if let description { json["description"] = description }
        if let values { json["enum"] = values }
        if let minimum { json["minimum"] = minimum }
        if let maximum { json["maximum"] = maximum }
        if let maxLength { json["maxLength"] = maxLength }
        if let minItems { json["minItems"] = minItems }
        if let maxItems { json["maxItems"] = maxItems }
        if let defaultValue { json["default"] = defaultValue }
        if let item = items.first { json["items"] = item.json }
        if !properties.isEmpty { json["properties"] = properties.mapValues(\.json) }
        if !required.isEmpty { json["required"] = required }
        if let values = additionalProperties.first { json["additionalProperties"] = values.json }
        if !anyOf.isEmpty { json["anyOf"] = anyOf.map(\.json) }
        return json
    }
}
