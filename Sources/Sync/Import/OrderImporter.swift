import Foundation
import Logging
import LogixCore
import Storage
import WooCommerce

/// Reads a store's orders page by page and applies each page in one transaction: the order sync, full or
/// incremental, resumable after a crash.
///
/// The flow of one run, top-down:
/// 1. **Begin** (one transaction): resume the integration's interrupted run if it asked the same question,
///    else abandon it and start a new one; fix the window (`modified_after = cursor − overlap` for an
///    incremental run) in the run's checkpoint.
/// 2. **Read**: the window's orders from the ``SalesChannel``, page by page in a stable order, with
///    `concurrency` requests in flight where the platform allows, pages handed over in order and mapped.
/// 3. **Apply** each page (``OrderApplier``): map, merge by the rules, upsert, apply lifecycle effects, and in
///    the same transaction record the run's progress, counts, skipped and failed orders and checkpoint.
/// 4. **Finish** (one transaction): move the cursor — only now, so it never passes data that did not commit,
///    and only for a run that read every order of its window — and mark the run succeeded.
///
/// A run stopped at any point (an error, cancellation, a crash) leaves its last committed page in the
/// checkpoint; the next run with the same request continues after it (from the channel's position), without
/// re-reading committed pages. WooCommerce's pages are offsets into a listing that can change while it is read:
/// an order modified meanwhile moves only forward in time and is caught by the next incremental run; an order
/// *deleted* meanwhile shifts later pages back by one, which the periodic reconciliation pass (ids and versions)
/// repairs.
public struct OrderImporter: Sendable {
    /// Tuning for a run.
    public struct Options: Sendable, Hashable {
        /// Page requests in flight at once.
        public var concurrency: Int
        /// Orders per page (1…100).
        public var perPage: Int
        /// How far before the cursor an incremental run starts reading: `modified_after` is second-granular
        /// and strict, and clocks skew. Duplicates this causes are harmless (ARCHITECTURE.md,
        /// "Idempotent import").
        public var overlap: Duration
        /// How long a run holds the integration between pages; a process that dies frees it after this.
        public var lease: Duration

        public init(
            concurrency: Int = 4, perPage: Int = 100, overlap: Duration = .seconds(300), lease: Duration = .seconds(120)
        ) {
            self.concurrency = concurrency
            self.perPage = perPage
            self.overlap = overlap
            self.lease = lease
        }
    }

    private let channel: any SalesChannel
    private let applier: OrderApplier
    private let options: Options
    private let clock: any LogixClock
    private let logger: Logger

    /// - Parameter channel: the integration's store; the caller shuts it down.
    public init(
        channel: any SalesChannel, database: LogixDatabase, integrationID: Int64, options: Options = Options(),
        clock: any LogixClock = SystemClock(), logger: Logger = Logger(label: "logix.sync.orders")
    ) {
        self.channel = channel
        self.applier = OrderApplier(database: database, integrationID: integrationID)
        self.options = options
        self.clock = clock
        var logger = logger
        logger[metadataKey: "integration"] = "\(integrationID)"
        self.logger = logger
    }

    private var database: LogixDatabase { applier.database }
    private var integrationID: Int64 { applier.integrationID }

    /// Runs (or resumes) an order sync.
    ///
    /// - Parameter progress: called after every committed page. Throwing from it stops the run like any
    ///   other error: the run is left resumable from that page.
    /// - Throws: ``SyncError`` (another process runs it, bad request), the channel's ``ChannelError`` (the
    ///   store failed after retries), `StorageError`; the run is then marked interrupted and resumes next time.
    public func run(
        _ request: OrderImportRequest,
        progress: @escaping @Sendable (OrderImportProgress) async throws -> Void = { _ in }
    ) async throws -> OrderImportReport {
        try await run(try await prepare(request), progress: progress)
    }

    /// A run that has begun (its sync log row exists, the integration is held) but not read anything yet.
    /// Lets a caller answer "accepted, job N" before the work starts.
    public struct PreparedRun: Sendable {
        public let runID: Int64
        public let resumed: Bool
        let request: OrderImportRequest
        fileprivate let begun: Begun
    }

