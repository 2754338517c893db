import Foundation
import Logging
import Storage
import Sync
import WooCommerce

/// Order syncs started through the API, running in the background; each is a sync run in the log, so its
/// progress is read from there. Shutdown cancels the ones still running: an interrupted run resumes later.
public actor SyncJobs {
    /// A started job.
    public struct Job: Sendable {
        public let runID: Int64
        public let resumed: Bool
        public let task: Task<OrderImportReport, any Error>
    }

    private var running: [Int64: (integrationID: Int64, task: Task<OrderImportReport, any Error>)] = [:]
    private let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    /// Begins a run for `record` (answering 409 at once if one is running) and leaves it working.
    func start(_ request: OrderImportRequest, for record: IntegrationRecord, services: ServerServices) async throws
        -> Job
    {
        guard let integrationID = record.id else { throw APIError.notFound("integration") }
        let credentials = try IntegrationCredentials(vault: services.vault, database: services.database)
            .credentials(of: record)
        let client = try services.stores.makeClient(storeURL: record.storeURL, credentials: credentials)
        let importer = OrderImporter(
            client: client, database: services.database, integrationID: integrationID,
            statusMapping: try record.statusMapping(), logger: logger)
        let prepared: OrderImporter.PreparedRun
        do {
            prepared = try await importer.prepare(request)
        } catch {
            try? await client.shutdown()
            throw error
        }
        let task = Task {
            do {
                let report = try await importer.run(prepared)
                try? await client.shutdown()
                return report
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
        let runID = prepared.runID
        running[runID] = (integrationID, task)
        Task { [weak self] in
            _ = try? await task.value
            await self?.finished(runID)
        }
        return Job(runID: runID, resumed: prepared.resumed, task: task)
    }

    private func finished(_ runID: Int64) { running[runID] = nil }

    /// How many jobs of this process are running for the integration.
    func runningCount(integrationID: Int64) -> Int {
        running.values.filter { $0.integrationID == integrationID }.count
    }

    /// Cancels every running job and waits for it to stop (its run stays resumable).
    public func shutdown() async {
        await stop(Array(running.keys))
    }

    /// Cancels the integration's running jobs and waits for them to stop: deleting an integration must not
    /// leave a job writing orders for it while the delete cascades.
    func cancel(integrationID: Int64) async {
        await stop(running.filter { $0.value.integrationID == integrationID }.map(\.key))
    }

    private func stop(_ runIDs: [Int64]) async {
        let tasks = runIDs.compactMap { running[$0]?.task }
        for task in tasks { task.cancel() }
        for task in tasks { _ = try? await task.value }
        for runID in runIDs { finished(runID) }
    }
}
