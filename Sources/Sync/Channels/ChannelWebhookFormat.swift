import Foundation
import LogixCore
import Storage

/// How a platform's webhook deliveries look on arrival: recognised from headers and raw body, verified over
/// the raw bytes, and keyed by the resource they concern. Needs no store connection — the receiver uses it
/// before anything else.
public protocol ChannelWebhookFormat: Sendable {
    var platform: ChannelPlatform { get }
    /// What the request is: a delivery, the platform's unsigned ping, or neither (`nil`).
    func classify(headers: [(name: String, value: String)], body: Data) -> ChannelWebhookMessage?
    /// Whether the delivery's signature is valid for the raw body and the integration's secret, compared in
    /// constant time.
    func verify(_ delivery: ChannelWebhookDelivery, body: Data, secret: String) -> Bool
    /// The id of the resource the body is about; throws when the body is not readable at all.
    func resourceID(in body: Data) throws -> Int64?
    /// For each delivery, the order its body carries whole, mapped for `integration` from the body alone —
    /// nothing read from the store or from Logix — or `nil` when it needs more. The receiver applies these in
    /// the group commit that stores them (ARCHITECTURE.md, "Nothing lost"); the rest wait in the inbox for the
    /// ``WebhookInboxApplier``, which can read what they lack.
    func wholeOrders(
        _ deliveries: [ChannelWebhookBody], integration: IntegrationRecord
    ) -> [Result<Order, MappingFailure>?]
}

/// A request to a webhook receiver, recognised.
public enum ChannelWebhookMessage: Sendable, Hashable {
    /// The platform checking that the address answers; nothing to store.
    case ping
    case delivery(ChannelWebhookDelivery)
}

/// The headers of one webhook delivery that matter to Logix.
public struct ChannelWebhookDelivery: Sendable, Hashable {
    /// The platform's topic (`order.updated`, `orders/updated`).
    public var topic: String
    /// The platform's id of the delivery, when it sends one.
    public var deliveryID: String
    /// The signature to verify, when it sent one.
    public var signature: String?

    public init(topic: String, deliveryID: String, signature: String?) {
        self.topic = topic
        self.deliveryID = deliveryID
        self.signature = signature
    }
}

/// A stored delivery, as a channel reads it back.
public struct ChannelWebhookBody: Sendable, Hashable {
    public var topic: String
    public var body: Data

    public init(topic: String, body: Data) {
        self.topic = topic
        self.body = body
    }
}

/// What one stored delivery holds for the order sync.
public enum ChannelWebhookOrder: Sendable {
    /// A whole order: apply it (or record why it does not map).
    case order(Result<Order, MappingFailure>)
    /// An order whose body is not enough (only its id, a deletion): read it again from the store.
    case refetch
    /// Not about an order (products matter for stock, which is the outbox's work).
    case ignored
    /// The store took back Logix's access (Shopify's `app/uninstalled`: the token no longer works). The
    /// integration is paused until it is given new credentials, rather than failing every sync from now on.
    case accessRevoked
}
