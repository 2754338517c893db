/// One `meta_data` entry of an order, line item, product or customer.
public struct WooMetaData: Sendable, Hashable, Codable {
    /// The meta id; `nil` for an entry being created.
    public var id: Int?
    public var key: String
    public var value: JSONValue
    /// The label WooCommerce shows for line-item meta (`Color`), when it sends one.
    public var displayKey: String?
    /// The value WooCommerce shows for line-item meta (`Black`), when it sends one.
    public var displayValue: JSONValue?

    public init(id: Int? = nil, key: String, value: JSONValue) {
        self.id = id
        self.key = key
        self.value = value
    }

    enum CodingKeys: String, CodingKey {
        case id, key, value
        case displayKey = "display_key"
        case displayValue = "display_value"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = container.lenientOptionalInt(.id)
        key = container.lenientString(.key)
        value = ((try? container.decodeIfPresent(JSONValue.self, forKey: .value)) ?? nil) ?? .null
        displayKey = container.lenientOptionalString(.displayKey)
        displayValue = (try? container.decodeIfPresent(JSONValue.self, forKey: .displayValue)) ?? nil
    }

    /// Encodes only what WooCommerce takes as input: `id` (to update), `key`, `value`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode(key, forKey: .key)
        try container.encode(value, forKey: .value)
    }
}
