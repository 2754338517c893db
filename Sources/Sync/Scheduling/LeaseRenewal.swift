import Foundation
import Logging
import LogixCore

/// Keeps a lease alive while the work holding it continues: a child task of the work's task group renews it
/// every third of its length on the injected clock, so a job longer than its lease (a slow store, a large
/// claim) keeps what it holds, while a process that dies still lets it go within one lease.
///
/// A renewal that fails is logged and tried again a third of a lease later; the work is not stopped, since the
/// lease it holds is still good until it runs out.
struct LeaseRenewal: Sendable {
    /// The lease's length: how far each renewal moves it past the clock's now.
    let lease: Duration
    let clock: any LogixClock
    let logger: Logger
    /// What is held, for the log (`schedule`, `sync run 12`, `outbox claim`).
    let holding: String
    /// Moves the lease to the given time.
    let renew: @Sendable (Date) async throws -> Void

    /// Runs `work`, renewing the lease until it returns or throws.
    func whileRunning<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await keepRenewing() }
            defer { group.cancelAll() }
            return try await work()
        }
    }

    private func keepRenewing() async {
        let interval = lease / 3
        while true {
            do {
                try await clock.sleep(for: interval)
            } catch {
                return  // cancelled: the work has ended
            }
            do {
                try await renew(clock.now().addingTimeInterval(lease.seconds))
            } catch is CancellationError {
                return
            } catch {
                logger.warning("could not renew a lease", metadata: ["holding": "\(holding)", "error": "\(error)"])
            }
        }
    }
}
