import Foundation

/// What a request to a webhook receiver is: a signed delivery, or the unsigned ping WooCommerce sends when a
/// webhook is created (form body `webhook_id=N`, no `X-WC-*` headers).
public enum WooWebhookMessage: Sendable, Hashable {
    case ping(webhookID: Int)
    case delivery(WooWebhookDelivery)

    /// Recognises the message from the request headers and raw body.
    ///
    /// - Returns: `nil` when it is neither a delivery (no `X-WC-Webhook-Topic`) nor a ping.
    public static func classify(headers: [(name: String, value: String)], body: some DataProtocol) -> WooWebhookMessage?
    {
        if let delivery = WooWebhookDelivery(headers: headers) {
            return .delivery(delivery)
        }
        let text = String(decoding: Array(body.prefix(64)), as: UTF8.self)
        let pairs = text.split(separator: "&")
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == "webhook_id", let id = Int(parts[1]) {
                return .ping(webhookID: id)
            }
        }
        return nil
    }
}

/// The headers of one webhook delivery, parsed.
public struct WooWebhookDelivery: Sendable, Hashable {
    /// `order.created`, `product.updated`, …
    public var topic: String
    /// `order`, `product`, …
    public var resource: String
    /// `created`, `updated`, `deleted`, `restored`.
    public var event: String
    /// The store's webhook id.
    public var webhookID: Int?
    /// A hash of the webhook id and the unix second: two deliveries in the same second share it, so it is not
    /// a unique key on its own.
    public var deliveryID: String
    /// The store's home URL with a trailing slash.
    public var source: String
    /// The base64 HMAC to verify with ``WooWebhookSignature``.
    public var signature: String?
    public var userAgent: String?

    /// Reads the `X-WC-Webhook-*` headers (names compared case-insensitively; of a header sent twice, the last);
    /// `nil` without a topic.
    public init?(headers: [(name: String, value: String)]) {
        var topic: String?
        var resource: String?
        var event: String?
        var webhookID: String?
        var deliveryID: String?
        var source: String?
        var signature: String?
        var userAgent: String?
        for (name, value) in headers {
            // HTTP/2 and Hummingbird's canonical names are lower case already: those are compared as they are,
            // without the copy `lowercased()` makes (the receiver reads thousands of deliveries a second).
            switch name.utf8.contains(where: { (0x41...0x5A).contains($0) }) ? name.lowercased() : name {
            case "x-wc-webhook-topic": topic = value
            case "x-wc-webhook-resource": resource = value
            case "x-wc-webhook-event": event = value
            case "x-wc-webhook-id": webhookID = value
            case "x-wc-webhook-delivery-id": deliveryID = value
            case "x-wc-webhook-source": source = value
            case "x-wc-webhook-signature": signature = value
            case "user-agent": userAgent = value
            default: continue
            }
        }
        guard let topic, !topic.isEmpty else { return nil }
        self.topic = topic
        let parts = topic.split(separator: ".", maxSplits: 1).map(String.init)
        self.resource = resource ?? parts.first ?? ""
        self.event = event ?? (parts.count > 1 ? parts[1] : "")
        self.webhookID = webhookID.flatMap { Int($0) }
        self.deliveryID = deliveryID ?? ""
        self.source = source ?? ""
        self.signature = signature
        self.userAgent = userAgent
    }

    /// Checks the signature over the raw body in constant time.
    public func verify(body: some DataProtocol, secret: String) -> Bool {
        guard let signature else { return false }
        return WooWebhookSignature.isValid(signature: signature, body: body, secret: secret)
    }
}
