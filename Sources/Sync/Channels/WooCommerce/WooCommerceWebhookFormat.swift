import Foundation
import WooCommerce

/// WooCommerce's webhook deliveries: `X-WC-Webhook-*` headers, base64 HMAC-SHA256 of the raw body in
/// `X-WC-Webhook-Signature`, the order (or product) as the REST API returns it, and an unsigned form-encoded
/// ping (`webhook_id=N`) when a webhook is created.
public struct WooCommerceWebhookFormat: ChannelWebhookFormat {
    public init() {}

    public var platform: ChannelPlatform { .wooCommerce }

    public func classify(headers: [(name: String, value: String)], body: Data) -> ChannelWebhookMessage? {
        switch WooWebhookMessage.classify(headers: headers, body: body) {
        case .ping: .ping
        case .delivery(let delivery):
            .delivery(
                ChannelWebhookDelivery(
                    topic: delivery.topic, deliveryID: delivery.deliveryID, signature: delivery.signature))
        case nil: nil
        }
    }

    public func verify(_ delivery: ChannelWebhookDelivery, body: Data, secret: String) -> Bool {
        guard let signature = delivery.signature else { return false }
        return WooWebhookSignature.isValid(signature: signature, body: body, secret: secret)
    }

    public func resourceID(in body: Data) throws -> Int64? {
        try WooWebhookDelivery.resourceID(in: body)
    }
}
