import Foundation

/// A webhook registered at the store. The API never returns a webhook's secret.
public struct WooWebhook: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    public var name: String
    public var status: WooWebhookStatus
    /// `resource.event`, e.g. `order.created`.
    public var topic: String
    public var resource: String
    public var event: String
    public var hooks: [String]
    public var deliveryURL: String
    public var dateCreated: Date?
    public var dateModified: Date?

    enum CodingKeys: String, CodingKey {
        case id, name, status, topic, resource, event, hooks
        case deliveryURL = "delivery_url"
        case dateCreated = "date_created_gmt"
        case dateModified = "date_modified_gmt"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.requiredInt(.id)
        name = container.lenientString(.name)
        status = WooWebhookStatus(rawValue: container.lenientString(.status))
        topic = container.lenientString(.topic)
        resource = container.lenientString(.resource)
        event = container.lenientString(.event)
        hooks = (try? container.lenientArray(String.self, .hooks)) ?? []
        deliveryURL = container.lenientString(.deliveryURL)
        dateCreated = container.gmtDate(.dateCreated)
        dateModified = container.gmtDate(.dateModified)
    }
}

/// A webhook's state. The store sets `disabled` by itself after repeated failed deliveries (the 7th in a row
/// in WooCommerce 10) and never re-enables it.
public struct WooWebhookStatus: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static let active: WooWebhookStatus = "active"
    public static let paused: WooWebhookStatus = "paused"
    public static let disabled: WooWebhookStatus = "disabled"
}
