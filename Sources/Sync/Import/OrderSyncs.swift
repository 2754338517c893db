import Foundation
import Logging
import LogixCore
import Storage
import WooCommerce

/// The use cases of order syncs a user starts: start one (full or incremental, filtered), follow it, and read
/// the audit trail of every run. The run itself is the ``OrderImporter``'s, as a job of ``SyncJobs``.
public struct OrderSyncs: Sendable {
    let database: LogixDatabase
    let channels: any SalesChannelProvider
    let jobs: SyncJobs
    let clock: any LogixClock
    let logger: Logger

    public init(
        database: LogixDatabase, channels: any SalesChannelProvider, jobs: SyncJobs, clock: any LogixClock,
        logger: Logger
    ) {
        self.database = database
        self.channels = channels
        self.jobs = jobs
        self.clock = clock
        self.logger = logger
    }

    /// Begins a run for the user's integration (``SyncError/Kind/alreadyRunning`` at once if one is running
    /// elsewhere) and leaves it working as a job; the run is in the sync log from the moment this returns.
    ///
    /// - Parameter progress: told after every committed page (the command line draws its progress bar from it;
    ///   the API's callers read the run from the sync log instead). Throwing from it stops the run cleanly: it
    ///   is recorded as interrupted, resumable from that page, which a cancelled job cannot always record.
    public func start(
        userID: Int64, integrationID: Int64, mode: OrderImportRequest.Mode?, statuses: [String]?, after: Date?,
        before: Date?, progress: @escaping @Sendable (OrderImportProgress) async throws -> Void = { _ in }
    ) async throws -> SyncJobs.Job {
        let record = try await database.read { sql in
            try await IntegrationRecords().find(id: integrationID, userID: userID, on: sql)
        }
        guard let record else { throw SyncError.notFound("integration") }
        let channel = try channels.channel(for: record)
        // Checked before the run is recorded or the store asked anything: a filter the store would refuse
        // with a 400 mid-run is the user's mistake, told at once (422).
        let request: OrderImportRequest
        do {
            request = try OrderImportRequest.checked(
                mode: mode ?? .incremental, statuses: statuses, after: after, before: before,
                knownStatuses: channel.orderStatuses, now: clock.now())
        } catch {
            try? await channel.shutdown()
            throw error
        }
        let importer = OrderImporter(
            channel: channel, database: database, integrationID: integrationID, clock: clock, logger: logger)
        let prepared: OrderImporter.PreparedRun
        do {
            prepared = try await importer.prepare(request)
        } catch {
            try? await channel.shutdown()
            throw error
        }
        let database = self.database
        let clock = self.clock
        return await jobs.start(runID: prepared.runID, integrationID: integrationID, resumed: prepared.resumed) {
            do {
                _ = try await importer.run(prepared, progress: progress)
                try? await channel.shutdown()
                // A sync someone started says as much about the store as a scheduled one: the store's health
                // (last success, last error) reflects both, not only the scheduler's.
                let at = clock.now()
                try? await database.transaction { sql in
                    try await IntegrationHealthRecords().recordSuccess(integrationID: integrationID, at: at, on: sql)
                }
            } catch {
                try? await channel.shutdown()
                if error is any ChannelError {
                    let failure = JobFailure(error)
                    let at = clock.now()
                    try? await database.transaction { sql in
                        try await IntegrationHealthRecords().recordFailure(
                            integrationID: integrationID, code: failure.code, message: failure.message, at: at,
                            on: sql)
                    }
                }
                throw error
            }
        }
    }

    /// Waits until the job has stopped, then reads its run.
    public func finish(_ job: SyncJobs.Job) async throws -> SyncRun? {
        await jobs.waitUntilFinished(job)
        return try await database.read { sql in
            try await SyncLogRecords().fetch(id: job.runID, integrationID: job.integrationID, on: sql)
        }
    }

    /// A run of the user's integration with its first `entries` skipped and failed orders.
    public func run(
        userID: Int64, integrationID: Int64, runID: Int64, entries: Int = 100
    ) async throws -> (run: SyncRun, entries: [SyncLogEntry]) {
        try await database.read { sql in
            guard try await IntegrationRecords().find(id: integrationID, userID: userID, on: sql) != nil else {
                throw SyncError.notFound("integration")
            }
            guard let run = try await SyncLogRecords().fetch(id: runID, integrationID: integrationID, on: sql) else {
                throw SyncError.notFound("sync job")
            }
            return (run, try await SyncLogRecords().entries(runID: runID, limit: entries, on: sql))
        }
    }

    /// The integration's runs, newest first, a page of them.
    public func runs(
        userID: Int64, integrationID: Int64, page: Int, perPage: Int
    ) async throws -> (runs: [SyncRun], total: Int) {
        _ = try await Integrations.find(id: integrationID, userID: userID, in: database)
        return try await database.read { sql in
            try await SyncLogRecords().list(integrationID: integrationID, page: page, perPage: perPage, on: sql)
        }
    }
}
