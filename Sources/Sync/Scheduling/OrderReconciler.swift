import Foundation
import Logging
import LogixCore
import Storage
import WooCommerce

/// The cheap periodic check of an integration's open orders against the store: what webhooks and the
/// cursor cannot see (a delivery lost and an edit that did not move the cursor's window, a refund deleted,
/// an order trashed) is found by comparing ids and versions.
///
/// 1. The open orders — Logix status not final — with their stored versions, from the database.
/// 2. Their ids, versions and store statuses from the ``SalesChannel`` (WooCommerce:
///    `GET /orders?include=…&_fields=id,status,date_modified_gmt`), 100 ids at a time.
/// 3. In full, just the orders whose store version is newer or whose store status differs (WooCommerce:
///    `GET /orders?include=…`), applied by ``OrderApplier`` like any sync, a page per 100 with the run's
///    progress.
///
/// An open order the store no longer lists (trashed, or deleted for good) is read again by id and cancelled in
/// Logix — flagged for review if picking had started — as its `order.deleted` webhook would. The run is a sync
/// log row of kind `orders`, mode `reconcile`: while it runs, an order sync of the same integration waits
/// (``SyncError/Kind-swift.struct/alreadyRunning``), and the other way round.
public struct OrderReconciler: Sendable {
    /// Logix statuses after which a store change no longer matters to the warehouse.
    public static let finalStatuses: Set<OrderStatus> = [.shipped, .delivered, .cancelled, .refunded, .failed]
    /// The sync log mode of a reconciliation run.
    public static let mode = "reconcile"
    /// Ids per comparison and per applied page (WooCommerce caps `include=` and `per_page` at 100).
    static let chunkSize = 100

    /// What a reconciliation found and did.
    public struct Report: Sendable, Hashable {
        public var runID: Int64
        /// Open orders compared.
        public var open: Int
        /// Orders fetched in full because the store's version differed.
        public var changed: [Int64]
        /// Open orders the store no longer lists.
        public var gone: [Int64]
        /// What applying the changed orders did.
        public var counts: SyncCounts
    }

    private let channel: any SalesChannel
    private let applier: OrderApplier
    private let lease: Duration
    private let clock: any LogixClock
    private let logger: Logger

    /// - Parameter channel: the integration's store; the caller shuts it down.
    public init(
        channel: any SalesChannel, database: LogixDatabase, integrationID: Int64, lease: Duration = .seconds(120),
        clock: any LogixClock = SystemClock(), logger: Logger = Logger(label: "logix.sync.reconcile")
    ) {
        self.channel = channel
        self.applier = OrderApplier(database: database, integrationID: integrationID)
        self.lease = lease
        self.clock = clock
        var logger = logger
        logger[metadataKey: "integration"] = "\(integrationID)"
        self.logger = logger
    }

    private var database: LogixDatabase { applier.database }
    private var integrationID: Int64 { applier.integrationID }

    /// Runs one reconciliation.
    ///
    /// - Throws: ``SyncError`` `.alreadyRunning` when an order sync of the integration holds its lease;
    ///   the channel's ``ChannelError``, `StorageError` (the run is then marked failed).
    public func run() async throws -> Report {
        let runID = try await begin()
        let database = self.database
        let renewal = LeaseRenewal(lease: lease, clock: clock, logger: logger, holding: "reconcile run \(runID)") {
            until in
            _ = try await database.transaction { sql in
                try await SyncLogRecords().renewLease(runID: runID, leaseUntil: until, on: sql)
            }
        }
        do {
            let report = try await renewal.whileRunning { try await reconcile(runID: runID) }
            logger.info(
                "reconciliation finished",
                metadata: [
                    "run": "\(runID)", "open": "\(report.open)", "changed": "\(report.changed.count)",
                    "gone": "\(report.gone.count)", "updated": "\(report.counts.updated)",
                ])
            return report
        } catch {
            let message = String(describing: error)
            let finishedAt = clock.now()
            try? await database.transaction { sql in
                try await SyncLogRecords().finish(
                    runID: runID, state: .failed, at: finishedAt, errors: [message], on: sql)
            }
            throw error
        }
    }

