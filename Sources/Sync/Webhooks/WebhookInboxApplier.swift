import Foundation
import Logging
import LogixCore
import Pacing
import Storage
import WooCommerce

/// Applies stored webhook deliveries (the second half of ARCHITECTURE.md, "Nothing lost": the 200 went back when
/// the delivery was stored; applying it happens here, and is retried until it succeeds or is parked as failed).
///
/// A batch is claimed under a lease, grouped by integration, and each integration's orders are applied with
/// ``OrderApplier`` — by the same rules as polling, so duplicates, stale and reordered deliveries change
/// nothing — with the deliveries marked processed in the same transaction. The integration's
/// ``SalesChannel`` says what each body holds; an order its body does not carry whole (`order.deleted`, or a
/// store trimming payloads) is read again from the store.
public struct WebhookInboxApplier: Sendable {
    /// Tuning.
    public struct Options: Sendable {
        /// Deliveries claimed and applied in one transaction. A batch holds SQLite's one write lock while it is
        /// applied, and the receiver's group commits wait behind it: 200 keeps that wait short (the receiver's p99
        /// stayed at ~30 ms with it, and rose to ~45 ms at 500), while still sharing each transaction's fixed
        /// cost among many deliveries (issue 14).
        public var batchSize = 200
        public var lease: Duration = .seconds(60)
        /// Back-off between attempts; past its `maximumAttempts` a delivery is parked as `failed`.
        public var retryPolicy = RetryPolicy(maximumAttempts: 8, baseDelay: .seconds(2), maximumDelay: .seconds(300))

        public init() {}
    }

    let database: LogixDatabase
    let channels: any SalesChannelProvider
    public let options: Options
    /// Woken when applying deliveries queued stock pushes.
    let outboxSignal: OutboxSignal?
    let clock: any LogixClock
    let logger: Logger

