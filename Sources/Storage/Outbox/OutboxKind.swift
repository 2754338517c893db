/// What an outbox item asks the store to do; the payload's shape follows from it.
public enum OutboxKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `PUT orders/{id}`: a status and/or meta data (tracking).
    case orderUpdate = "order_update"
    /// `POST orders/{id}/notes`.
    case orderNote = "order_note"
    /// A SKU's stock level, sent by batch; the value is read when it is sent.
    case stock
    /// A shipment as the store's own fulfillment with its tracking (Shopify's `fulfillmentCreate`), for
    /// platforms where shipping is a fulfillment rather than a status.
    case fulfillment
}