    /// Begins (or resumes) a run: step 1 of ``run(_:progress:)``.
    ///
    /// - Throws: ``SyncError`` `.alreadyRunning` if another process holds a run for this integration.
    public func prepare(_ request: OrderImportRequest) async throws -> PreparedRun {
        if let after = request.createdAfter, let before = request.createdBefore, after >= before {
            throw SyncError(.invalidRequest, integrationID: integrationID, "createdAfter must be before createdBefore")
        }
        let begun = try await begin(request)
        logger.info(
            "order sync \(begun.resumed ? "resumed" : "started")",
            metadata: ["run": "\(begun.runID)", "mode": "\(request.mode.rawValue)", "page": "\(begun.pagesDone + 1)"])
        return PreparedRun(runID: begun.runID, resumed: begun.resumed, request: request, begun: begun)
    }

    /// Reads and applies a prepared run to its end: steps 2–4 of ``run(_:progress:)``.
    public func run(
        _ prepared: PreparedRun,
        progress: @escaping @Sendable (OrderImportProgress) async throws -> Void = { _ in }
    ) async throws -> OrderImportReport {
        let begun = prepared.begun
        let (database, runID) = (self.database, begun.runID)
        // Pages renew the run's lease as they commit; a page that takes longer (a slow store, retries) must not
        // let another process take the run over meanwhile.
        let renewal = LeaseRenewal(
            lease: options.lease, clock: clock, logger: logger, holding: "sync run \(runID)"
        ) { until in
            _ = try await database.transaction { sql in
                try await SyncLogRecords().renewLease(runID: runID, leaseUntil: until, on: sql)
            }
        }
        do {
            let report = try await renewal.whileRunning { try await read(prepared.request, begun, progress: progress) }
            logger.info(
                "order sync finished",
                metadata: [
                    "run": "\(report.runID)", "orders": "\(report.counts.total)", "created": "\(report.counts.created)",
                    "updated": "\(report.counts.updated)", "skipped": "\(report.counts.skipped)",
                    "failed": "\(report.counts.failed)",
                ])
            return report
        } catch {
            logger.warning("order sync interrupted", metadata: ["run": "\(begun.runID)", "error": "\(error)"])
            let runID = begun.runID
            let message = String(describing: error)
            try? await database.transaction { sql in
                try await SyncLogRecords().finish(
                    runID: runID, state: .interrupted, at: nil, errors: [message], on: sql)
            }
            throw error
        }
    }

    // MARK: - Begin

    fileprivate struct Begun: Sendable {
        var runID: Int64
        var resumed: Bool
        var checkpoint: OrderImportCheckpoint
        var pagesDone: Int
        var counts: SyncCounts
    }

    private func begin(_ request: OrderImportRequest) async throws -> Begun {
        let now = clock.now()
        let leaseUntil = now.addingTimeInterval(options.lease.seconds)
        let integrationID = self.integrationID
        let overlap = options.overlap.seconds
        let parameters = request.parametersJSON(perPage: options.perPage)
        return try await database.transaction { sql in
            let logs = SyncLogRecords()
            if let previous = try await logs.latestResumable(integrationID: integrationID, kind: .orders, on: sql) {
                let previousID = previous.id
                let leaseLive = previous.state == .running && (previous.leaseUntil.map { $0 > now } ?? false)
                if leaseLive {
                    throw SyncError(
                        .alreadyRunning, integrationID: integrationID,
                        "order sync run \(previousID) is in progress (lease until \(previous.leaseUntil!))")
                }
                if previous.mode == request.mode.rawValue && previous.parametersJSON == parameters,
                    try await logs.claim(runID: previousID, leaseUntil: leaseUntil, now: now, on: sql)
                {
                    return Begun(
                        runID: previousID, resumed: true,
                        checkpoint: OrderImportCheckpoint(json: previous.checkpointJSON)
                            ?? OrderImportCheckpoint(since: nil),
                        pagesDone: previous.pagesDone, counts: previous.counts)
                }
                try await logs.finish(
                    runID: previousID, state: .abandoned, at: now,
                    errors: previous.errors + ["superseded by a run with other parameters"], on: sql)
            }
            guard let integration = try await IntegrationRecords().find(id: integrationID, on: sql) else {
                throw SyncError(.integrationNotFound, integrationID: integrationID, "no such integration")
            }
            let since: Date? =
                request.mode == .incremental ? integration.ordersCursor.map { $0.addingTimeInterval(-overlap) } : nil
            let checkpoint = OrderImportCheckpoint(since: since)
            let run = try await logs.start(
                SyncRun.New(
                    integrationID: integrationID, kind: .orders, mode: request.mode.rawValue,
                    parametersJSON: parameters, checkpointJSON: checkpoint.json, startedAt: now,
                    leaseUntil: leaseUntil),
                on: sql)
            return Begun(runID: run.id, resumed: false, checkpoint: checkpoint, pagesDone: 0, counts: SyncCounts())
        }
    }

