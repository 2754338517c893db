import Foundation

/// What one fulfillment event does to an order: its new status, the effects on tasks and stock, and the
/// shipment to record.
///
/// Computed by ``Order/fulfillmentStep(_:shipments:at:)`` — a pure function of the order, the shipments it
/// already has and the event, like ``OrderLifecycle``: no I/O, no clock. The caller stores the result and
/// queues what the store should see.
public struct FulfillmentStep: Sendable, Hashable {
    /// The order's status before the event.
    public var previousStatus: OrderStatus
    /// The order's status after it.
    public var status: OrderStatus
    /// Effects on tasks and stock, in order, for the same transaction.
    public var effects: [LifecycleEffect]
    /// The parcel a `shipped` event adds.
    public var shipment: Shipment?
    /// Units still to ship after the event, by SKU (empty once everything shipped).
    public var unshipped: [StockQuantity]

    /// Whether the event changed nothing (a repeated `picked`, `packed` or `delivered`).
    public var isNoOp: Bool { previousStatus == status && effects.isEmpty && shipment == nil }
}

extension Order {
    /// The step `event` takes this order through, given the `shipments` it already has.
    ///
    /// Forward steps the warehouse skipped reporting are taken on the way (`packed` on a `ready` order picks
    /// it first; `shipped` on a `ready` or `picking` one picks and packs it), so a warehouse that only reports
    /// shipments works. Repeating the step the order is at is a no-op (a client retrying after a timeout);
    /// anything else the lifecycle forbids — `delivered` before `shipped`, `picked` after shipping, cancelling
    /// a shipped order — throws ``FulfillmentError/Kind/illegalTransition``.
    public func fulfillmentStep(
        _ event: FulfillmentEvent, shipments: [Shipment], at date: Date
    ) throws(FulfillmentError) -> FulfillmentStep {
        var order = self
        var effects: [LifecycleEffect] = []
        func move(through statuses: [OrderStatus]) throws(FulfillmentError) {
            for status in statuses {
                do {
                    effects += try order.transition(to: status)
                } catch {
                    throw FulfillmentError.illegal(event, status: self.status)
                }
            }
        }
        let unshippedBefore = unshipped(after: shipments)
        var shipment: Shipment?
        var unshippedAfter = unshippedBefore
        switch event {
        case .picked:
            guard status == .ready || status == .picking else { throw FulfillmentError.illegal(event, status: status) }
            if status == .ready {
                try move(through: [.picking])
                effects.append(.completeTask(.pick))
            }
        case .packed:
            guard [.ready, .picking, .packed].contains(status) else {
                throw FulfillmentError.illegal(event, status: status)
            }
            try move(through: Self.forwardPath(from: status, to: .packed))
        case .shipped(let carrier, let trackingNumber, let trackingURL, let items):
            if Self.isRepeat(
                of: shipments, carrier: carrier, trackingNumber: trackingNumber, items: items,
                nothingLeft: unshippedBefore.isEmpty)
            {
                break
            }
            guard [.ready, .picking, .packed].contains(status) else {
                throw FulfillmentError.illegal(event, status: status)
            }
            let shipped = try Self.shipmentItems(items, unshipped: unshippedBefore, status: status)
            shipment = Shipment(
                carrier: carrier, trackingNumber: trackingNumber, trackingURL: trackingURL, items: shipped,
                shippedAt: date)
            unshippedAfter = Self.subtracting(shipped, from: unshippedBefore)
            try move(through: Self.forwardPath(from: status, to: unshippedAfter.isEmpty ? .shipped : .packed))
        case .delivered:
            guard status == .shipped || status == .delivered else {
                throw FulfillmentError.illegal(event, status: status)
            }
            try move(through: [.delivered])
        case .cancelled:
            guard status != .cancelled else { break }
            try move(through: [.cancelled])
        }
        return FulfillmentStep(
            previousStatus: status, status: order.status, effects: effects, shipment: shipment,
            unshipped: unshippedAfter)
    }

    /// Open units not yet in any of `shipments`, by SKU.
    public func unshipped(after shipments: [Shipment]) -> [StockQuantity] {
        Self.subtracting(shipments.flatMap(\.items), from: stockDemand)
    }

    private static func forwardPath(from status: OrderStatus, to target: OrderStatus) -> [OrderStatus] {
        let path: [OrderStatus] = [.ready, .picking, .packed, .shipped]
        guard let start = path.firstIndex(of: status), let end = path.firstIndex(of: target), start < end else {
            return []
        }
        return Array(path[(start + 1)...end])
    }

    /// Whether a `shipped` event is one already recorded, sent again by a client retrying after a timeout: a
    /// recorded parcel with the same carrier and tracking number, and either the same units or — when the
    /// event names none, meaning "the rest" — nothing left to ship. A retry must not become a second parcel
    /// (ARCHITECTURE.md, "Idempotent import"). A real second parcel under the same (master) tracking number
    /// still records when it names other units or there are units left.
    private static func isRepeat(
        of shipments: [Shipment], carrier: String, trackingNumber: String, items: [Shipment.Item], nothingLeft: Bool
    ) -> Bool {
        func units(_ items: [Shipment.Item]) -> [String: Int] {
            Dictionary(items.map { ($0.sku, $0.quantity) }, uniquingKeysWith: +)
        }
        return shipments.contains { recorded in
            recorded.carrier == carrier && recorded.trackingNumber == trackingNumber
                && (items.isEmpty ? nothingLeft : units(items) == units(recorded.items))
        }
    }

    /// The parcel's items: what was asked for, checked against what is left; nothing asked → everything left.
    private static func shipmentItems(
        _ requested: [Shipment.Item], unshipped: [StockQuantity], status: OrderStatus
    ) throws(FulfillmentError) -> [Shipment.Item] {
        let left = Dictionary(unshipped.map { ($0.sku, $0.quantity) }, uniquingKeysWith: +)
        guard !requested.isEmpty else {
            return unshipped.map { Shipment.Item(sku: $0.sku, quantity: $0.quantity) }
        }
        var asked: [String: Int] = [:]
        for item in requested {
            guard item.quantity > 0 else {
                throw FulfillmentError.invalidShipment("quantity of \(item.sku) must be positive", status: status)
            }
            asked[item.sku, default: 0] += item.quantity
        }
        for (sku, quantity) in asked.sorted(by: { $0.key < $1.key }) {
            guard let remaining = left[sku] else {
                throw FulfillmentError.invalidShipment("\(sku) is not left to ship in this order", status: status)
            }
            guard quantity <= remaining else {
                throw FulfillmentError.invalidShipment(
                    "\(quantity) × \(sku) asked, only \(remaining) left to ship", status: status)
            }
        }
        return asked.sorted(by: { $0.key < $1.key }).map { Shipment.Item(sku: $0.key, quantity: $0.value) }
    }

    private static func subtracting(_ items: [Shipment.Item], from demand: [StockQuantity]) -> [StockQuantity] {
        var left = Dictionary(demand.map { ($0.sku, $0.quantity) }, uniquingKeysWith: +)
        for item in items { left[item.sku, default: 0] -= item.quantity }
        return StockQuantity.normalized(left.map { StockQuantity(sku: $0.key, quantity: $0.value) })
    }
}
