import Foundation
import LogixCore

/// Orders read by id: those the store still lists, mapped, and the ids it no longer lists.
public struct ChannelOrderBatch: Sendable {
    /// Each order found, in the store's order: the Logix order, or why there is none.
    public var orders: [Result<Order, MappingFailure>]
    /// The ids asked for that the store did not return (deleted, trashed), in the order asked.
    public var missing: [Int64]

    public init(orders: [Result<Order, MappingFailure>], missing: [Int64]) {
        self.orders = orders
        self.missing = missing
    }
}

/// An order's id, version and store status as the store lists them: what reconciliation compares.
public struct ChannelOrderVersion: Sendable, Hashable {
    public var externalID: Int64
    /// When the store last changed the order; `nil` if it does not say.
    public var version: Date?
    /// The store's own status name.
    public var storeStatus: String

    public init(externalID: Int64, version: Date?, storeStatus: String) {
        self.externalID = externalID
        self.version = version
        self.storeStatus = storeStatus
    }
}
