import Foundation
import LogixCore
import Storage
import WooCommerce

/// The use cases of the outbox as a user sees it: the store updates queued for their stores, a retry of a dead
/// one, and setting an order's status in the store by hand.
///
/// Every store write goes through the outbox (ARCHITECTURE.md, "Queued outbound"): setting a status here
/// queues it like a shipment does, so it is retried, ordered before its note and never echoed.
public struct StoreUpdates: Sendable {
    let database: LogixDatabase
    let signal: OutboxSignal
    let settlements: OutboxSettlements
    let clock: any LogixClock

    public init(
        database: LogixDatabase, signal: OutboxSignal, settlements: OutboxSettlements, clock: any LogixClock
    ) {
        self.database = database
        self.signal = signal
        self.settlements = settlements
        self.clock = clock
    }

    /// The user's queued updates, a page of them, optionally of one state (`pending`, `done`, `dead`), one
    /// integration and one order (its Logix id), given as the user typed them: all are validated here. Another
    /// user's integration or order filters to nothing, like one that does not exist.
    public func list(
        userID: Int64, state: String?, integrationID: String?, orderID: String? = nil, page: Int, perPage: Int
    ) async throws -> (items: [OutboxItem], total: Int) {
        var problems: [String: String] = [:]
        let wanted = state.flatMap(OutboxState.init(rawValue:))
        if state != nil, wanted == nil { problems["state"] = "one of pending, done, dead" }
        let chosen = integrationID.map { Int64($0) }
        if let chosen, chosen == nil { problems["integration_id"] = "must be a number" }
        let order = orderID.map { Int64($0) }
        if let order, order == nil { problems["order_id"] = "must be a number" }
        guard problems.isEmpty else { throw SyncError.invalid(problems) }
        return try await database.read { sql in
            var owned = try await IntegrationRecords().ids(userID: userID, on: sql)
            if let chosen = chosen ?? nil { owned = owned.contains(chosen) ? [chosen] : [] }
            var externalOrderID: Int64?
            if let order = order ?? nil {
                let header = try await OrderRecords().fetchHeader(id: order, on: sql)
                owned = header.map { owned.contains($0.integrationID) ? [$0.integrationID] : [] } ?? []
                externalOrderID = header?.externalID
            }
            return try await OutboxRecords().list(
                integrationIDs: owned, state: wanted, externalOrderID: externalOrderID, page: page, perPage: perPage,
                on: sql)
        }
    }

    /// Every store update queued for the user's order with Logix id `orderID` — pending, sent or settled, and
    /// dead — newest first. Another user's order is ``SyncError/Kind/notFound``, like one that does not exist.
    public func list(userID: Int64, orderID: Int64) async throws -> [OutboxItem] {
        let items = try await database.read { sql -> [OutboxItem]? in
            guard let order = try await OrderRecords().fetchHeader(id: orderID, on: sql),
                try await IntegrationRecords().find(id: order.integrationID, userID: userID, on: sql) != nil
            else { return nil }
            return try await OutboxRecords().items(
                integrationID: order.integrationID, externalOrderID: order.externalID, on: sql)
        }
        guard let items else { throw SyncError.notFound("order") }
        return items
    }

    /// Queues a dead update again. ``SyncError/Kind/conflict`` (with `current_state`) for one that is not dead.
    public func retry(userID: Int64, itemID: Int64) async throws -> OutboxItem {
        let now = clock.now()
        let outcome = try await database.transaction { sql -> Result<OutboxItem, SyncError> in
            let owned = Set(try await IntegrationRecords().ids(userID: userID, on: sql))
            guard let item = try await OutboxRecords().fetch(ids: [itemID], on: sql).first,
                owned.contains(item.integrationID)
            else { return .failure(SyncError.notFound("outbox item")) }
            guard let retried = try await OutboxRecords().retry(id: itemID, at: now, on: sql) else {
                return .failure(
                    SyncError(
                        .conflict, "only a dead item can be retried; this one is \(item.state.rawValue)",
                        code: "not_dead", fields: ["current_state": item.state.rawValue]))
            }
            return .success(retried)
        }
        let item = try outcome.get()
        signal.notify()
        return item
    }

