import Foundation
import LogixCore
import Shopify
import Storage

/// Shopify's webhook deliveries: `X-Shopify-*` headers (case-insensitive; Shopify's "Events" drop the `X-`),
/// base64 HMAC-SHA256 of the raw body with the app's API secret in `X-Shopify-Hmac-Sha256`, and the resource
/// in REST's shape, whose numeric `id` is the gid's number. Shopify sends no ping when a subscription is made.
///
/// The delivery id is `X-Shopify-Webhook-Id`, kept on retries; the inbox still keys a delivery by topic,
/// resource and body, so a retry and a duplicate with another id are both recognised.
public struct ShopifyWebhookFormat: ChannelWebhookFormat {
    public init() {}

    public var platform: ChannelPlatform { .shopify }

    public func classify(headers: [(name: String, value: String)], body: Data) -> ChannelWebhookMessage? {
        guard let delivery = ShopifyWebhookDelivery(headers: headers), delivery.hmac != nil else { return nil }
        return .delivery(
            ChannelWebhookDelivery(
                topic: delivery.topic, deliveryID: delivery.webhookID ?? delivery.eventID ?? "",
                signature: delivery.hmac))
    }

    public func verify(_ delivery: ChannelWebhookDelivery, body: Data, secret: String) -> Bool {
        guard let signature = delivery.signature else { return false }
        return ShopifyWebhookSignature.isValid(signature: signature, body: body, secret: secret)
    }

    /// The body's top-level `id`, read as an integer (ids pass 2^53, so never through a `Double`); `nil` for a
    /// body without one (`app/uninstalled` names the shop, not a resource).
    public func resourceID(in body: Data) throws -> Int64? {
        struct Resource: Decodable {
            var id: Int64?
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Keys.self)
                id = try? container.decodeIfPresent(Int64.self, forKey: .id)
            }
            enum Keys: String, CodingKey { case id }
        }
        return try JSONDecoder().decode(Resource.self, from: body).id
    }

    /// None: a delivery's body is the REST shape, not the GraphQL order Logix maps, and the fact sheet (§10)
    /// says to read every order again anyway — the inbox applier does.
    public func wholeOrders(
        _ deliveries: [ChannelWebhookBody], integration: IntegrationRecord
    ) -> [Result<LogixCore.Order, MappingFailure>?] {
        deliveries.map { _ in nil }
    }
}
