/// A status and tracking update for one order, as the outbox sends it.
public struct ChannelOrderUpdate: Sendable, Hashable {
    /// The store's order id.
    public var externalID: Int64
    /// The store status to set (the platform's own name); `nil` leaves it.
    public var status: String?
    /// Meta entries to add or replace (the shipment tracking); empty sends none.
    public var meta: [ChannelMeta]?

    public init(externalID: Int64, status: String? = nil, meta: [ChannelMeta]? = nil) {
        self.externalID = externalID
        self.status = status
        self.meta = meta
    }
}

/// One meta entry of an order update: a key and its value as JSON text.
public struct ChannelMeta: Sendable, Hashable {
    public var key: String
    /// The value, JSON-encoded (`"1Z9"`, `[{"tracking_number":"1Z9"}]`).
    public var json: String

    public init(key: String, json: String) {
        self.key = key
        self.json = json
    }
}

/// A note to add to an order.
public struct ChannelOrderNote: Sendable, Hashable {
    /// The store's order id.
    public var externalID: Int64
    public var note: String
    /// Whether the customer sees it.
    public var customerNote: Bool

    public init(externalID: Int64, note: String, customerNote: Bool) {
        self.externalID = externalID
        self.note = note
        self.customerNote = customerNote
    }
}
