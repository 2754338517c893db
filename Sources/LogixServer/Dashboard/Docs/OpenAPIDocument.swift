import Foundation

/// The server's OpenAPI document (``APIDocument/json()``) read back as values: the part of OpenAPI 3.1 that
/// document uses, so `/docs/api` shows exactly what `/openapi.json` says.
struct OpenAPIDocument: Decodable, Sendable {
    struct Info: Decodable, Sendable {
        var title: String
        var version: String
    }

    struct Components: Decodable, Sendable {
        var schemas: [String: Schema]
    }

    struct Operation: Decodable, Sendable {
        var summary: String?
        var description: String?
        var operationId: String?
        var parameters: [Parameter]?
        var requestBody: RequestBody?
        var responses: [String: Response]
        var security: [[String: [String]]]?
    }

    struct Parameter: Decodable, Sendable {
        var name: String
        var location: String
        var required: Bool?
        var schema: Schema?
        var description: String?

        enum CodingKeys: String, CodingKey {
            case name, required, schema, description
            case location = "in"
        }
    }

    struct RequestBody: Decodable, Sendable {
        var required: Bool?
        var content: [String: MediaType]
    }

    struct MediaType: Decodable, Sendable {
        var schema: Schema?
    }

    struct Response: Decodable, Sendable {
        var description: String
        var content: [String: MediaType]?
    }

    /// A JSON Schema with the keywords ``JSONSchema`` writes. A class, to contain itself.
    final class Schema: Decodable, Sendable {
        let reference: String?
        let types: [String]
        let format: String?
        let pattern: String?
        let description: String?
        let values: [String]?
        let minimum: Int?
        let maximum: Int?
        let maxLength: Int?
        let minItems: Int?
        let maxItems: Int?
        let defaultValue: String?
        let items: Schema?
        let properties: [String: Schema]
        let required: [String]
        let additionalProperties: Schema?
        let anyOf: [Schema]

        enum CodingKeys: String, CodingKey {
            case reference = "$ref"
            case type, format, pattern, description, minimum, maximum, maxLength, minItems, maxItems, items
            case properties, required, additionalProperties, anyOf
            case values = "enum"
            case defaultValue = "default"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            reference = try container.decodeIfPresent(String.self, forKey: .reference)
            if let one = try? container.decodeIfPresent(String.self, forKey: .type) {
                types = [one]
            } else {
                types = try container.decodeIfPresent([String].self, forKey: .type) ?? []
            }
            format = try container.decodeIfPresent(String.self, forKey: .format)
            pattern = try container.decodeIfPresent(String.self, forKey: .pattern)
            description = try container.decodeIfPresent(String.self, forKey: .description)
            values = try container.decodeIfPresent([String].self, forKey: .values)
            minimum = try container.decodeIfPresent(Int.self, forKey: .minimum)
            maximum = try container.decodeIfPresent(Int.self, forKey: .maximum)
            maxLength = try container.decodeIfPresent(Int.self, forKey: .maxLength)
            minItems = try container.decodeIfPresent(Int.self, forKey: .minItems)
            maxItems = try container.decodeIfPresent(Int.self, forKey: .maxItems)
            if let number = try? container.decodeIfPresent(Int.self, forKey: .defaultValue) {
                defaultValue = String(number)
            } else if let flag = try? container.decodeIfPresent(Bool.self, forKey: .defaultValue) {
                defaultValue = String(flag)
            } else {
                defaultValue = try? container.decodeIfPresent(String.self, forKey: .defaultValue)
            }
            items = try container.decodeIfPresent(Schema.self, forKey: .items)
            properties = try container.decodeIfPresent([String: Schema].self, forKey: .properties) ?? [:]
            required = try container.decodeIfPresent([String].self, forKey: .required) ?? []
            // `additionalProperties` may also be a boolean; only a schema says something here.
            additionalProperties = try? container.decodeIfPresent(Schema.self, forKey: .additionalProperties)
            anyOf = try container.decodeIfPresent([Schema].self, forKey: .anyOf) ?? []
        }

        /// The name a `$ref` to `#/components/schemas/NAME` points at.
        var referencedName: String? {
            reference.map { String($0.split(separator: "/").last ?? "") }
        }
    }

    var info: Info
    var paths: [String: [String: Operation]]
    var components: Components

    /// The document this server serves at `/openapi.json`.
    static func served() throws -> OpenAPIDocument {
        try JSONDecoder().decode(OpenAPIDocument.self, from: try APIDocument.json())
    }
}
