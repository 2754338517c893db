import Foundation
import Logging
import LogixCore
import Pacing
import Storage
import WooCommerce

/// Sends the outbox to the stores (ARCHITECTURE.md, "Queued outbound"): claims due items under a lease, sends them,
/// and settles each — done, rescheduled with back-off and jitter (honouring `Retry-After`), or dead past the bound
/// or when the store refuses it for good.
///
/// - Order items go one request each, an order's items in enqueue order (``OutboxRecords`` only hands out an
///   order's next item once the previous one is settled). The store's answer to a status change is applied to
///   Logix as the order's newest version, so the `order.updated` webhook it triggers changes nothing
///   (ARCHITECTURE.md, "No echo").
/// - Stock items of one integration are resolved through the SKU map and sent as batch updates, one per product
///   or variation, at most the channel's ``SalesChannel/stockBatchLimit`` a request, with the quantity read at
///   send time.
/// - A store whose ``CircuitBreaker`` is open is not contacted: its items are pushed back to the breaker's retry
///   time without counting an attempt.
public struct OutboxSender: Sendable {
    /// Tuning.
    public struct Options: Sendable {
        /// Items claimed at a time. Large, because stock items of one claim are packed into full batches of 100:
        /// a claim boundary costs a half-empty request per endpoint.
        public var batchSize = 10_000
        /// How long a claim holds its items without renewal; the claim is renewed every third of it while it is
        /// sent, so a sender that dies lets its items go within a minute rather than after a whole claim's work.
        public var lease: Duration = .seconds(60)
        /// Back-off between attempts; past its `maximumAttempts` an item is dead. A `Retry-After` longer than
        /// `maximumRetryAfter` waits `maximumRetryAfter`.
        public var retryPolicy = RetryPolicy(
            maximumAttempts: 8, baseDelay: .seconds(5), maximumDelay: .seconds(900),
            maximumRetryAfter: .seconds(3_600))
        /// The longest ``OutboxSender/run()`` sleeps without a notification.
        public var idleWait: Duration = .seconds(30)
        /// Claim rounds per ``OutboxSender/sendDue()`` (each settles what it claimed, so an order's next item
        /// becomes claimable in the next round).
        public var maximumRounds = 20
        /// Stores served at once.
        public var storeConcurrency = 4

        public init() {}
    }

    let database: LogixDatabase
    let channels: any SalesChannelProvider
    /// The per-store circuit breakers (shared with whoever reports store health).
    public let breakers: StoreCircuitBreakers
    /// Wakes ``run()``.
    public let signal: OutboxSignal
    /// Told after every round that settled items, for whoever waits for a store update to be sent.
    public let settlements: OutboxSettlements
    let options: Options
    let clock: any LogixClock
    let random: @Sendable () -> Double
    let logger: Logger

