import ServiceLifecycle
import Sync

/// Runs inside `logix serve`: sends queued store updates until graceful shutdown. An item in flight when the
/// process stops keeps its lease and is sent again once the lease runs out — store updates are idempotent
/// (a status set twice, a tracking list replaced) except notes, where a second copy beats a lost one.
struct OutboxSenderService: Service {
    let sender: OutboxSender

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await sender.run()
        }
    }
}
