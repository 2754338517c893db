import Dispatch
import Foundation
import NIOPosix

/// The one thread SQLite's connection runs on, and a task executor on that same thread, so that a transaction's
/// own code (building statements, reading rows) runs where its statements run.
///
/// SQLiteNIO runs every statement on a thread pool and resumes the caller when it is done. With the caller on
/// Swift's shared executor, each statement crossed threads twice, and each crossing waited its turn behind the
/// HTTP work queued there: with one connection, the write lock is held across those waits, so the receiver's
/// group commit — a serial path every delivery goes through — spent most of its time queued rather than
/// working (issue 14). On this thread a transaction goes statement to statement with no hand-over.
final class SQLiteThread: TaskExecutor, Sendable {
    /// The pool of one thread the connection's statements run on.
    let pool: NIOThreadPool

    init() {
        pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        // Named, so that a profile or `top -H` shows where the writer's time goes (NIO names it "TP-#0").
        // (Glibc's module leaves out pthread_setname_np; Linux takes a thread's name from this file as well.)
        // Only when active: a pool stopped before the job ran runs it on the stopping thread instead.
        pool.submit { state in
            guard case .active = state else { return }
            try? "logix-sqlite".write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        pool.submit { state in
            switch state {
            case .active:
                job.runSynchronously(on: executor)
            case .cancelled:
                // The pool has stopped (the database closed): a task that still prefers it runs on Swift's
                // shared executor instead of never running.
                DispatchQueue.global().async {
                    job.runSynchronously(on: globalConcurrentExecutor.asUnownedTaskExecutor())
                }
            }
        }
    }

    /// Stops the thread once the work queued on it is done.
    func shutdown() async {
        try? await pool.shutdownGracefully()
    }
}
