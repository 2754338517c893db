import Foundation
import Logging
import LogixCore
import Pacing
import Storage
import WooCommerce

/// Runs every auto-sync integration's background jobs on schedule: the incremental order sync every
/// `sync_interval_minutes`, the reconciliation of open orders every few intervals, and the webhook health
/// check.
///
/// Any number of schedulers (one per `logix serve` process) can share a database. Each claims one due
/// integration at a time under a lease on its schedule row (``IntegrationScheduleRecords``), runs its due
/// jobs one after another, and releases it with the next due times — so one integration's jobs never run
/// twice at once, and up to ``Options/concurrency`` integrations are served at once per process. The order
/// import's own run lease is respected too: a sync started through the API meanwhile makes the job `busy`,
/// retried at the next pass.
///
/// `logix serve` runs ``run()`` as a service (`SchedulerService`) until graceful shutdown cancels it.
public struct SyncScheduler: Sendable {
    /// Tuning.
    public struct Options: Sendable, Hashable {
        /// Integrations served at once by this process.
        public var concurrency: Int
        /// Reconciliation runs every this many sync intervals.
        public var reconcileEvery: Int
        /// How often webhooks are checked.
        public var webhookCheckInterval: Duration
        /// How long a claim holds an integration without renewal (renewed while each job runs, every third of
        /// it); a process that dies frees its integrations after this, so it is short: 90 s.
        public var lease: Duration
        /// The longest ``SyncScheduler/run()`` sleeps between passes (it wakes sooner when a job falls due
        /// sooner), and how often it looks for integrations not scheduled yet.
        public var pollInterval: Duration
        /// Whether ``SyncScheduler/run()`` wakes when the earliest job falls due (the default) rather than
        /// only every poll interval (the behaviour before, kept so `logix bench scheduler --poll-only` can
        /// measure the difference).
        public var wakesWhenDue: Bool
        /// When a job found the integration busy, how soon it is tried again.
        public var busyRetry: Duration
        /// The spread of later runs around their interval (0.1 = ±10 %).
        public var jitter: Double
        /// Tuning of the syncs it runs.
        public var importOptions: OrderImporter.Options

        public init(
            concurrency: Int = 4, reconcileEvery: Int = 4, webhookCheckInterval: Duration = .seconds(600),
            lease: Duration = .seconds(90), pollInterval: Duration = .seconds(30), busyRetry: Duration = .seconds(30),
            jitter: Double = 0.1, importOptions: OrderImporter.Options = .init(), wakesWhenDue: Bool = true
        ) {
            self.concurrency = concurrency
            self.reconcileEvery = reconcileEvery
            self.webhookCheckInterval = webhookCheckInterval
            self.lease = lease
            self.pollInterval = pollInterval
            self.busyRetry = busyRetry
            self.jitter = jitter
            self.importOptions = importOptions
            self.wakesWhenDue = wakesWhenDue
        }
    }

    let database: LogixDatabase
    let channels: any SalesChannelProvider
    let webhookCheck: WebhookHealthCheck?
    /// The stores' circuit breakers, shared with the outbox sender: a scheduled job is a call to the store
    /// like any other.
    public let breakers: StoreCircuitBreakers
    let options: Options
    let clock: any LogixClock
    let random: @Sendable () -> Double
    /// This scheduler's name on the leases it takes.
    public let owner: String
    let logger: Logger
    /// Told of every job run, after it ran (benchmarks measure lateness and spread with it).
    let observer: (@Sendable (ScheduledJobRun) -> Void)?

