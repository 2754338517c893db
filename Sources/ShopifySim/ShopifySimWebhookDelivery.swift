/// One webhook delivery attempt (or a delivery a fault dropped).
public struct ShopifySimWebhookDelivery: Sendable, Codable {
    public enum Outcome: String, Sendable, Codable {
        case delivered
        case failed
        case dropped
    }

    public var subscriptionId: String
    /// `orders/updated`
    public var topic: String
    public var url: String
    /// `X-Shopify-Webhook-Id`, the same on every attempt of one delivery.
    public var webhookId: String
    /// `X-Shopify-Event-Id`, shared by every delivery of one event.
    public var eventId: String
    /// 1 for the first attempt.
    public var attempt: Int
    public var outcome: Outcome
    public var statusCode: Int?
    public var error: String?
    public var isDuplicate: Bool
    public var body: String
}