    /// - Parameter clients: the channels of the integrations' stores.
    public init(
        database: LogixDatabase, clients: any SalesChannelProvider, options: Options = Options(),
        outboxSignal: OutboxSignal? = nil, clock: any LogixClock = SystemClock(),
        logger: Logger = Logger(label: "logix.webhooks")
    ) {
        self.database = database
        self.channels = clients
        self.options = options
        self.outboxSignal = outboxSignal
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

    private func apply(_ deliveries: [Stored<InboxDelivery>], integrationID: Int64) async throws {
        guard
            let integration = try await database.read({ try await IntegrationRecords().find(id: integrationID, on: $0) }
            )
        else {
            return  // deleted meanwhile: its inbox rows went with it (cascade)
        }
        let channel = try channels.channel(for: integration)
        do {
            try await apply(deliveries, integration: integration, channel: channel)
            try await channel.shutdown()
        } catch {
            try? await channel.shutdown()
            throw error
        }
    }

    private func apply(
        _ deliveries: [Stored<InboxDelivery>], integration: IntegrationRecord, channel: any SalesChannel
    ) async throws {
        let integrationID = integration.id
        let applier = OrderApplier(database: database, integrationID: integrationID, outboxSignal: outboxSignal)

        // Sort the deliveries: whole orders (mapped), orders to read again, products (the SKU map and the
        // store's stock figure, applied after the orders so their reservations count), and the rest.
        let channelBodies = deliveries.map { ChannelWebhookBody(topic: $0.topic, body: $0.body) }
        let held = try await channel.webhookOrders(channelBodies, known: applier)
        let productDeliveries = channel.webhookProducts(channelBodies)
        var bodies: [(Stored<InboxDelivery>, Result<LogixCore.Order, MappingFailure>)] = []
        var refetch: [Stored<InboxDelivery>] = []
        var products: [(Stored<InboxDelivery>, ChannelProductDelivery?)] = []
        var ignored: [Stored<InboxDelivery>] = []
        var revoked = false
        for ((delivery, outcome), product) in zip(zip(deliveries, held), productDeliveries) {
            switch outcome {
            case .order(let result): bodies.append((delivery, result))
            case .refetch where delivery.resourceID != nil: refetch.append(delivery)
            case .refetch, .ignored:
                if let product { products.append((delivery, product)) } else { ignored.append(delivery) }
            case .accessRevoked:
                revoked = true
                ignored.append(delivery)
            }
        }
        let now = clock.now()
        if revoked {
            // First, so that no order below is read again with a token that no longer works.
            try await pause(integration, at: now, markingProcessed: ignored.map(\.id))
            logger.warning("the store revoked Logix's access", metadata: ["integration": "\(integrationID)"])
            return
        }
        let ignoredIDs = ignored.map(\.id)
        if !bodies.isEmpty || !ignoredIDs.isEmpty {
            let results = bodies.map(\.1)
            let ids = bodies.map(\.0.id) + ignoredIDs
            let outcome = try await applier.apply(
                results, at: now, readFromStore: false, origin: OrderEvent.Origin.storeWebhook
            ) { sql, _ in
                try await WebhookInboxRecords().markProcessed(ids: ids, at: now, on: sql)
            }
            try await log(outcome, integrationID: integrationID, at: now)
        }
        for delivery in refetch {
            guard let resourceID = delivery.resourceID else { continue }
            let id = delivery.id
            // Trashed: applied as the store has it; deleted for good: as the store cancelling it.
            let (results, deleted) = try await applier.readAgain([resourceID], from: channel)
            let outcome = try await applier.apply(
                results, deletedForGood: deleted, at: now, readFromStore: true, origin: OrderEvent.Origin.storeWebhook
            ) {
                sql, _ in
                try await WebhookInboxRecords().markProcessed(ids: [id], at: now, on: sql)
            }
            try await log(outcome, integrationID: integrationID, at: now)
        }
        guard !products.isEmpty else { return }
        do {
            try await applyProducts(products, integration: integration, channel: channel)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // Only the product deliveries are retried: the orders above are applied and marked processed.
            try await recordFailure(products.map(\.0), error: error)
        }
    }

    /// Pauses an integration whose store revoked Logix's access: its status `inactive` (the scheduler passes it
    /// over) and its health saying why and what to do, in the transaction that marks the deliveries processed.
    /// The other deliveries of the batch are left to fail on their own retries once access is given back.
    private func pause(_ integration: IntegrationRecord, at now: Date, markingProcessed ids: [Int64]) async throws {
        let message =
            "\(integration.platform) says the app was uninstalled from \(integration.storeURL): its access token no "
            + "longer works, so the integration is paused (status inactive). Install the app again, then give its "
            + "new access token and set status active (PATCH /api/v1/shopify/integrations/\(integration.id))"
        try await database.transaction { sql in
            try await IntegrationRecords().setStatus(.inactive, integrationID: integration.id, on: sql)
            try await IntegrationHealthRecords().recordFailure(
                integrationID: integration.id, code: "app_uninstalled", message: message, at: now, on: sql)
            try await WebhookInboxRecords().markProcessed(ids: ids, at: now, on: sql)
        }
    }

    /// Skipped, failed and flagged orders from deliveries go to the sync log as a `webhook` run.
    func log(_ outcome: OrderApplier.Outcome, integrationID: Int64, at now: Date) async throws {
        guard !outcome.entries.isEmpty else { return }
        try await database.transaction { sql in
            try await Self.log(outcome, integrationID: integrationID, at: now, on: sql)
        }
    }

    /// The same, in the caller's transaction (the receiver's group commit).
    static func log(
        _ outcome: OrderApplier.Outcome, integrationID: Int64, at now: Date, on sql: DatabaseSession
    ) async throws {
        guard !outcome.entries.isEmpty else { return }
        let logs = SyncLogRecords()
        let run = try await logs.start(
            SyncRun.New(
                integrationID: integrationID, kind: .webhook, mode: "deliveries", state: .succeeded,
                startedAt: now, finishedAt: now, counts: outcome.counts),
            on: sql)
        try await logs.insert(outcome.entries, runID: run.id, on: sql)
    }

    private func recordFailure(_ deliveries: [Stored<InboxDelivery>], error: any Error) async throws {
        let now = clock.now()
        let message = String(describing: error)
        logger.warning(
            "webhook deliveries not applied", metadata: ["count": "\(deliveries.count)", "error": "\(message)"])
        try await database.transaction { sql in
            for delivery in deliveries {
                let id = delivery.id
                let delay = options.retryPolicy.delay(
                    afterAttempt: delivery.attempts, retryAfter: nil, random: Double.random(in: 0..<1))
                try await WebhookInboxRecords().markFailed(
                    id: id, error: message, retryAt: delay.map { now.addingTimeInterval($0.seconds) }, on: sql)
            }
        }
    }
}
