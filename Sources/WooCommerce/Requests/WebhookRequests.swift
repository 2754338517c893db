/// A webhook to create. The store creates it `active` whatever status is asked for, and pings the delivery
/// URL during the call.
public struct WooWebhookCreate: Sendable, Hashable, Encodable {
    public var name: String
    /// `order.created`, `order.updated`, `product.updated`, …
    public var topic: String
    public var deliveryURL: String
    /// The HMAC key for `X-WC-Webhook-Signature`. Use letters and digits only: the store signs with the
    /// HTML-entity-decoded secret, so `&amp;` would sign as `&`.
    public var secret: String

    public init(name: String, topic: String, deliveryURL: String, secret: String) {
        self.name = name
        self.topic = topic
        self.deliveryURL = deliveryURL
        self.secret = secret
    }

    enum CodingKeys: String, CodingKey {
        case name, topic, secret
        case deliveryURL = "delivery_url"
    }
}

/// Changes to a webhook; `nil` fields are not sent.
public struct WooWebhookUpdate: Sendable, Hashable, Encodable {
    public var name: String?
    public var status: WooWebhookStatus?
    public var topic: String?
    public var deliveryURL: String?
    public var secret: String?

    public init(
        name: String? = nil,
        status: WooWebhookStatus? = nil,
        topic: String? = nil,
        deliveryURL: String? = nil,
        secret: String? = nil
    ) {
        self.name = name
        self.status = status
        self.topic = topic
        self.deliveryURL = deliveryURL
        self.secret = secret
    }

    enum CodingKeys: String, CodingKey {
        case name, status, topic, secret
        case deliveryURL = "delivery_url"
    }
}
