import Foundation

/// A unit of warehouse or fleet work for one order: pick its goods, pack them, ship the parcel.
///
/// Tasks are created, completed and cancelled only as ``LifecycleEffect``s of the order's status changes, so
/// an order has at most one open task of each kind.
public struct FulfillmentTask: Sendable, Hashable, Codable {
    /// The kind of work.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case pick
        case pack
        case ship
    }

    /// Where the task stands.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case open
        case done
        case cancelled
    }

    /// The database id; `nil` until stored.
    public var id: Int64?
    public var orderID: Int64
    public var kind: Kind
    public var status: Status
    public var carrier: String?
    public var trackingNumber: String?
    /// Kept as the carrier gave it; a malformed URL is still worth showing to the customer service desk.
    public var trackingURL: String?
    public var createdAt: Date
    /// When the task was done; `nil` while open or if cancelled.
    public var completedAt: Date?

    public init(
        id: Int64? = nil,
        orderID: Int64,
        kind: Kind,
        status: Status = .open,
        carrier: String? = nil,
        trackingNumber: String? = nil,
        trackingURL: String? = nil,
        createdAt: Date,
        completedAt: Date? = nil
    ) {
        self.id = id
        self.orderID = orderID
        self.kind = kind
        self.status = status
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.trackingURL = trackingURL
        self.createdAt = createdAt
        self.completedAt = completedAt
    }

    public var isOpen: Bool { status == .open }

    /// The task marked done at `date`. Only an open task changes: done and cancelled are final.
    public func completing(at date: Date) -> FulfillmentTask {
        guard isOpen else { return self }
        var copy = self
        copy.status = .done
        copy.completedAt = date
        return copy
    }

    /// The task cancelled. Only an open task changes: done and cancelled are final.
    public func cancelling() -> FulfillmentTask {
        guard isOpen else { return self }
        var copy = self
        copy.status = .cancelled
        return copy
    }
}
