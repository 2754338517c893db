import Foundation
import Logging
import LogixCore
import SQLKit
import Storage
import WooCommerce

/// Applies stored webhook deliveries (rule 2's second half: the 200 went back when the delivery was stored;
/// applying it happens here, and is retried until it succeeds or is parked as failed).
///
/// A batch is claimed under a lease, grouped by integration, and each integration's orders are applied with
/// ``OrderApplier`` — by the same rules as polling, so duplicates, stale and reordered deliveries change
/// nothing — with the deliveries marked processed in the same transaction. A body that is only `{"id": N}`
/// (`order.deleted`, or a store trimming payloads) is refetched from the store.
public struct WebhookInboxApplier: Sendable {
    /// Tuning.
    public struct Options: Sendable {
        public var batchSize = 500
        public var lease: Duration = .seconds(60)
        /// Back-off between attempts; past its `maximumAttempts` a delivery is parked as `failed`.
        public var retryPolicy = RetryPolicy(maximumAttempts: 8, baseDelay: .seconds(2), maximumDelay: .seconds(300))
        /// How delivered order bodies are decoded.
        public var orderDecoding = WooOrderDecoding.reader

        public init() {}
    }

    let database: LogixDatabase
    let clients: any StoreClientProvider
    let options: Options
    let clock: any WooClock
    let logger: Logger

    public init(
        database: LogixDatabase, clients: any StoreClientProvider, options: Options = Options(),
        clock: any WooClock = SystemWooClock(), logger: Logger = Logger(label: "logix.webhooks")
    ) {
        self.database = database
        self.clients = clients
        self.options = options
        self.clock = clock
        self.logger = logger
    }

    /// Applies pending deliveries until none is left to claim; returns how many were handled.
    @discardableResult
    public func drain() async throws -> Int {
        var handled = 0
        while true {
            let count = try await applyBatch()
            if count == 0 { return handled }
            handled += count
        }
    }

    /// Claims and applies one batch; returns how many deliveries it held.
    @discardableResult
    public func applyBatch() async throws -> Int {
        let now = clock.now()
        let leaseUntil = now.addingTimeInterval(options.lease.seconds)
        let limit = options.batchSize
        let claimed = try await database.transaction { sql in
            try await WebhookInboxRecords().claimPending(limit: limit, leaseUntil: leaseUntil, now: now, on: sql)
        }
        for (integrationID, deliveries) in Dictionary(grouping: claimed, by: \.integrationID).sorted(by: {
            $0.key < $1.key
        }) {
            do {
                try await apply(deliveries, integrationID: integrationID)
            } catch {
                try await recordFailure(deliveries, error: error)
            }
        }
        return claimed.count
    }

    private func apply(_ deliveries: [InboxDelivery], integrationID: Int64) async throws {
        guard let integration = try await SQLIntegrationRepository(database: database).find(id: integrationID) else {
            return  // deleted meanwhile: its inbox rows went with it (cascade)
        }
        let client = try clients.client(for: integration)
        do {
            try await apply(deliveries, integration: integration, client: client)
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func apply(
        _ deliveries: [InboxDelivery], integration: IntegrationRecord, client: WooCommerceClient
    ) async throws {
        let integrationID = integration.id ?? 0
        let mapper = OrderMapper(integrationID: integrationID, statusMapping: try integration.statusMapping())
        let applier = OrderApplier(database: database, integrationID: integrationID)
        let batchMapper = OrderBatchMapper(client: client, applier: applier, mapper: mapper, concurrency: 4)

        // Sort the deliveries: full order bodies, bodies to refetch, and what is not an order.
        var bodies: [(InboxDelivery, WooOrder)] = []
        var refetch: [InboxDelivery] = []
        var ignored: [InboxDelivery] = []
        for delivery in deliveries {
            guard delivery.topic.hasPrefix("order.") else {
                ignored.append(delivery)  // product.* deliveries matter for stock (the outbox's work)
                continue
            }
            if let order = try? options.orderDecoding.order(from: delivery.body), order.dateModified != nil,
                !order.lineItems.isEmpty || delivery.topic != "order.deleted"
            {
                bodies.append((delivery, order))
            } else if delivery.resourceID != nil {
                refetch.append(delivery)
            } else {
                ignored.append(delivery)
            }
        }
        let now = clock.now()
        let ignoredIDs = ignored.compactMap(\.id)
        if !bodies.isEmpty || !ignoredIDs.isEmpty {
            let results = try await batchMapper.map(bodies.map(\.1))
            let ids = bodies.compactMap(\.0.id) + ignoredIDs
            let outcome = try await applier.apply(results, at: now, readFromStore: false) { sql, _ in
                try await WebhookInboxRecords().markProcessed(ids: ids, at: now, on: sql)
            }
            try await log(outcome, integrationID: integrationID, at: now)
        }
        for delivery in refetch {
            guard let resourceID = delivery.resourceID, let id = delivery.id else { continue }
            let order: WooOrder?
            do {
                order = try await client.order(id: Int(resourceID))
            } catch let error as WooCommerceError where error.status == 404 {
                order = nil  // deleted for good: nothing left to apply
            }
            let results = try await batchMapper.map(order.map { [$0] } ?? [])
            let outcome = try await applier.apply(results, at: now, readFromStore: true) { sql, _ in
                try await WebhookInboxRecords().markProcessed(ids: [id], at: now, on: sql)
            }
            try await log(outcome, integrationID: integrationID, at: now)
        }
    }

    /// Skipped, failed and flagged orders from deliveries go to the sync log as a `webhook` run.
    private func log(_ outcome: OrderApplier.Outcome, integrationID: Int64, at now: Date) async throws {
        guard !outcome.entries.isEmpty else { return }
        try await database.transaction { sql in
            let logs = SyncLogRecords()
            let run = try await logs.start(
                SyncRun(
                    integrationID: integrationID, kind: .webhook, mode: "deliveries", state: .succeeded,
                    startedAt: now, finishedAt: now, counts: outcome.counts),
                on: sql)
            if let runID = run.id { try await logs.insert(outcome.entries, runID: runID, on: sql) }
        }
    }

    private func recordFailure(_ deliveries: [InboxDelivery], error: any Error) async throws {
        let now = clock.now()
        let message = String(describing: error)
        logger.warning(
            "webhook deliveries not applied", metadata: ["count": "\(deliveries.count)", "error": "\(message)"])
        try await database.transaction { sql in
            for delivery in deliveries {
                guard let id = delivery.id else { continue }
                let delay = options.retryPolicy.delay(
                    afterAttempt: delivery.attempts, retryAfter: nil, random: Double.random(in: 0..<1))
                try await WebhookInboxRecords().markFailed(
                    id: id, error: message, retryAt: delay.map { now.addingTimeInterval($0.seconds) }, on: sql)
            }
        }
    }
}
