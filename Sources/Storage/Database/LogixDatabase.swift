import Foundation
import Logging
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one persistence handle: an SQLite file or a PostgreSQL pool behind the same SQLKit interface.
///
/// All access goes through ``read(_:)`` and ``transaction(_:)``; a transaction commits when its closure
/// returns and rolls back when it throws, so nothing is ever half written.
///
/// The handle lives while ``run()`` runs — a `Service` in the server's service group, or a child task for a
/// scope's duration with ``withOpen(_:logger:_:)`` — and closes its connections when `run()` ends at graceful
/// shutdown or cancellation. Queries on PostgreSQL wait for `run()` to start, and fail once it has ended.
public final class LogixDatabase: Service, Sendable {
    /// Which engine is behind the handle; the few SQL differences (id columns, upsert syntax) key off it.
    public enum Engine: String, Sendable, Hashable {
        case sqlite
        case postgres
    }

    public let engine: Engine
    public let location: DatabaseLocation
    private let backend: Backend
    let logger: Logger

    private enum Backend: Sendable {
        case sqlite(SQLiteConnection, AsyncLock, SQLiteThread)
        case postgres(PostgresClient, PostgresSettings, running: StartSignal)
    }

    private init(engine: Engine, location: DatabaseLocation, backend: Backend, logger: Logger) {
        self.engine = engine
        self.location = location
        self.backend = backend
        self.logger = logger
    }

    /// Opens the database, ready to ``run()``: an SQLite file is opened (created if needed); for PostgreSQL the
    /// URL is read (its `sslmode` and `sslrootcert` too) and the pool made, connecting only once it runs.
    /// Does not migrate: see ``Migrator``. `synchronous` says how SQLite commits reach the disk.
    public static func open(
        _ location: DatabaseLocation, logger: Logger = Logger(label: "logix.storage"),
        synchronous: SQLiteSynchronous = .default
    ) async throws -> LogixDatabase {
        switch location {
        case .sqlite(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            createPrivately(path)
            let thread = SQLiteThread()
            let connection: SQLiteConnection
            do {
                connection = try await SQLiteConnection.open(
                    storage: .file(path: path), threadPool: thread.pool, logger: logger,
                    on: MultiThreadedEventLoopGroup.singleton.any())
            } catch {
                await thread.shutdown()
                throw StorageError(.invalidLocation, "cannot open SQLite file \(path): \(error)")
            }
            let database = LogixDatabase(
                engine: .sqlite, location: location, backend: .sqlite(connection, AsyncLock(), thread), logger: logger)
            // WAL lets readers proceed beside the writer; foreign keys are off by default in SQLite; the busy
            // timeout makes a second process (`logix migrate` beside `logix serve`) wait instead of failing;
            // temporary storage in memory keeps a multi-row statement's rollback journal out of a file created
            // and written for every group commit, and a page cache of up to 64 MB (SQLite's default is 2 MB) keeps
            // the indexes a stream of orders writes into from being read back from the file (issue 14: 4 % more
            // deliveries a second); FULL makes every commit durable across a power loss (see SQLiteSynchronous).
            let pragma = SQLQueryString("PRAGMA synchronous=\(unsafeRaw: synchronous.rawValue.uppercased())")
            do {
                try await database.read { sql in
                    try await sql.raw("PRAGMA journal_mode=WAL").run()
                    try await sql.raw("PRAGMA foreign_keys=ON").run()
                    try await sql.raw("PRAGMA busy_timeout=5000").run()
                    try await sql.raw("PRAGMA temp_store=MEMORY").run()
                    try await sql.raw("PRAGMA cache_size=-65536").run()
                    try await sql.raw(pragma).run()
                }
            } catch {
                try? await connection.close().get()
                await thread.shutdown()
                throw error
            }
            return database
        case .postgres(let url):
            let settings = try PostgresSettings(url: url, location: location)
            let client = PostgresClient(configuration: settings.clientConfiguration, backgroundLogger: logger)
            return LogixDatabase(
                engine: .postgres, location: location, backend: .postgres(client, settings, running: StartSignal()),
                logger: logger)
        }
    }

    /// Opens the database at `location`, runs it for `body`'s duration in a child task, and closes it when
    /// `body` returns or throws: the way for commands and tests, which use the database outside a server.
    /// PostgreSQL is reached once (``checkConnection()``) before `body` starts, so a bad URL or TLS setting
    /// fails here, clearly.
    @discardableResult
    public static func withOpen<T>(
        _ location: DatabaseLocation, logger: Logger = Logger(label: "logix.storage"),
        synchronous: SQLiteSynchronous = .default, _ body: (LogixDatabase) async throws -> T
    ) async throws -> T {
        let database = try await open(location, logger: logger, synchronous: synchronous)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            // Ending `run()` closes the connections; the group waits for it before returning.
            defer { group.cancelAll() }
            try await database.checkConnection()
            return try await body(database)
        }
    }

