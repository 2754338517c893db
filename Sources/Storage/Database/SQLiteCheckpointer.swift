import Logging
import NIOPosix
import SQLiteNIO
import Synchronization

/// Copies committed pages from SQLite's write-ahead log into the database file, on a connection and a thread of
/// its own, so that the writer's commits do not wait for it.
///
/// SQLite checkpoints by default in the connection that commits, once the log holds 1,000 pages: that commit's
/// caller waits while the pages are copied and the database file synced. For the receiver's group commits,
/// every delivery of the batch waited with it, and those batches made the tail of its latencies (issue 14).
/// Here a passive checkpoint runs beside the writer: it copies what was committed, never blocks the writer, and
/// the writer starts the log over once a checkpoint has copied all of it. The writer's own checkpoint stays as a
/// backstop at a larger size (``LogixDatabase``), so the log stays bounded even when this one falls behind.
///
/// A checkpoint syncs the log and the database file to disk, so it runs only when it pays: after 100 commits
/// since the last one (under load, every tick), or after any commit once 5 s have passed (a quiet shop's log
/// stays small). Checkpointing every database with a new commit every 100 ms tripled the syncs of a test run
/// with dozens of small databases, whose writers then waited seconds for the disk (CI's end-to-end tests timed
/// out at 20 s).
final class SQLiteCheckpointer: Sendable {
    private let connection: SQLiteConnection
    private let pool: NIOThreadPool
    /// Transactions committed by the writer, counted by ``committed()``.
    private let commits = Atomic<Int>(0)

    private init(connection: SQLiteConnection, pool: NIOThreadPool) {
        self.connection = connection
        self.pool = pool
    }

    /// Opens the checkpointing connection to the database file at `path`; `nil` if it cannot be opened, in which
    /// case the writer's own checkpoints do all the work, as SQLite does by default.
    static func open(path: String, logger: Logger) async -> SQLiteCheckpointer? {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        do {
            let connection = try await SQLiteConnection.open(
                storage: .file(path: path), threadPool: pool, logger: logger,
                on: MultiThreadedEventLoopGroup.singleton.any())
            return SQLiteCheckpointer(connection: connection, pool: pool)
        } catch {
            logger.warning("no background checkpoints for \(path): \(error)")
            try? await pool.shutdownGracefully()
            return nil
        }
    }

    /// Counts a transaction the writer committed.
    func committed() {
        commits.add(1, ordering: .relaxed)
    }

    /// Looks every `interval` until the task is cancelled, checkpoints when `commitsPerCheckpoint` were committed
    /// since the last checkpoint, or any once `quietInterval` has passed; then closes the connection.
    func run(
        every interval: Duration = .milliseconds(100), commitsPerCheckpoint: Int = 100,
        quietInterval: Duration = .seconds(5)
    ) async {
        let clock = ContinuousClock()
        var checkpointed = (commits: 0, at: clock.now)
        while (try? await Task.sleep(for: interval)) != nil {
            let count = commits.load(ordering: .relaxed)
            let due =
                count - checkpointed.commits >= commitsPerCheckpoint
                || (count > checkpointed.commits && clock.now - checkpointed.at >= quietInterval)
            guard due else { continue }
            // PASSIVE never waits for the writer or a reader: it copies what it can now.
            try? await connection.query("PRAGMA wal_checkpoint(PASSIVE)", []) { _ in }
            checkpointed = (count, clock.now)
        }
        await close()
    }

    /// Closes the connection and stops its thread; harmless twice.
    func close() async {
        try? await connection.close().get()
        try? await pool.shutdownGracefully()
    }
}
