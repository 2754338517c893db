import Foundation
import LogixCore
import Storage

/// Applies a batch of store order versions to Logix in one transaction: the "store → apply" step that polling
/// and (next) webhooks share.
///
/// Inside the transaction, in this order: take the integration's write lock; read the stored versions; read
/// in full only the orders an incoming version is newer than; decide each with ``OrderMerge`` (ARCHITECTURE.md,
/// "Idempotent import" and "Who owns what"); write every changed order in one multi-row upsert; apply the
/// lifecycle effects (tasks, stock) and queue a push of every SKU whose stock they moved to each of the owner's
/// stores that maps it (issue 11, gap 10: an order in one store lowers what the others offer); then run the
/// caller's own step (the sync run's progress and cursor), so all of it commits or none does.
///
/// Orders that could not be mapped are not written; they come back as ``SyncLogEntry``s and never fail the
/// rest of the batch.
public struct OrderApplier: Sendable {
    public let database: LogixDatabase
    public let integrationID: Int64
    /// Woken after a batch queued stock pushes (`nil`: the sender finds them on its next poll).
    public let outboxSignal: OutboxSignal?

    public init(database: LogixDatabase, integrationID: Int64, outboxSignal: OutboxSignal? = nil) {
        self.database = database
        self.integrationID = integrationID
        self.outboxSignal = outboxSignal
    }

    /// What a batch did.
    public struct Outcome: Sendable, Hashable {
        public var counts = SyncCounts()
        /// One entry per order skipped or failed, and per order flagged for review.
        public var entries: [SyncLogEntry] = []
        /// What happened to each store order id that was mapped.
        public var outcomes: [Int64: OrderMerge.Outcome] = [:]
        /// The outbox items holding the stock pushes the batch's reservations and releases queued.
        public var stockPushes: [Int64] = []

        public init() {}
    }

    /// The stored version of each of `externalIDs` Logix holds; read outside any transaction, so only a hint
    /// (which orders are known, which may need their refunds fetched).
    public func storedVersions(of externalIDs: [Int64]) async throws -> [Int64: Date] {
        let integrationID = self.integrationID
        return try await database.read { sql in
            try await OrderRecords().versions(integrationID: integrationID, externalIDs: externalIDs, on: sql)
        }
    }

    /// Applies `results` (mapped orders and mapping failures, in store order) at `now`.
    ///
    /// - Parameter readFromStore: the orders were just read from the store's API, so they are its current
    ///   state: an equal version with different data is applied (two edits in one second share a stamp; see
    ///   ``OrderMerge``). `false` for webhook bodies.
    /// - Parameter finish: runs last inside the transaction with the batch's outcome; throwing rolls the whole
    ///   batch back.
    /// - Parameter origin: what brought the versions (one of ``Storage/OrderEvent/Origin``'s names), recorded on the
    ///   timeline events of the orders it changes.
    /// - Parameter deletedForGood: orders the store no longer has at all (a `GET` by id answered 404): each is
    ///   applied as the store cancelling it (``Order/deletedAtStore(at:)``), by the same rules as a trashed one.
    @discardableResult
    public func apply(
        _ results: [Result<Order, MappingFailure>],
        deletedForGood: [Int64] = [],
        at now: Date,
        readFromStore: Bool = true,
        origin: String = OrderEvent.Origin.storeImport,
        finish: @escaping @Sendable (DatabaseSession, Outcome) async throws -> Void = { _, _ in }
    ) async throws -> Outcome {
        let applied = try await database.transaction { sql in
            let outcome = try await apply(
                results, deletedForGood: deletedForGood, at: now, readFromStore: readFromStore, origin: origin, on: sql)
            try await finish(sql, outcome)
            return outcome
        }
        if !applied.stockPushes.isEmpty { outboxSignal?.notify() }
        return applied
    }

