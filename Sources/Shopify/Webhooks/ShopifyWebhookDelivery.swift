import Foundation

/// The headers of one webhook delivery, read case-insensitively; the `X-` prefix is optional (Shopify's
/// "Events" deliveries drop it).
public struct ShopifyWebhookDelivery: Sendable, Hashable {
    /// As in the header: `orders/updated`, `app/uninstalled`.
    public var topic: String
    /// Unique per delivery and kept on its retries: the key to drop duplicates by.
    public var webhookID: String?
    /// `{handle}.myshopify.com`.
    public var shopDomain: String?
    /// The API version the body is shaped by.
    public var apiVersion: String?
    /// When the event was triggered, if the header parses.
    public var triggeredAt: Date?
    /// Shared by every delivery one merchant action caused (across topics).
    public var eventID: String?
    /// The base64 HMAC to check with ``verify(body:secrets:)``.
    public var hmac: String?
    /// The subscription's optional name.
    public var name: String?

    /// `nil` without a topic header.
    public init?(headers: [(name: String, value: String)]) {
        var map: [String: String] = [:]
        for (name, value) in headers {
            var key = name.lowercased()
            if key.hasPrefix("x-") { key.removeFirst(2) }
            if map[key] == nil { map[key] = value }
        }
        guard let topic = map["shopify-topic"]?.trimmingCharacters(in: .whitespaces), !topic.isEmpty else {
            return nil
        }
        self.topic = topic
        self.webhookID = map["shopify-webhook-id"]
        self.shopDomain = map["shopify-shop-domain"]
        self.apiVersion = map["shopify-api-version"]
        self.triggeredAt = map["shopify-triggered-at"].flatMap(ShopifyDate.parse)
        self.eventID = map["shopify-event-id"]
        self.hmac = map["shopify-hmac-sha256"]
        self.name = map["shopify-name"]
    }

    /// The topic as the GraphQL enum names it (`ORDERS_UPDATED`).
    public var subscriptionTopic: ShopifyWebhookTopic { ShopifyWebhookTopic(restName: topic) }

    /// Whether the body's signature is valid under any of `secrets`.
    public func verify(body: some DataProtocol, secrets: [String]) -> Bool {
        guard let hmac else { return false }
        return ShopifyWebhookSignature.isValid(signature: hmac, body: body, secrets: secrets)
    }
}
