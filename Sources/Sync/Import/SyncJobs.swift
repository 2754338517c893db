import Foundation
import Logging
import Storage

/// Order syncs started by a user (API or dashboard), running in the background of this process; each is a
/// sync run in the log, so its progress is read from there.
///
/// Structured: the jobs run as child tasks of ``run()``, which the server runs as a service. Stopping the
/// service cancels the jobs still running (an interrupted run resumes later); ``cancel(integrationID:)`` stops
/// one integration's jobs and waits for them, so a deleted integration never has a job writing for it.
public actor SyncJobs {
    /// A started job.
    public struct Job: Sendable, Hashable {
        public let runID: Int64
        public let integrationID: Int64
        public let resumed: Bool
    }

    /// A job the service has not finished yet.
    private struct Entry {
        let job: Job
        /// Finished to cancel the job (``cancel(integrationID:)``): its runner stops waiting and cancels the work.
        let cancellation: AsyncStream<Never>.Continuation
        /// Resumed when the job stops, however it stops.
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private struct Submission: Sendable {
        let job: Job
        let cancellation: AsyncStream<Never>
        let work: @Sendable () async throws -> Void
    }

    private var entries: [Int64: Entry] = [:]
    private let submissions: AsyncStream<Submission>
    private let submit: AsyncStream<Submission>.Continuation
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
        (submissions, submit) = AsyncStream.makeStream(of: Submission.self)
    }

    /// Runs the jobs until the task running it is cancelled; then cancels those still running and returns when
    /// they have stopped.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for await submission in submissions {
                group.addTask { await self.execute(submission) }
            }
        }
    }

    /// Queues `work` as the job of sync run `runID`; it starts at once if ``run()`` is running.
    func start(
        runID: Int64, integrationID: Int64, resumed: Bool, _ work: @escaping @Sendable () async throws -> Void
    ) -> Job {
        let job = Job(runID: runID, integrationID: integrationID, resumed: resumed)
        let (cancellation, cancel) = AsyncStream.makeStream(of: Never.self)
        entries[runID] = Entry(job: job, cancellation: cancel)
        submit.yield(Submission(job: job, cancellation: cancellation, work: work))
        return job
    }

    /// Waits until the job has stopped: succeeded, failed or cancelled.
    public func waitUntilFinished(_ job: Job) async {
        await waitForStop(job.runID)
    }

    private func waitForStop(_ runID: Int64) async {
        guard entries[runID] != nil else { return }
        await withCheckedContinuation { waiter in entries[runID]?.waiters.append(waiter) }
    }

    /// How many jobs of this process are running for the integration.
    public func runningCount(integrationID: Int64) -> Int {
        entries.values.filter { $0.job.integrationID == integrationID }.count
    }

    /// Cancels the integration's running jobs and waits for them to stop: deleting an integration must not
    /// leave a job writing orders for it while the delete cascades.
    public func cancel(integrationID: Int64) async {
        let runIDs = entries.values.filter { $0.job.integrationID == integrationID }.map(\.job.runID)
        for runID in runIDs { entries[runID]?.cancellation.finish() }
        for runID in runIDs { await waitForStop(runID) }
    }

    /// Runs one job: the work, raced against its cancellation.
    private func execute(_ submission: Submission) async {
        let runID = submission.job.runID
        await withTaskGroup(of: Void.self) { race in
            race.addTask {
                do {
                    try await submission.work()
                } catch {
                    // The run records its own failure in the sync log; the log here is for the operator.
                    self.logger.info(
                        "order sync job stopped",
                        metadata: ["run": "\(runID)", "error": "\(String(describing: error))"])
                }
            }
            race.addTask {
                // Ends when the job is cancelled, or when the race is over and this child is cancelled.
                for await _ in submission.cancellation {}
            }
            await race.next()
            race.cancelAll()
        }
        finished(runID)
    }

    private func finished(_ runID: Int64) {
        guard let entry = entries.removeValue(forKey: runID) else { return }
        entry.cancellation.finish()
        for waiter in entry.waiters { waiter.resume() }
    }
}
