import Foundation
import Sync
import Synchronization

/// What a `bench scheduler-worker` prints: one JSON line per job run or CPU sample, written whole under a lock
/// (the scheduler's jobs finish on several threads at once).
final class SchedulerWorkerOutput: Sendable {
    private let lock = Mutex(())

    func record(_ run: ScheduledJobRun) {
        let result: String =
            switch run.result {
            case .succeeded: "succeeded"
            case .busy: "busy"
            case .breakerOpen: "breaker_open"
            case .failed(let code): code
            }
        write(
            WorkerLine(
                at: run.startedAt.timeIntervalSince1970, integration: run.integrationID, job: run.job.rawValue,
                due: run.dueAt.timeIntervalSince1970, end: run.finishedAt.timeIntervalSince1970, result: result))
    }

    func sampleCPU() {
        write(WorkerLine(at: Date().timeIntervalSince1970, cpu: ProcessCPU.seconds()))
    }

    private func write(_ line: WorkerLine) {
        guard var data = try? JSONEncoder().encode(line) else { return }
        data.append(UInt8(ascii: "\n"))
        lock.withLock { _ in FileHandle.standardOutput.write(data) }
    }
}
