import Foundation
import LogixCore
import Storage
import Synchronization
import WooCommerce

/// WooCommerce's webhook deliveries: `X-WC-Webhook-*` headers, base64 HMAC-SHA256 of the raw body in
/// `X-WC-Webhook-Signature`, the order (or product) as the REST API returns it, and an unsigned form-encoded
/// ping (`webhook_id=N`) when a webhook is created.
public struct WooCommerceWebhookFormat: ChannelWebhookFormat {
    /// The integrations' status mappings, decoded once: the receiver maps every delivery with one.
    private let statusMappings = DecodedStatusMappings()

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

    /// An order delivery's body is the order as the REST API returns it; it maps alone unless it has refunds
    /// whose per-line quantities matter, or a status outside the import set (which maps only if Logix holds the
    /// order already).
    public func wholeOrders(
        _ deliveries: [ChannelWebhookBody], integration: IntegrationRecord
    ) -> [Result<LogixCore.Order, MappingFailure>?] {
        guard let statusMapping = statusMappings.mapping(of: integration) else { return deliveries.map { _ in nil } }
        let mapper = OrderMapper(integrationID: integration.id, statusMapping: statusMapping)
        return deliveries.map { delivery in
            WooCommerceChannel.wholeOrder(in: delivery, decoding: .reader).flatMap {
                OrderBatchMapper.mappedAlone($0, mapper: mapper)
            }
        }
    }
}

/// Status mappings decoded from their stored JSON, kept by that JSON (a few integrations' worth; cleared past
/// 1,000): decoding one per delivery showed in the receiver's profile (issue 14).
final class DecodedStatusMappings: Sendable {
    private let mappings = Mutex<[String: StatusMapping]>([:])

    /// The integration's mapping; `nil` when its stored JSON does not decode.
    func mapping(of integration: IntegrationRecord) -> StatusMapping? {
        let json = integration.statusMappingJSON
        if let mapping = mappings.withLock({ $0[json] }) { return mapping }
        guard let mapping = try? integration.statusMapping() else { return nil }
        mappings.withLock { mappings in
            if mappings.count >= 1_000 { mappings.removeAll() }
            mappings[json] = mapping
        }
        return mapping
    }
}
