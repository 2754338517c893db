import Foundation
import LogixCore

/// One entry of an order's timeline: it arrived, its Logix status moved, a parcel left, or it was flagged for a
/// person. Written by Storage in the transaction that made the change, so the timeline never claims a change that
/// rolled back nor misses one that committed.
public struct OrderEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Logix stored the order for the first time.
        case received
        /// The Logix status moved from ``OrderEvent/fromStatus`` to ``OrderEvent/toStatus``.
        case statusChanged = "status_changed"
        /// A shipment was recorded; ``OrderEvent/detail`` names the carrier and tracking number.
        case shipped
        /// The order was flagged for review; ``OrderEvent/detail`` gives the reason and what the store wanted.
        case flagged
    }

    /// Who caused an event, as ``OrderEvent/origin`` names it.
    public enum Origin {
        /// A sync run read the order from the store.
        public static let storeImport = "import"
        /// A webhook delivery brought the order.
        public static let storeWebhook = "webhook"
        /// The scheduler's reconciliation found the store's order changed (or gone).
        public static let storeReconciliation = "reconciliation"
        /// The store's answer to an update Logix sent it.
        public static let storeAnswer = "store_answer"
        /// Logix's own side: the warehouse or an operator (``LogixCore/ChangeOrigin/warehouse``).
        public static let warehouse = ChangeOrigin.warehouse.rawValue
    }

    public var id: Int64?
    public var orderID: Int64
    public var at: Date
    public var kind: Kind
    public var fromStatus: OrderStatus?
    public var toStatus: OrderStatus?
    /// One of ``Origin``'s names; `nil` when not known (events recorded before origins were).
    public var origin: String?
    public var detail: String

    public init(
        id: Int64? = nil, orderID: Int64, at: Date, kind: Kind, fromStatus: OrderStatus? = nil,
        toStatus: OrderStatus? = nil, origin: String? = nil, detail: String = ""
    ) {
        self.id = id
        self.orderID = orderID
        self.at = at
        self.kind = kind
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.origin = origin
        self.detail = detail
    }
}