    /// - Parameters:
    ///   - clients: the channels of the integrations' stores.
    ///   - clock: the time items are due and settled by, and the loop's sleep.
    ///   - random: a number in `0..<1` for the back-off's jitter.
    public init(
        database: LogixDatabase, clients: any SalesChannelProvider,
        breakers: StoreCircuitBreakers = StoreCircuitBreakers(), signal: OutboxSignal = OutboxSignal(),
        settlements: OutboxSettlements = OutboxSettlements(), options: Options = Options(),
        clock: any LogixClock = SystemClock(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        logger: Logger = Logger(label: "logix.outbox")
    ) {
        self.database = database
        self.channels = clients
        self.breakers = breakers
        self.signal = signal
        self.settlements = settlements
        self.options = options
        self.clock = clock
        self.random = random
        self.logger = logger
    }

    /// Sends until task cancellation: whatever is due, then sleeps until the next item is due, a notification
    /// arrives, or ``Options/idleWait`` passes.
    public func run() async throws {
        while !Task.isCancelled {
            do {
                _ = try await sendDue()
            } catch is CancellationError {
                return
            } catch {
                logger.error("outbox round failed", metadata: ["error": "\(error)"])
            }
            var wait = options.idleWait
            if let next = try? await database.read({ sql in try await OutboxRecords().nextDueDate(on: sql) }) {
                let untilDue = next.timeIntervalSince(clock.now())
                wait = min(wait, .milliseconds(Int64(max(0.05, untilDue) * 1000)))
            }
            await signal.wait(upTo: wait, clock: clock)
        }
    }

    /// Claims and sends every due item, in rounds, until none is due.
    @discardableResult
    public func sendDue() async throws -> OutboxSendReport {
        var report = OutboxSendReport()
        for _ in 0..<max(1, options.maximumRounds) {
            let now = clock.now()
            let (limit, lease) = (options.batchSize, Int(options.lease.seconds.rounded(.up)))
            let claimed = try await database.transaction { sql in
                try await OutboxRecords().claimDue(now: now, limit: limit, leaseSeconds: lease, on: sql)
            }
            guard !claimed.isEmpty else { break }
            report.claimed += claimed.count
            let groups = Dictionary(grouping: claimed, by: \.integrationID).sorted { $0.key < $1.key }
            // A large claim against slow stores can outlast its lease; the items not settled yet stay held
            // while it is sent, so no other sender claims them and sends them twice.
            let (database, claimedIDs) = (self.database, claimed.map(\.id))
            let renewal = LeaseRenewal(lease: options.lease, clock: clock, logger: logger, holding: "outbox claim") {
                until in
                try await database.transaction { sql in
                    try await OutboxRecords().renewLease(ids: claimedIDs, leaseUntil: until, on: sql)
                }
            }
            report = try await renewal.whileRunning { [report] in
                var report = report
                try await withThrowingTaskGroup(of: OutboxSendReport.self) { group in
                    var next = groups.makeIterator()
                    func addNext() {
                        guard let (integrationID, items) = next.next() else { return }
                        group.addTask { try await self.send(items, integrationID: integrationID) }
                    }
                    for _ in 0..<max(1, options.storeConcurrency) { addNext() }
                    while let partial = try await group.next() {
                        report = report + partial
                        addNext()
                    }
                }
                return report
            }
            settlements.announce()
        }
        return report
    }

    // MARK: - One store

    /// A request's worth of work: one order item, or one batch of stock updates.
    private enum Unit {
        case order(OutboxItem)
        case stock(StockBatch)

        var items: [OutboxItem] {
            switch self {
            case .order(let item): [item]
            case .stock(let batch): batch.updates.flatMap(\.items)
            }
        }
    }

    private func send(_ items: [OutboxItem], integrationID: Int64) async throws -> OutboxSendReport {
        var report = OutboxSendReport()
        guard
            let integration = try await database.read({ try await IntegrationRecords().find(id: integrationID, on: $0) }
            )
        else {
            return report  // deleted meanwhile: its outbox rows went with it (cascade)
        }
        let orderItems = items.filter { $0.kind != .stock }.sorted { $0.id < $1.id }
        let stockItems = items.filter { $0.kind == .stock }
        var units = orderItems.map(Unit.order)
        var stock: [StockBatch] = []
        if !stockItems.isEmpty {
            let plan = try await planStock(stockItems, integration: integration)
            report = report + plan.report
            stock = plan.batches
        }
        guard !units.isEmpty || !stock.isEmpty else { return report }

        let channel: any SalesChannel
        do {
            channel = try channels.channel(for: integration)
        } catch {
            for unit in units + stock.map(Unit.stock) {
                report = report + (try await fail(unit.items, error: error, integrationID: integrationID))
            }
            return report
        }
        // Cut into requests only now: how many updates one request carries is the channel's to say.
        units += stock.flatMap { $0.split(by: channel.stockBatchLimit) }.map(Unit.stock)
        do {
            for (index, unit) in units.enumerated() {
                if case .wait(let until) = await breakers.decide(integrationID: integrationID, at: clock.now()) {
                    let rest = units[index...].flatMap(\.items)
                    try await database.transaction { sql in
                        try await OutboxRecords().postpone(ids: rest.map(\.id), until: until, on: sql)
                    }
                    report.deferred += rest.count
                    break
                }
                switch unit {
                case .order(let item):
                    report = report + (try await sendOrderItem(item, channel: channel))
                case .stock(let batch):
                    report = report + (try await sendStock(batch, integrationID: integrationID, channel: channel))
                }
            }
        } catch {
            report.requests += channel.requestCount
            try? await channel.shutdown()
            throw error
        }
        report.requests += channel.requestCount
        try await channel.shutdown()
        return report
    }

    private func sendOrderItem(_ item: OutboxItem, channel: any SalesChannel) async throws -> OutboxSendReport {
        let integrationID = item.integrationID
        do {
            switch item.kind {
            case .orderUpdate:
                let payload = try OutboxPayloadCoding.decode(OrderUpdatePayload.self, from: item)
                let mapped = try await channel.updateOrder(try payload.channelUpdate)
                await breakers.recordSuccess(integrationID: integrationID, at: clock.now())
                // ARCHITECTURE.md, "No echo": the store's answer becomes Logix's newest version of the order, so
                // the echo webhook (same date_modified) changes nothing and pushes nothing.
                try await OrderApplier(database: database, integrationID: integrationID).apply(
                    [mapped], at: clock.now(), origin: OrderEvent.Origin.storeAnswer)
            case .orderNote:
                let payload = try OutboxPayloadCoding.decode(OrderNotePayload.self, from: item)
                // A note is not idempotent: an earlier attempt that timed out, lost its connection or met a 5xx
                // may have added it. Before sending it again, look: a note with the same text there is this one
                // (ARCHITECTURE.md, "Queued outbound"; the customer is emailed once).
                var alreadyThere = false
                if item.attempts > 0 {
                    let text = payload.note.trimmingCharacters(in: .whitespacesAndNewlines)
                    alreadyThere = try await channel.orderNoteTexts(externalID: payload.externalID).contains {
                        $0.trimmingCharacters(in: .whitespacesAndNewlines) == text
                    }
                }
                if !alreadyThere {
                    try await channel.addOrderNote(
                        ChannelOrderNote(
                            externalID: payload.externalID, note: payload.note, customerNote: payload.customerNote))
                }
                await breakers.recordSuccess(integrationID: integrationID, at: clock.now())
            case .fulfillment:
                let payload = try OutboxPayloadCoding.decode(FulfillmentPayload.self, from: item)
                try await channel.createFulfillment(payload.channelShipment)
                await breakers.recordSuccess(integrationID: integrationID, at: clock.now())
            case .stock:
                return OutboxSendReport()  // never a unit of its own
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return try await fail([item], error: error, integrationID: integrationID)
        }
        let now = clock.now()
        _ = try await database.transaction { sql in
            try await OutboxRecords().markDone(id: item.id, revision: item.revision, at: now, on: sql)
            try await IntegrationHealthRecords().clearWritesRefused(integrationID: integrationID, on: sql)
        }
        var report = OutboxSendReport()
        report.done = 1
        return report
    }

    // MARK: - Failures

    /// Settles items that failed with `error` (see ``fail(_:failure:integrationID:)``).
    func fail(_ items: [OutboxItem], error: any Error, integrationID: Int64) async throws -> OutboxSendReport {
        if error is CancellationError { throw error }
        return try await fail(
            items, failure: OutboxFailure(error, policy: options.retryPolicy), integrationID: integrationID)
    }

    /// Settles failed items: rescheduled with back-off while the failure may heal and attempts remain, dead
    /// otherwise. Feeds the store's circuit breaker.
    func fail(_ items: [OutboxItem], failure: OutboxFailure, integrationID: Int64) async throws -> OutboxSendReport {
        let now = clock.now()
        switch failure.breakerEvent {
        case .failure: await breakers.recordFailure(integrationID: integrationID, at: now)
        case .success: await breakers.recordSuccess(integrationID: integrationID, at: now)
        case .none: break
        }
        var report = OutboxSendReport()
        let policy = options.retryPolicy
        var settle: [(id: Int64, attempts: Int, retryAt: Date?)] = []
        for item in items {
            let attempts = item.attempts + 1
            if failure.isRetryable, attempts < policy.maximumAttempts {
                let delay =
                    policy.delay(afterAttempt: attempts, retryAfter: failure.retryAfter, random: random())
                    ?? policy.maximumRetryAfter
                // Whole seconds, at least one: the table keeps seconds, and an item must not be due again at once.
                let seconds = max(1, delay.seconds.rounded(.up))
                settle.append((item.id, attempts, now.addingTimeInterval(seconds)))
                report.rescheduled += 1
            } else {
                settle.append((item.id, attempts, nil))
                report.dead += 1
            }
        }
        let message = failure.message
        let settled = settle
        let writesRefused = failure.writePermissionRefusal
        logger.warning(
            "outbox items failed",
            metadata: [
                "integration": "\(integrationID)", "count": "\(items.count)", "error": "\(message)",
                "dead": "\(report.dead)",
            ])
        try await database.transaction { sql in
            if let writesRefused {
                // Health must say it: every write fails until the keys change, while imports still succeed.
                try await IntegrationHealthRecords().recordWritesRefused(
                    integrationID: integrationID, code: writesRefused, message: message, at: now, on: sql)
            }
            let records = OutboxRecords()
            for entry in settled {
                if let retryAt = entry.retryAt {
                    try await records.reschedule(
                        id: entry.id, attempts: entry.attempts, notBefore: retryAt, lastError: message, at: now,
                        on: sql)
                } else {
                    try await records.markDead(
                        id: entry.id, lastError: message, attempts: entry.attempts, at: now, on: sql)
                }
            }
        }
        return report
    }
}