    /// Applies `results` as ``apply(_:deletedForGood:at:readFromStore:origin:finish:)`` does, inside the
    /// caller's transaction `sql`: the receiver's group commit applies the orders its deliveries carry whole in
    /// the transaction that stores them. The caller wakes the outbox for the outcome's stock pushes once it
    /// committed.
    public func apply(
        _ results: [Result<Order, MappingFailure>],
        deletedForGood: [Int64] = [],
        at now: Date,
        readFromStore: Bool,
        origin: String,
        on sql: DatabaseSession
    ) async throws -> Outcome {
        // One version per order: a batch that names an order twice (a replayed webhook beside its original)
        // keeps the newest; the other counts as unchanged, as it would have in a later batch.
        var newest: [Int64: Order] = [:]
        var outcome = Outcome()
        for result in results {
            outcome.counts.total += 1
            switch result {
            case .success(let order):
                if let other = newest[order.externalID] {
                    outcome.counts.unchanged += 1
                    if order.isNewer(than: other) { newest[order.externalID] = order }
                } else {
                    newest[order.externalID] = order
                }
            case .failure(let failure):
                outcome.entries.append(failure.logEntry)
                switch failure.disposition {
                case .skipped: outcome.counts.skipped += 1
                case .failed: outcome.counts.failed += 1
                }
            }
        }
        let mapped = newest.values.sorted { $0.externalID < $1.externalID }
        let deleted = deletedForGood.filter { newest[$0] == nil }
        try await IntegrationWriteLock.acquire(integrationID: integrationID, on: sql)
        let records = OrderRecords()
        // An order deleted for good has no store version left to map: its stored record, cancelled by the
        // store, stands for it — read under the lock, so it is the record the merge then sees.
        var incoming = mapped
        if !deleted.isEmpty {
            let gone = try await records.fetch(integrationID: integrationID, externalIDs: deleted, on: sql)
            for id in deleted {
                outcome.counts.total += 1
                guard let stored = gone[id], stored.storeStatus != Order.deletedStoreStatus else {
                    // Unknown to Logix, or already applied as deleted: nothing to do.
                    outcome.outcomes[id] = .unchanged
                    outcome.counts.unchanged += 1
                    continue
                }
                incoming.append(stored.deletedAtStore(at: now))
            }
            incoming.sort { $0.externalID < $1.externalID }
        }
        let versions = try await records.versions(
            integrationID: integrationID, externalIDs: incoming.map(\.externalID), on: sql)
        func mayChange(_ order: Order, over version: Date) -> Bool {
            readFromStore ? order.storeModifiedAt >= version : order.storeModifiedAt > version
        }
        let newer = incoming.filter { order in
            versions[order.externalID].map { mayChange(order, over: $0) } ?? false
        }
        let stored = try await records.fetch(
            integrationID: integrationID, externalIDs: newer.map(\.externalID), on: sql)

        var writes: [Order] = []
        var linesUnchanged: Set<Int64> = []
        var effects: [(externalID: Int64, effects: [LifecycleEffect])] = []
        for order in incoming {
            if let version = versions[order.externalID], !mayChange(order, over: version) {
                // ARCHITECTURE.md, "Idempotent import": an older (or, from a webhook, equal) version
                // changes nothing, unread.
                outcome.outcomes[order.externalID] = .unchanged
                outcome.counts.unchanged += 1
                continue
            }
            let merge = OrderMerge(
                stored: stored[order.externalID], incoming: order, now: now, incomingIsCurrent: readFromStore)
            outcome.outcomes[order.externalID] = merge.outcome
            switch merge.outcome {
            case .created: outcome.counts.created += 1
            case .updated: outcome.counts.updated += 1
            case .unchanged: outcome.counts.unchanged += 1
            case .flagged:
                outcome.counts.flagged += 1
                outcome.entries.append(merge.order.reviewEntry)
            }
            guard merge.changesRecord else { continue }
            writes.append(merge.order)
            if let previous = stored[order.externalID], previous.lines == merge.order.lines {
                linesUnchanged.insert(order.externalID)
            }
            if !merge.effects.isEmpty { effects.append((order.externalID, merge.effects)) }
        }
        let written = try await records.upsert(
            writes, keepingLinesOf: linesUnchanged, origin: origin,
            new: Set(incoming.lazy.map(\.externalID).filter { versions[$0] == nil }), on: sql)
        if !effects.isEmpty {
            let ids = Dictionary(written.map { ($0.externalID, $0.id) }, uniquingKeysWith: { first, _ in first })
            let byOrder = effects.compactMap { item in
                ids[item.externalID].flatMap { $0 }.map { (orderID: $0, effects: item.effects) }
            }
            guard let ownerID = try await IntegrationRecords().ownerID(integrationID: integrationID, on: sql) else {
                throw SyncError.notFound("integration")
            }
            let moved = try await FulfillmentRecords().apply(byOrder, ownerID: ownerID, at: now, on: sql)
            outcome.stockPushes = try await StockPushPlanner().enqueueMoved(
                skus: moved, ownerID: ownerID, at: now, on: sql)
        }
        return outcome
    }
}

extension MappingFailure {
    /// The failure as a sync log entry.
    var logEntry: SyncLogEntry {
        SyncLogEntry(
            externalID: Int64(orderID), disposition: disposition == .skipped ? .skipped : .failed, code: code,
            message: message)
    }
}

extension LogixCore.Order {
    /// The entry recording that the order was flagged for review, with the diff a person must look at.
    fileprivate var reviewEntry: SyncLogEntry {
        let reason = review?.reason.rawValue ?? "review"
        let diff = (review?.changes ?? []).map { "\($0.field): \"\($0.old)\" → \"\($0.new)\"" }
        return SyncLogEntry(
            externalID: externalID, disposition: .flagged, code: reason,
            message: "flagged for review (\(reason))" + (diff.isEmpty ? "" : ": " + diff.joined(separator: "; ")))
    }
}

extension LogixCore.Order {
    /// The store status recorded for an order the store deleted for good.
    static let deletedStoreStatus = "deleted"

    /// The order as the store's deletion leaves it: cancelled by the store, as a trashed order is, at a version
    /// newer than any the store sent, so the merge applies it — it releases the stock of an order not yet
    /// picked and flags one whose picking started (ARCHITECTURE.md, "Who owns what").
    func deletedAtStore(at now: Date) -> LogixCore.Order {
        var order = self
        order.status = .cancelled
        order.storeStatus = Self.deletedStoreStatus
        order.storeModifiedAt = max(now, storeModifiedAt.addingTimeInterval(1))
        return order
    }
}

extension OrderApplier {
    /// What the store holds now for orders read again one by one (a delivery that did not carry the order,
    /// an order a listing no longer shows): the orders it still has, trashed ones included, mapped; and the
    /// ids it has deleted for good, to apply as ``apply(_:deletedForGood:at:readFromStore:finish:)``'s
    /// `deletedForGood`. The one way an order leaving the store reaches Logix, whoever noticed it (ARCHITECTURE.md,
    /// "Nothing lost").
    func readAgain(
        _ externalIDs: [Int64], from channel: any SalesChannel
    ) async throws -> (results: [Result<Order, MappingFailure>], deletedForGood: [Int64]) {
        var results: [Result<Order, MappingFailure>] = []
        var deleted: [Int64] = []
        for id in externalIDs {
            if let result = try await channel.order(id: id, known: self) {
                results.append(result)
            } else {
                deleted.append(id)
            }
        }
        return (results, deleted)
    }
}