    // MARK: - Read and apply

    private func read(
        _ request: OrderImportRequest, _ begun: Begun,
        progress: @escaping @Sendable (OrderImportProgress) async throws -> Void
    ) async throws -> OrderImportReport {
        var checkpoint = begun.checkpoint
        var counts = begun.counts
        var pagesDone = begun.pagesDone
        let runID = begun.runID
        let query = ChannelOrderQuery(
            changedSince: checkpoint.since, createdAfter: request.createdAfter, createdBefore: request.createdBefore,
            storeStatuses: request.storeStatuses, pageSize: options.perPage, concurrency: options.concurrency)

        // A two-stage pipeline: page k+1 is mapped while page k's transaction runs. Pages still commit one
        // after another, in order, and progress for page k is reported before page k+1 is applied, so a stop
        // after any page leaves exactly the pages before it committed. The transaction runs as a child task:
        // cancelling the run cancels it too, and no transaction outlives the run (the group awaits it).
        let applier = self.applier
        try await withThrowingTaskGroup(of: OrderApplier.Outcome.self) { applying in
            var inFlight: ChannelOrderPage?
            func finishApplying() async throws {
                guard let page = inFlight, let outcome = try await applying.next() else { return }
                inFlight = nil
                counts += outcome.counts
                pagesDone = page.number
                logger.debug(
                    "order page applied",
                    metadata: ["run": "\(runID)", "page": "\(page.number)/\(page.totalPages.map(String.init) ?? "?")"])
                try await progress(
                    OrderImportProgress(
                        runID: runID, pagesDone: page.number, totalPages: page.totalPages ?? 0,
                        totalOrders: page.totalOrders ?? 0, counts: counts))
            }
            func readPages() async throws {
                let start = ChannelPosition(pagesDone: pagesDone, token: checkpoint.position)
                for try await page in channel.changedOrders(query, resumingAt: start, known: applier) {
                    if checkpoint.storeStartedAt == nil { checkpoint.storeStartedAt = page.storeDate }
                    if let newest = page.newestVersion {
                        checkpoint.newestModified = max(checkpoint.newestModified ?? newest, newest)
                    }
                    checkpoint.position = page.position.token
                    let results = page.orders
                    try await finishApplying()
                    let now = clock.now()
                    let recorded = (
                        pagesDone: page.number, totalPages: page.totalPages, checkpoint: checkpoint.json,
                        leaseUntil: now.addingTimeInterval(options.lease.seconds)
                    )
                    applying.addTask {
                        try await applier.apply(results, at: now) { sql, outcome in
                            try await SyncLogRecords().recordPage(
                                runID: runID, counts: outcome.counts, pagesDone: recorded.pagesDone,
                                totalPages: recorded.totalPages, checkpointJSON: recorded.checkpoint,
                                leaseUntil: recorded.leaseUntil, entries: outcome.entries, on: sql)
                        }
                    }
                    inFlight = page
                }
                try await finishApplying()
            }
            do {
                try await readPages()
            } catch {
                // A failed read lets the page being applied commit, as it would have without the failure (the
                // run resumes after it); only cancellation of the run itself cancels that transaction.
                while (try? await applying.next()) != nil {}
                throw error
            }
        }

        let cursor = request.coversEveryOrder ? checkpoint.completedCursor : nil
        let integrationID = self.integrationID
        let finishedAt = clock.now()
        let newCursor = try await database.transaction { sql in
            if let cursor {
                try await IntegrationRecords().advanceCursor(
                    integrationID: integrationID, to: cursor, syncedAt: finishedAt, on: sql)
            }
            try await SyncLogRecords().finish(runID: runID, state: .succeeded, at: finishedAt, errors: [], on: sql)
            return try await IntegrationRecords().find(id: integrationID, on: sql)?.ordersCursor
        }
        return OrderImportReport(
            runID: runID, mode: request.mode, resumed: begun.resumed, counts: counts, pages: pagesDone,
            cursor: newCursor)
    }

}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