    private func begin() async throws -> Int64 {
        let now = clock.now()
        let leaseUntil = now.addingTimeInterval(lease.seconds)
        let integrationID = self.integrationID
        return try await database.transaction { sql in
            try await IntegrationWriteLock.acquire(integrationID: integrationID, on: sql)
            let logs = SyncLogRecords()
            if let previous = try await logs.latestResumable(integrationID: integrationID, kind: .orders, on: sql),
                previous.state == .running, let until = previous.leaseUntil, until > now
            {
                throw SyncError(
                    .alreadyRunning, integrationID: integrationID,
                    "order sync run \(previous.id) is in progress (lease until \(until))")
            }
            let run = try await logs.start(
                SyncRun.New(
                    integrationID: integrationID, kind: .orders, mode: Self.mode, startedAt: now,
                    leaseUntil: leaseUntil),
                on: sql)
            return run.id
        }
    }

    private func reconcile(runID: Int64) async throws -> Report {
        let integrationID = self.integrationID
        let open = try await database.read { sql in
            try await OrderRecords().versions(
                integrationID: integrationID, excludingStatuses: Self.finalStatuses, on: sql)
        }

        // Step 2: ids and versions only.
        var changed: [Int64] = []
        var gone: [Int64] = []
        for chunk in open.chunked(by: Self.chunkSize) {
            var listed: [Int64: ChannelOrderVersion] = [:]
            for version in try await channel.orderVersions(ids: chunk.map(\.externalID)) {
                listed[version.externalID] = version
            }
            for stored in chunk {
                guard let version = listed[stored.externalID] else {
                    gone.append(stored.externalID)
                    continue
                }
                let newer = version.version.map { $0 > stored.storeModifiedAt } ?? false
                // A status change in the same second as the stored version is still a change.
                if newer || version.storeStatus != stored.storeStatus { changed.append(stored.externalID) }
            }
        }

        // Step 3: the changed orders in full, a page per 100, each applied in one transaction with the run.
        var counts = SyncCounts()
        var pagesDone = 0
        let chunks = changed.chunked(by: Self.chunkSize)
        for chunk in chunks {
            let batch = try await channel.orders(ids: Array(chunk), known: applier)
            gone += batch.missing
            let results = batch.orders
            let now = clock.now()
            pagesDone += 1
            let recorded = (
                pagesDone: pagesDone, totalPages: chunks.count, leaseUntil: now.addingTimeInterval(lease.seconds)
            )
            let outcome = try await applier.apply(
                results, at: now, origin: OrderEvent.Origin.storeReconciliation
            ) { sql, outcome in
                try await SyncLogRecords().recordPage(
                    runID: runID, counts: outcome.counts, pagesDone: recorded.pagesDone,
                    totalPages: recorded.totalPages, checkpointJSON: nil, leaseUntil: recorded.leaseUntil,
                    entries: outcome.entries, on: sql)
            }
            counts += outcome.counts
        }

        // Step 4: the open orders the store no longer lists, read again one by one: trashed ones come back
        // as the store has them, deleted ones as a 404. Either way the order is cancelled in Logix before
        // picking and flagged after, as the `order.deleted` webhook does (one path for both).
        let (goneResults, deleted) = try await applier.readAgain(gone, from: channel)
        let now = clock.now()
        let (pages, totalPages) = (pagesDone, chunks.count)
        if !gone.isEmpty {
            logger.info(
                "orders gone from the store",
                metadata: ["trashed": "\(goneResults.count)", "deleted": "\(deleted.map(String.init))"])
        }
        // Counted like any applied order (cancelled: updated; picking started: flagged, with its review entry).
        let goneOutcome = try await applier.apply(
            goneResults, deletedForGood: deleted, at: now, origin: OrderEvent.Origin.storeReconciliation
        ) { sql, outcome in
            let logs = SyncLogRecords()
            try await logs.recordPage(
                runID: runID, counts: outcome.counts, pagesDone: pages, totalPages: totalPages,
                checkpointJSON: nil, leaseUntil: nil, entries: outcome.entries, on: sql)
            try await logs.finish(runID: runID, state: .succeeded, at: now, errors: [], on: sql)
        }
        counts += goneOutcome.counts
        return Report(runID: runID, open: open.count, changed: changed, gone: gone, counts: counts)
    }
}

extension Array {
    /// The array cut into consecutive slices of at most `size` elements.
    func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
