/// An item to put into the outbox (see ``OutboxRecords/enqueue(_:at:on:)``).
public struct NewOutboxItem: Sendable, Hashable {
    public var integrationID: Int64
    public var kind: OutboxKind
    /// The kind's payload as JSON text.
    public var payload: String
    /// The store's order id for order items: an order's items are sent one after another, in enqueue order.
    public var externalOrderID: Int64?
    /// Items with the same key (per integration) coalesce while pending: enqueuing one when another is pending
    /// adds nothing but makes the pending one due now. `nil` never coalesces.
    public var dedupeKey: String?

    public init(
        integrationID: Int64, kind: OutboxKind, payload: String, externalOrderID: Int64? = nil,
        dedupeKey: String? = nil
    ) {
        self.integrationID = integrationID
        self.kind = kind
        self.payload = payload
        self.externalOrderID = externalOrderID
        self.dedupeKey = dedupeKey
    }
}
