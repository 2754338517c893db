import ServiceLifecycle
import Sync

/// Runs inside `logix serve`: the scheduler's loop, stopped at graceful shutdown. A job cut short resumes from
/// its sync run's last committed page on the next pass (here or in another process).
struct SchedulerService: Service {
    let scheduler: SyncScheduler

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await scheduler.run()
        }
    }
}
