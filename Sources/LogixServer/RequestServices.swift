import ServiceLifecycle
import Sync

/// Runs the receiver's group commits (``WebhookInboxWriter``) until graceful shutdown, after the HTTP server
/// has finished the requests that wait on it.
struct InboxWriterService: Service {
    let writer: WebhookInboxWriter

    func run() async throws {
        await cancelWhenGracefulShutdown { await writer.run() }
    }
}

/// Runs the order sync jobs users start (``SyncJobs``); graceful shutdown cancels the ones still running, whose
/// runs stay resumable.
struct SyncJobsService: Service {
    let jobs: SyncJobs

    func run() async throws {
        await cancelWhenGracefulShutdown { await jobs.run() }
    }
}
