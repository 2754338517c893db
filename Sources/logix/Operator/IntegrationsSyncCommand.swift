import ArgumentParser
import Foundation
import LogixServer
import Storage
import Sync
import Synchronization
import UnixSignals

/// `logix integrations sync ID`: imports the store's orders in this process, through the use case of
/// `POST …/integrations/{id}/sync?wait=true`, with its progress live on the terminal.
///
/// Ctrl-C stops the run cleanly after the page being applied: the pages committed stay, the run is recorded as
/// interrupted, and the next sync with the same question continues after the last committed page
/// (ARCHITECTURE.md, "Nothing lost"). A second Ctrl-C stops at once (the run is then held until its lease runs
/// out). The command exits with 130, the shell's status for a command ended by SIGINT, so a script can tell
/// "stopped on purpose" from "failed" (1).
struct IntegrationsSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Import the store's orders now, with live progress; Ctrl-C stops and the next run resumes.",
        discussion: """
            Incremental by default (orders changed since the last sync, with an overlap); --full reads every \
            order. On a terminal a progress bar shows pages done of total, orders, orders a second and the time \
            left; piped, it prints plain lines instead. Exits 0 when the run succeeded, 1 when it failed or a \
            sync of the integration is already running, 130 when stopped with Ctrl-C (run it again to resume).

            Example:
              logix integrations sync 1 --full
              logix integrations sync 1 --json | jq .run.counts
            """)

    @Argument(help: "The integration's id.") var id: Int64
    @Flag(help: "Read every order of the store, not only those changed since the last sync.") var full = false
    @OptionGroup var options: OperatorOptions

    /// The exit status of a run stopped by Ctrl-C: 128 + SIGINT, as a shell reports it.
    static let interruptedStatus: Int32 = 130
    /// How long a run stopped at once holds the integration (the importer's default lease).
    static let leaseMinutes = 2

    /// Set by the first Ctrl-C; read by the progress callback after each page.
    private final class StopRequest: Sendable {
        private let requested = Atomic<Bool>(false)
        var isRequested: Bool { requested.load(ordering: .relaxed) }
        func request() { requested.store(true, ordering: .relaxed) }
    }

    /// What the run records as the reason it stopped.
    private struct StoppedByOperator: Error, CustomStringConvertible {
        var description: String { "stopped by the operator (Ctrl-C)" }
    }

    /// What the command waits for, in the order it happens.
    private enum Event: Sendable {
        case progress(OrderImportProgress)
        case finished
        case interrupted
    }

    func run() async throws {
        // Trapped before the run starts: from here Ctrl-C stops the run instead of killing the process.
        let signals = await UnixSignalsSequence(trapping: .sigint)
        try await options.run("integrations sync") { session in
            let record = try await session.integration(id)
            let syncs = session.services.orderSyncs
            let (events, sink) = AsyncStream.makeStream(of: Event.self)
            let stop = StopRequest()
            let job = try await session.atStore(record.storeURL) {
                try await syncs.start(
                    userID: session.userID, integrationID: id, mode: full ? .full : .incremental, statuses: nil,
                    after: nil, before: nil,
                    progress: { progress in
                        sink.yield(.progress(progress))
                        // Thrown after a page committed: the importer records the run as interrupted there.
                        if stop.isRequested { throw StoppedByOperator() }
                    })
            }
            let begun = try await syncs.run(userID: session.userID, integrationID: id, runID: job.runID, entries: 0).run
            var display: SyncProgressDisplay? =
                session.json ? nil : SyncProgressDisplay(mode: SyncProgressDisplay.modeForStandardOutput(), run: begun)
            if display != nil {
                SyncProgressDisplay.write(
                    job.resumed
                        ? "resuming sync run \(job.runID) of integration \(id) (\(record.storeURL)) after page "
                            + "\(begun.pagesDone)\n"
                        : "sync run \(job.runID) of integration \(id) (\(record.storeURL)), \(begun.mode)\n")
            }
            let jobs = session.services.syncJobs
            var interrupts = 0
            var firstInterrupt: ContinuousClock.Instant?
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await jobs.waitUntilFinished(job)
                    sink.yield(.finished)
                }
                group.addTask {
                    for await _ in signals { sink.yield(.interrupted) }
                }
                loop: for await event in events {
                    switch event {
                    case .progress(let progress):
                        display?.show(progress)
                    case .finished:
                        break loop
                    case .interrupted:
                        // A signal delivered twice at once (to the process and to its group, as `timeout` and
                        // supervisors do) is one Ctrl-C; a second press comes later.
                        if let first = firstInterrupt, ContinuousClock.now - first < .milliseconds(500) { continue }
                        interrupts += 1
                        if interrupts == 1 {
                            firstInterrupt = .now
                            stop.request()
                            display?.note("stopping after the page in progress (Ctrl-C again to stop at once)")
                        } else {
                            // Stops between two statements of the run; it cannot always record itself as
                            // interrupted then, and stays held until its lease runs out.
                            await jobs.cancel(integrationID: id)
                            break loop
                        }
                    }
                }
                group.cancelAll()
            }
            let run = try await syncs.finish(job) ?? begun
            let elapsed = display?.elapsed ?? 0
            let stopped = interrupts > 0 && run.state != .succeeded
            if session.json {
                session.printJSON(try APIBodies.sync(job: job, run: run))
            } else if stopped {
                let resumes =
                    run.state == .interrupted
                    ? "it resumes from there next time"
                    : "it resumes from there once its lease runs out (at most \(Self.leaseMinutes) minutes)"
                display?.finish(
                    "interrupted: sync run \(run.id) stopped after page \(run.pagesDone) of "
                        + "\(run.totalPages.map(String.init) ?? "?") (\(run.counts.total) orders); \(resumes): "
                        + "`logix integrations sync \(id)\(full ? " --full" : "")`")
            } else if run.state == .succeeded {
                display?.finish(Self.summary(run, seconds: elapsed))
            } else {
                // Why it stopped is the error line on standard error.
                display?.finish(
                    "stopped: sync run \(run.id) \(run.state.rawValue) after page \(run.pagesDone) of "
                        + "\(run.totalPages.map(String.init) ?? "?") (\(run.counts.total) orders)")
            }
            if stopped { throw ExitCode(Self.interruptedStatus) }
            guard run.state == .succeeded else {
                let reason = run.errors.last ?? "no reason recorded"
                throw OperatorFailure(
                    "sync run \(run.id) \(run.state.rawValue) after page \(run.pagesDone) (store \(record.storeURL)): "
                        + reason)
            }
        }
    }

    /// `synced: run 5 succeeded in 0:37, 200 pages, 20000 orders (20000 created, …)`
    static func summary(_ run: SyncRun, seconds: Double) -> String {
        let counts = run.counts
        return "synced: run \(run.id) \(run.state.rawValue) in \(OperatorFormat.clock(seconds: seconds)), "
            + "\(run.pagesDone) pages, \(counts.total) orders (\(counts.created) created, \(counts.updated) updated, "
            + "\(counts.unchanged) unchanged, \(counts.flagged) flagged, \(counts.skipped) skipped, "
            + "\(counts.failed) failed)"
    }
}
