import Foundation
import LogixCore
import Storage

/// Records what the warehouse did with an order and queues what the store should see of it.
///
/// The flow, top-down, in one transaction: lock the integration (imports and webhooks for it wait) → read the
/// order and its shipments → ``LogixCore/Order/fulfillmentStep(_:shipments:at:)`` decides → store the new
/// status, the effects on tasks and stock, the shipment → queue the store updates in the outbox (ARCHITECTURE.md,
/// "Queued outbound": queued, not fired). Either all of it is stored or none. The webhook the store sends back for
/// our own update maps to a status Logix has already passed and is ignored by the import rules, and imports
/// never queue store updates, so nothing echoes (ARCHITECTURE.md, "No echo").
public struct FulfillmentRecorder: Sendable {
    /// What an event did.
    public struct Recorded: Sendable {
        public var order: Order
        public var step: FulfillmentStep
        /// All the order's shipments, the event's own included.
        public var shipments: [Shipment]
        /// The outbox items queued for the store.
        public var queued: [Int64]
        /// The stock pushes queued for the owner's stores that map a SKU whose stock the step moved.
        public var stockPushes: [Int64] = []
    }

    let database: LogixDatabase

    public init(database: LogixDatabase) { self.database = database }

    /// Applies `event` to the order with Logix id `orderID` of `integration`; `nil` when there is no such order.
    /// Throws ``LogixCore/FulfillmentError`` for an event the order cannot take, changing nothing.
    public func record(
        _ event: FulfillmentEvent, orderID: Int64, integration: IntegrationRecord, at date: Date
    ) async throws -> Recorded? {
        let integrationID = integration.id
        let updates = FulfillmentStoreUpdates(
            integrationID: integrationID, mapping: try integration.statusMapping(),
            settings: integration.fulfillmentSettings, platform: ChannelPlatform(rawValue: integration.platform))
        return try await database.transaction { sql -> Recorded? in
            try await IntegrationWriteLock.acquire(integrationID: integrationID, on: sql)
            guard var order = try await OrderRecords().fetch(id: orderID, on: sql),
                order.integrationID == integrationID
            else { return nil }
            var shipments = try await ShipmentRecords().shipments(orderID: orderID, on: sql)
            let step = try order.fulfillmentStep(event, shipments: shipments, at: date)
            guard !step.isNoOp else { return Recorded(order: order, step: step, shipments: shipments, queued: []) }

            order.status = step.status
            order.updatedAt = date
            order = try await OrderRecords().upsert(
                [order], keepingLinesOf: [order.externalID], origin: OrderEvent.Origin.warehouse, on: sql)[0]
            let moved = try await FulfillmentRecords().apply(
                [(orderID, step.effects)], ownerID: integration.userID, at: date, on: sql)
            let stockPushes = try await StockPushPlanner().enqueueMoved(
                skus: moved, ownerID: integration.userID, at: date, on: sql)
            if let shipment = step.shipment {
                shipments.append(try await ShipmentRecords().insert(shipment, orderID: orderID, on: sql))
            }
            let items = try updates.items(for: step, event: event, order: order, shipments: shipments)
            let queued = try await OutboxRecords().enqueue(items, at: date, on: sql)
            return Recorded(order: order, step: step, shipments: shipments, queued: queued, stockPushes: stockPushes)
        }
    }
}
