import Foundation
import Logging
import LogixCore
import Storage
import Synchronization

/// Stores webhook deliveries in group commits, and applies the orders they carry whole in the same commit:
/// deliveries arriving while a transaction runs wait for the next one and are written together, so the inbox
/// keeps up with thousands of deliveries a second on one SQLite file. Each caller returns only once the
/// transaction holding its delivery committed (ARCHITECTURE.md, "Nothing lost": stored durably before the 200).
///
/// A delivery that comes with the order its body carries whole (mapped by the receiver, in the request's own
/// task, with ``ChannelWebhookFormat/wholeOrders(_:integration:)``) is stored as processed, and its order applied
/// by ``OrderApplier``'s rules, in that transaction: no second transaction claims it back, reads its body again
/// and marks it. The rest — and any whose integration's mapping settings changed since the receiver read
/// them — are stored pending for the ``WebhookInboxApplier``, which can read what they lack from the store. If
/// applying fails, the batch is stored again without it, every delivery pending, so an apply error never costs a
/// delivery (issue 14).
///
/// The transactions run in ``run()``, which the server runs as a service; when it stops, deliveries still
/// waiting are refused with an error (the store retries them), never dropped silently.
public final class WebhookInboxWriter: Sendable {
    /// How a stored delivery came out.
    public enum Outcome: Sendable {
        /// New: stored now, waiting for the inbox applier.
        case stored
        /// New: stored now, and the order its body carries applied in the same commit.
        case applied
        /// A duplicate of one stored before (or beside it in the same batch).
        case duplicate
        /// The integration was deleted after its secret was looked up; nothing was stored.
        case integrationGone
    }

    /// The order a delivery's body carries whole, as the receiver mapped it, and the integration's mapping
    /// settings it was mapped with.
    public struct CarriedOrder: Sendable {
        public let order: Result<Order, MappingFailure>
        public let settings: IntegrationMappingSettings

        public init(order: Result<Order, MappingFailure>, settings: IntegrationMappingSettings) {
            self.order = order
            self.settings = settings
        }

        /// The store's id of the order: the delivery's resource.
        public var resourceID: Int64 {
            switch order {
            case .success(let order): order.externalID
            case .failure(let failure): Int64(failure.orderID)
            }
        }
    }

    private struct Waiting {
        let delivery: InboxDelivery
        /// `nil`: store the delivery only.
        let order: CarriedOrder?
        let waiter: CheckedContinuation<Outcome, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var stopped = false
    }

    /// What one group commit did.
    private struct Written {
        /// The delivery keys stored new.
        var inserted: Set<String> = []
        /// Of those, the keys whose order was applied.
        var applied: Set<String> = []
        var existingIntegrations: Set<Int64> = []
        var queuedStockPushes = false
    }

    private let database: LogixDatabase
    private let outboxSignal: OutboxSignal?
    private let clock: any LogixClock
    private let logger: Logger
    private let state = Mutex(State())
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let batchLimit = 1000

    /// - Parameter outboxSignal: woken when applied orders queued stock pushes.
    public init(
        database: LogixDatabase, outboxSignal: OutboxSignal? = nil, clock: any LogixClock = SystemClock(),
        logger: Logger = Logger(label: "logix.webhooks")
    ) {
        self.database = database
        self.outboxSignal = outboxSignal
        self.clock = clock
        self.logger = logger
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Stores `delivery` in the next group commit and returns how it came out. With `order`, the order its body
    /// carries is applied in that commit too.
    public func store(_ delivery: InboxDelivery, carrying order: CarriedOrder? = nil) async throws -> Outcome {
        try await withCheckedThrowingContinuation { waiter in
            let accepted = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.waiting.append(Waiting(delivery: delivery, order: order, waiter: waiter))
                return true
            }
            if accepted {
                wake.yield()
            } else {
                waiter.resume(throwing: CancellationError())
            }
        }
    }

