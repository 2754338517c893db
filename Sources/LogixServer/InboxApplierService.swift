import Foundation
import Logging
import LogixCore
import ServiceLifecycle
import Sync

/// Runs inside `logix serve`: applies stored webhook deliveries when the receiver signals, and every few
/// seconds anyway (deliveries left by a crash, retries whose back-off ran out).
struct InboxApplierService: Service {
    let applier: WebhookInboxApplier
    let signal: WebhookSignal
    let interval: Duration
    let clock: any LogixClock
    let logger: Logger

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                // A tick into the same signal, so the loop below has one thing to wait for.
                while !Task.isCancelled {
                    try? await clock.sleep(for: interval)
                    signal.notify()
                }
            }
            group.addTask {
                for await _ in signal.wakeUps.cancelOnGracefulShutdown() {
                    do {
                        try await applier.drain()
                    } catch {
                        logger.error("inbox applier failed", metadata: ["error": "\(error)"])
                    }
                }
            }
            await group.next()
            group.cancelAll()
        }
    }
}