    /// - Parameters:
    ///   - clients: the channels of the integrations' stores.
    ///   - webhookCheck: the webhook health check; `nil` runs none.
    ///   - random: the jitter's source, `0..<1` (fixed in tests).
    ///   - owner: this scheduler's name on its leases; unique per process.
    ///   - observer: told of every job run, after it ran.
    public init(
        database: LogixDatabase, clients: any SalesChannelProvider, webhookCheck: WebhookHealthCheck? = nil,
        breakers: StoreCircuitBreakers = StoreCircuitBreakers(), options: Options = Options(),
        clock: any LogixClock = SystemClock(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        owner: String = UUID().uuidString, logger: Logger = Logger(label: "logix.scheduler"),
        observer: (@Sendable (ScheduledJobRun) -> Void)? = nil
    ) {
        self.database = database
        self.channels = clients
        self.webhookCheck = webhookCheck
        self.breakers = breakers
        self.options = options
        self.clock = clock
        self.random = random
        self.owner = owner
        self.logger = logger
        self.observer = observer
    }

    private var timing: ScheduleTiming { ScheduleTiming(jitter: options.jitter) }

    /// Runs passes until the task is cancelled; a failed pass is logged and the next one follows.
    ///
    /// After a pass it sleeps until the earliest job falls due, never longer than a poll interval: sleeping a
    /// whole poll interval made every job due meanwhile wait for the next pass, and a pass for all of them —
    /// 1,000 integrations on a one-minute interval with the 30 s poll started a median 40 s late and were
    /// synced every 1.5 minutes, not every minute (`logix bench scheduler --poll-only`); woken when due,
    /// 0.2 s late (p99 0.6 s).
    /// Integrations not scheduled yet are looked for once a poll interval, not at every wake.
    public func run() async {
        let poll = options.pollInterval.seconds
        var lastScheduling: Date?
        while !Task.isCancelled {
            var wait = poll
            do {
                let now = clock.now()
                let scheduling =
                    !options.wakesWhenDue || (lastScheduling.map { now.timeIntervalSince($0) >= poll } ?? true)
                if scheduling { lastScheduling = now }
                _ = try await tick(now: now, schedulingNew: scheduling)
                if options.wakesWhenDue {
                    let after = clock.now()
                    let due = try await database.read { sql in
                        try await IntegrationScheduleRecords().nextDue(now: after, on: sql)
                    }
                    if let due { wait = Self.wait(until: due, now: after, poll: poll) }
                }
            } catch {
                // A pass cut short by the server stopping is no failure (a demo that cannot bind its port
                // stops at once, and must say so in one line).
                if Task.isCancelled { return }
                logger.error("scheduler pass failed", metadata: ["error": "\(error)"])
            }
            do {
                try await clock.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up))))
            } catch {
                return
            }
        }
    }

    /// How long ``run()`` sleeps after a pass at `now` when the earliest job is due at `due`: until then, at
    /// most a poll interval (leases that run out and new integrations are seen at the latest then), at least a
    /// quarter of a second (a job due but held by another scheduler is not polled for in a tight loop).
    static func wait(until due: Date, now: Date, poll: TimeInterval) -> TimeInterval {
        min(poll, max(0.25, due.timeIntervalSince(now)))
    }

    /// One pass at `now`: schedules integrations seen for the first time (unless `schedulingNew` is false),
    /// then runs every due job, up to ``Options/concurrency`` integrations at once. Returns what each job did.
    @discardableResult
    public func tick(now: Date, schedulingNew: Bool = true) async throws -> [ScheduledJobOutcome] {
        if schedulingNew { try await scheduleNewIntegrations(now: now) }
        return try await withThrowingTaskGroup(of: [ScheduledJobOutcome].self) { group in
            for _ in 0..<max(1, options.concurrency) {
                group.addTask {
                    var outcomes: [ScheduledJobOutcome] = []
                    while !Task.isCancelled, let schedule = try await claim(now: now) {
                        outcomes += await runDueJobs(schedule, now: now)
                    }
                    return outcomes
                }
            }
            var all: [ScheduledJobOutcome] = []
            for try await outcomes in group { all += outcomes }
            return all.sorted { ($0.integrationID, $0.job.rawValue) < ($1.integrationID, $1.job.rawValue) }
        }
    }

    // MARK: - Claiming

    private func scheduleNewIntegrations(now: Date) async throws {
        let records = IntegrationScheduleRecords()
        let unscheduled = try await database.read { sql in try await records.unscheduled(on: sql) }
        for item in unscheduled {
            let interval = Self.interval(minutes: item.syncIntervalMinutes)
            let schedule = IntegrationSchedule(
                integrationID: item.integrationID,
                nextSyncAt: timing.first(after: now, interval: interval, random: random()),
                nextReconcileAt: timing.first(
                    after: now, interval: interval * Double(max(1, options.reconcileEvery)), random: random()),
                nextWebhookCheckAt: webhookCheck == nil
                    ? nil : timing.first(after: now, interval: options.webhookCheckInterval.seconds, random: random()))
            try await database.transaction { sql in try await records.initialize(schedule, on: sql) }
        }
    }

    private func claim(now: Date) async throws -> IntegrationSchedule? {
        let leaseUntil = now.addingTimeInterval(options.lease.seconds)
        let owner = self.owner
        return try await database.transaction { sql in
            try await IntegrationScheduleRecords().claimNextDue(now: now, leaseUntil: leaseUntil, owner: owner, on: sql)
        }
    }

    // MARK: - Running

    private func runDueJobs(_ claimed: IntegrationSchedule, now: Date) async -> [ScheduledJobOutcome] {
        let integrationID = claimed.integrationID
        var schedule = claimed
        var outcomes: [ScheduledJobOutcome] = []
        do {
            guard
                let integration = try await database.read({
                    try await IntegrationRecords().find(id: integrationID, on: $0)
                })
            else { return [] }  // deleted meanwhile: its schedule went with it
            let interval = Self.interval(minutes: integration.syncIntervalMinutes)
            // The webhook check first: its backfill may make the sync's work small.
            let due: [(ScheduledJob, Date?, TimeInterval)] = [
                (.webhookCheck, schedule.nextWebhookCheckAt, options.webhookCheckInterval.seconds),
                (.sync, schedule.nextSyncAt, interval),
                (.reconcile, schedule.nextReconcileAt, interval * Double(max(1, options.reconcileEvery))),
            ]
            for (job, dueAt, jobInterval) in due {
                guard let dueAt, dueAt <= now else { continue }
                if job == .webhookCheck && webhookCheck == nil { continue }
                // The schedule's lease is renewed while the job runs, not only between jobs: a long sync must not
                // let another scheduler claim the integration and run the same jobs beside it.
                let renewal = LeaseRenewal(
                    lease: options.lease, clock: clock, logger: logger, holding: "schedule of \(integrationID)"
                ) { _ in try await renewLease(integrationID: integrationID) }
                let startedAt = clock.now()
                let result = try await renewal.whileRunning { await run(job, for: integration) }
                outcomes.append(ScheduledJobOutcome(integrationID: integrationID, job: job, result: result))
                observer?(
                    ScheduledJobRun(
                        integrationID: integrationID, job: job, dueAt: dueAt, startedAt: startedAt,
                        finishedAt: clock.now(), result: result))
                let next: Date
                switch result {
                case .busy: next = now.addingTimeInterval(options.busyRetry.seconds)
                case .breakerOpen(let until): next = max(until, now.addingTimeInterval(1))
                case .succeeded, .failed: next = timing.next(after: now, interval: jobInterval, random: random())
                }
                switch job {
                case .sync: schedule.nextSyncAt = next
                case .reconcile: schedule.nextReconcileAt = next
                case .webhookCheck: schedule.nextWebhookCheckAt = next
                }
                try await renewLease(integrationID: integrationID)
            }
        } catch {
            logger.error(
                "scheduled jobs failed", metadata: ["integration": "\(integrationID)", "error": "\(error)"])
        }
        do {
            let owner = self.owner
            let released = schedule
            try await database.transaction { sql in
                try await IntegrationScheduleRecords().release(released, owner: owner, on: sql)
            }
        } catch {
            // The lease runs out by itself; the jobs are then due again.
            logger.error(
                "could not release an integration", metadata: ["integration": "\(integrationID)", "error": "\(error)"])
        }
        return outcomes
    }

    private func renewLease(integrationID: Int64) async throws {
        let leaseUntil = clock.now().addingTimeInterval(options.lease.seconds)
        let owner = self.owner
        _ = try await database.transaction { sql in
            try await IntegrationScheduleRecords().renew(
                integrationID: integrationID, owner: owner, leaseUntil: leaseUntil, on: sql)
        }
    }

    /// Runs one job and records its result in the integration's health.
    private func run(_ job: ScheduledJob, for integration: IntegrationRecord) async -> ScheduledJobOutcome.Result {
        let integrationID = integration.id
        var logger = self.logger
        logger[metadataKey: "integration"] = "\(integrationID)"
        logger[metadataKey: "job"] = "\(job.rawValue)"
        let result: ScheduledJobOutcome.Result
        // Every call to a store goes through its breaker: a store that keeps failing is left alone until the
        // breaker lets a probe through, instead of being read in full every interval.
        if case .wait(let until) = await breakers.decide(integrationID: integrationID, at: clock.now()) {
            logger.info("store circuit open, job deferred", metadata: ["until": "\(until)"])
            return .breakerOpen(until: until)
        }
        do {
            try await perform(job, for: integration, logger: logger)
            await breakers.recordSuccess(integrationID: integrationID, at: clock.now())
            result = .succeeded
        } catch let error as SyncError where error.kind == .alreadyRunning {
            logger.info("integration busy, job deferred")
            return .busy
        } catch {
            switch OutboxFailure(error, policy: .none).breakerEvent {
            case .failure: await breakers.recordFailure(integrationID: integrationID, at: clock.now())
            case .success: await breakers.recordSuccess(integrationID: integrationID, at: clock.now())
            case .none: break
            }
            let failure = JobFailure(error)
            logger.warning(
                "scheduled job failed", metadata: ["code": "\(failure.code)", "error": "\(failure.message)"])
            let at = clock.now()
            try? await database.transaction { sql in
                try await IntegrationHealthRecords().recordFailure(
                    integrationID: integrationID, code: failure.code, message: failure.message, at: at, on: sql)
            }
            return .failed(code: failure.code)
        }
        let at = clock.now()
        try? await database.transaction { sql in
            try await IntegrationHealthRecords().recordSuccess(integrationID: integrationID, at: at, on: sql)
        }
        return result
    }

    private func perform(_ job: ScheduledJob, for integration: IntegrationRecord, logger: Logger) async throws {
        let integrationID = integration.id
        switch job {
        case .webhookCheck:
            _ = try await webhookCheck?.check(integration)
        case .sync, .reconcile:
            let channel = try channels.channel(for: integration)
            do {
                if job == .sync {
                    _ = try await OrderImporter(
                        channel: channel, database: database, integrationID: integrationID,
                        options: options.importOptions, clock: clock, logger: logger
                    ).run(.incremental)
                } else {
                    _ = try await OrderReconciler(
                        channel: channel, database: database, integrationID: integrationID,
                        lease: options.importOptions.lease, clock: clock, logger: logger
                    ).run()
                }
                try await channel.shutdown()
            } catch {
                try? await channel.shutdown()
                throw error
            }
        }
    }

    static func interval(minutes: Int) -> TimeInterval {
        TimeInterval(max(1, minutes)) * 60
    }
}
