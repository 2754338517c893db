import Foundation

/// One unit of store-bound work as the `outbox` table holds it (ARCHITECTURE.md, "Queued outbound": queued, not
/// fired).
public struct OutboxItem: Sendable, Hashable {
    public var id: Int64
    public var integrationID: Int64
    public var kind: OutboxKind
    /// The kind's payload as JSON text.
    public var payload: String
    /// The store's order id, for order items.
    public var externalOrderID: Int64?
    /// The coalescing key (`stock:<sku>` for stock items).
    public var dedupeKey: String?
    public var state: OutboxState
    /// Not sent before this time.
    public var notBefore: Date
    /// Failed attempts so far (a breaker's push-back does not count).
    public var attempts: Int
    /// The last failure, safe to show: store, endpoint, the platform's own code — never a secret.
    public var lastError: String?
    /// Bumped each time a newer change is coalesced into the pending item.
    public var revision: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var doneAt: Date?
    /// Why the item settled without a request to the store (a stock push for a SKU the store does not manage);
    /// `nil` for an item that was sent.
    public var detail: String?

    public init(
        id: Int64, integrationID: Int64, kind: OutboxKind, payload: String, externalOrderID: Int64?,
        dedupeKey: String?, state: OutboxState, notBefore: Date, attempts: Int, lastError: String?, revision: Int,
        createdAt: Date, updatedAt: Date, doneAt: Date?, detail: String? = nil
    ) {
        self.id = id
        self.integrationID = integrationID
        self.kind = kind
        self.payload = payload
        self.externalOrderID = externalOrderID
        self.dedupeKey = dedupeKey
        self.state = state
        self.notBefore = notBefore
        self.attempts = attempts
        self.lastError = lastError
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.doneAt = doneAt
        self.detail = detail
    }
}