    /// Writes waiting deliveries, batch after batch, until cancelled; then refuses whatever still waits.
    public func run() async {
        for await _ in wakeUps {
            while let batch = nextBatch() { await write(batch) }
        }
        let left = state.withLock { state -> [Waiting] in
            state.stopped = true
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        for waiting in left { waiting.waiter.resume(throwing: CancellationError()) }
    }

    /// Stops ``run()`` once it has written what waits now.
    public func finish() { wake.finish() }

    private func nextBatch() -> [Waiting]? {
        state.withLock { state -> [Waiting]? in
            guard !state.waiting.isEmpty else { return nil }
            let batch = Array(state.waiting.prefix(batchLimit))
            state.waiting.removeFirst(batch.count)
            return batch
        }
    }

    private func write(_ batch: [Waiting]) async {
        let now = clock.now()
        let written: Written
        do {
            do {
                written = try await database.transaction { sql in try await self.storeAndApply(batch, at: now, on: sql)
                }
            } catch  where batch.contains(where: { $0.order != nil }) {
                // Whatever failed in applying, the deliveries are not lost with it: stored pending, the inbox
                // applier retries them and records why each fails.
                logger.warning(
                    "webhook deliveries stored without applying them", metadata: ["error": "\(error)"])
                let deliveries = batch.map(\.delivery)
                written = try await database.transaction { sql in try await Self.store(deliveries, on: sql) }
            }
        } catch {
            for waiting in batch { waiting.waiter.resume(throwing: error) }
            return
        }
        var answered: Set<String> = []
        for waiting in batch {
            let delivery = waiting.delivery
            guard written.existingIntegrations.contains(delivery.integrationID) else {
                waiting.waiter.resume(returning: .integrationGone)
                continue
            }
            // Of two identical deliveries in one batch, the first is the new one.
            let key = delivery.deliveryKey
            let isNew = written.inserted.contains(key) && answered.insert(key).inserted
            waiting.waiter.resume(returning: !isNew ? .duplicate : written.applied.contains(key) ? .applied : .stored)
        }
        if written.queuedStockPushes { outboxSignal?.notify() }
    }

    /// Stores deliveries, all as they are (pending, or failed when malformed).
    private static func store(_ deliveries: [InboxDelivery], on sql: DatabaseSession) async throws -> Written {
        // An integration deleted since its secret was looked up: its deliveries are refused, not allowed to fail
        // the whole batch on the foreign key.
        let existing = try await IntegrationRecords().existing(
            ids: Array(Set(deliveries.map(\.integrationID))), on: sql)
        let kept = deliveries.filter { existing.contains($0.integrationID) }
        return Written(
            inserted: try await WebhookInboxRecords().insert(batch: kept, on: sql), existingIntegrations: existing)
    }

    /// One group commit: the batch's integrations' mapping settings read (whether they exist, and whether the
    /// receiver mapped with the settings they have in this transaction), the deliveries stored — those whose order
    /// is applied as processed — and the new ones' orders applied, integration by integration in id order.
    private func storeAndApply(_ batch: [Waiting], at now: Date, on sql: DatabaseSession) async throws -> Written {
        let settings = try await IntegrationRecords().mappingSettings(
            ids: Array(Set(batch.map(\.delivery.integrationID))), on: sql)
        var deliveries: [InboxDelivery] = []
        var orders: [Int64: [(key: String, order: Result<Order, MappingFailure>)]] = [:]
        for waiting in batch {
            var delivery = waiting.delivery
            guard let current = settings[delivery.integrationID] else { continue }
            if let carried = waiting.order, delivery.state == .pending, carried.settings == current {
                delivery.state = .processed
                orders[delivery.integrationID, default: []].append((delivery.deliveryKey, carried.order))
            }
            deliveries.append(delivery)
        }
        var written = Written(
            inserted: try await WebhookInboxRecords().insert(batch: deliveries, on: sql),
            existingIntegrations: Set(settings.keys))
        // Every integration's write lock first, in id order: applying one integration's orders locks stock rows
        // that another's (of the same owner) may need, so none is taken while waiting for another integration
        // (on PostgreSQL; SQLite has one writer).
        for integrationID in orders.keys.sorted() {
            try await IntegrationWriteLock.acquire(integrationID: integrationID, on: sql)
        }
        for (integrationID, carried) in orders.sorted(by: { $0.key < $1.key }) {
            var seen: Set<String> = []
            let new = carried.filter { written.inserted.contains($0.key) && seen.insert($0.key).inserted }
            guard !new.isEmpty else { continue }
            let outcome = try await OrderApplier(database: database, integrationID: integrationID).apply(
                new.map(\.order), at: now, readFromStore: false, origin: OrderEvent.Origin.storeWebhook, on: sql)
            try await WebhookInboxApplier.log(outcome, integrationID: integrationID, at: now, on: sql)
            written.applied.formUnion(new.map(\.key))
            written.queuedStockPushes = written.queuedStockPushes || !outcome.stockPushes.isEmpty
        }
        return written
    }
}