    /// Queues every dead update of one of the user's integrations again (each as ``retry(userID:itemID:)``
    /// would), in one transaction; how many were brought back.
    public func retryDead(userID: Int64, integrationID: Int64) async throws -> Int {
        let now = clock.now()
        let retried = try await database.transaction { sql -> Int? in
            guard try await IntegrationRecords().find(id: integrationID, userID: userID, on: sql) != nil else {
                return nil
            }
            var count = 0
            for id in try await OutboxRecords().deadIDs(integrationID: integrationID, on: sql)
            where try await OutboxRecords().retry(id: id, at: now, on: sql) != nil {
                count += 1
            }
            return count
        }
        guard let retried else { throw SyncError.notFound("integration") }
        if retried > 0 { signal.notify() }
        return retried
    }

    /// What setting a status queued: the store updates, and the order as Logix holds it.
    public struct StatusQueued: Sendable {
        public var items: [OutboxItem]
        public var order: Order
    }

    /// Queues the store status `status` (and a note) for the store's order `externalOrderID`. The status must be
    /// one the integration maps, so the store's webhook for it is understood (ARCHITECTURE.md, "No echo").
    public func setOrderStatus(
        userID: Int64, integrationID: Int64, platform expected: ChannelPlatform? = nil, externalOrderID: Int64,
        status: String?, note: String?, customerNote: Bool?
    ) async throws -> StatusQueued {
        let now = clock.now()
        let (record, order) = try await database.read { sql in
            guard let record = try await IntegrationRecords().find(id: integrationID, userID: userID, on: sql),
                expected.map({ $0.rawValue == record.platform }) ?? true
            else {
                throw SyncError.notFound("integration")
            }
            guard
                let order = try await OrderRecords().fetch(
                    integrationID: integrationID, externalIDs: [externalOrderID], on: sql)[externalOrderID]
            else { throw SyncError.notFound("order") }
            return (record, order)
        }
        if ChannelPlatform(rawValue: record.platform).takesShipmentsAsFulfillments {
            // Refused before anything is queued, rather than parked later as `unsupported_operation`.
            throw SyncError(
                .invalidFields, integrationID: integrationID,
                "a \(record.platform) order has no status to set: record the shipment (POST /api/v1/orders/"
                    + "{id}/fulfillment, event shipped) and it goes to the store as a fulfillment with its tracking",
                code: "unsupported_operation", fields: ["status": "the store has no order status to set"])
        }
        guard let text = status?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            throw SyncError.invalid(["status": "required"])
        }
        let storeStatus = WooOrderStatus(rawValue: text)
        guard try record.statusMapping().logixStatus(for: storeStatus) != nil else {
            throw SyncError.invalid(["status": "\(text) is not a store status this integration maps"])
        }
        if let note, note.count > 10_000 { throw SyncError.invalid(["note": "at most 10,000 characters"]) }

        var queued: [NewOutboxItem] = [
            try .orderUpdate(
                integrationID: integrationID,
                OrderUpdatePayload(externalID: externalOrderID, status: storeStatus.rawValue))
        ]
        if let note, !note.isEmpty {
            queued.append(
                try .orderNote(
                    integrationID: integrationID,
                    OrderNotePayload(externalID: externalOrderID, note: note, customerNote: customerNote ?? false)))
        }
        let toQueue = queued
        let items = try await database.transaction { sql in
            let ids = try await OutboxRecords().enqueue(toQueue, at: now, on: sql)
            return try await OutboxRecords().fetch(ids: ids, on: sql)
        }
        signal.notify()
        return StatusQueued(items: items.sorted { $0.id < $1.id }, order: order)
    }

    /// Waits until every one of `queued`'s items is settled — sent, or parked as dead — or until `bound` passes,
    /// and returns them as they are then, with the order as Logix holds it then (the store's answer to a sent
    /// status is recorded as the order's newest version).
    public func waitUntilSettled(_ queued: StatusQueued, upTo bound: Duration) async throws -> StatusQueued {
        let ids = queued.items.map(\.id)
        let order = queued.order
        func current() async throws -> StatusQueued {
            try await database.read { sql in
                let items = try await OutboxRecords().fetch(ids: ids, on: sql).sorted { $0.id < $1.id }
                let stored = try await OrderRecords().fetch(
                    integrationID: order.integrationID, externalIDs: [order.externalID], on: sql)[order.externalID]
                return StatusQueued(items: items, order: stored ?? order)
            }
        }
        return try await withThrowingTaskGroup(of: StatusQueued?.self) { group in
            group.addTask {
                while true {
                    let generation = settlements.generation
                    let now = try await current()
                    if now.items.allSatisfy({ $0.state != .pending }) { return now }
                    await settlements.wait(after: generation)
                    try Task.checkCancellation()
                }
            }
            group.addTask {
                try await clock.sleep(for: bound)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            if let first { return first }
            return try await current()
        }
    }
}