    /// Keeps the database open until graceful shutdown or cancellation, then closes it: PostgreSQL's pool does
    /// its background work (connecting, keep-alive) here. Run it once per handle.
    public func run() async {
        switch backend {
        case .sqlite(let connection, let lock, let thread):
            try? await gracefulShutdown()
            // Under the lock: a query still running when the task is cancelled finishes before the close. The
            // future's close, because the async one is skipped in a cancelled task.
            _ = try? await lock.withLock { try await connection.close().get() }
            await thread.shutdown()
        case .postgres(let client, _, let running):
            running.raise()
            await client.run()
        }
    }

    /// Creates a new SQLite file readable by its owner only (0600), as the key files are: it holds customers'
    /// names and addresses. SQLite gives its WAL and shared-memory files the database file's mode. An existing
    /// file keeps the mode its owner chose; a failure here is left to SQLite's open to report.
    private static func createPrivately(_ path: String) {
        #if canImport(Glibc)
            let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        #else
            let descriptor = Darwin.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        #endif
        if descriptor >= 0 { close(descriptor) }
    }

    /// Closes an SQLite handle that may never have run — the application failed before its services started —
    /// so that no path leaves the file open (SQLite's debug builds assert on a connection dropped unclosed).
    /// Closing twice is harmless; a PostgreSQL pool holds nothing until it runs.
    public func closeUnlessRun() async {
        guard case .sqlite(let connection, let lock, let thread) = backend else { return }
        _ = try? await lock.withLock {
            if !connection.isClosed { try await connection.close().get() }
        }
        await thread.shutdown()
    }

    /// Reaches PostgreSQL once on a connection of its own, with the pool's settings, and runs `SELECT 1`: a
    /// wrong address, password or TLS setting fails here with what went wrong (the pool would only retry, and
    /// report after a minute that it gave up). Nothing to check for SQLite.
    public func checkConnection() async throws {
        guard case .postgres(_, let settings, _) = backend else { return }
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try settings.connectionConfiguration(), id: 0, logger: logger)
            do {
                try await connection.query("SELECT 1", logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch {
            throw StorageError(
                .connectionFailed, "cannot connect to PostgreSQL at \(location): \(settings.explain(error))")
        }
    }

    /// Runs `body` with a database session, outside any transaction.
    public func read<T: Sendable>(_ body: @escaping @Sendable (DatabaseSession) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let connection, let lock, let thread):
            return try await withTaskExecutorPreference(thread) {
                try await lock.withLock {
                    try await body(DatabaseSession(connection.sql(), engine: engine, sqlite: connection))
                }
            }
        case .postgres(let client, _, let running):
            try await running.wait()
            return try await client.withConnection { connection in
                try await body(DatabaseSession(connection.sql(), engine: self.engine))
            }
        }
    }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back when it throws.
    public func transaction<T: Sendable>(
        _ body: @escaping @Sendable (DatabaseSession) async throws -> T
    ) async throws -> T {
        switch backend {
        case .sqlite(let connection, let lock, let thread):
            // IMMEDIATE takes the write lock at once: two processes can't both read and then fail to upgrade.
            return try await withTaskExecutorPreference(thread) {
                try await lock.withLock {
                    try await Self.inTransaction(
                        DatabaseSession(connection.sql(), engine: engine, sqlite: connection), begin: "BEGIN IMMEDIATE",
                        body)
                }
            }
        case .postgres(let client, _, let running):
            try await running.wait()
            return try await client.withConnection { connection in
                try await Self.inTransaction(
                    DatabaseSession(connection.sql(), engine: self.engine), begin: "BEGIN", body)
            }
        }
    }

    private static func inTransaction<T>(
        _ sql: DatabaseSession, begin: String, _ body: (DatabaseSession) async throws -> T
    ) async throws -> T {
        do {
            // Inside the `do`: a BEGIN that reached the database but whose answer was lost (the task cancelled
            // at shutdown) is rolled back too, instead of leaving the connection inside a transaction that the
            // next BEGIN trips over. A ROLLBACK without a transaction is a harmless error.
            do {
                try await sql.raw(SQLQueryString(begin)).run()
            } catch  where sql.engine == .sqlite && "\(error)".contains("within a transaction") {
                // SQLite's one connection is still inside a transaction that a task cancelled at shutdown left
                // open (its ROLLBACK never ran). Nobody else can be in it — the lock is ours — and nothing of it
                // was committed: end it and begin ours.
                try? await sql.raw("ROLLBACK").run()
                try await sql.raw(SQLQueryString(begin)).run()
            }
            let result = try await body(sql)
            try await sql.raw("COMMIT").run()
            return result
        } catch {
            try? await sql.raw("ROLLBACK").run()
            throw error
        }
    }
}
