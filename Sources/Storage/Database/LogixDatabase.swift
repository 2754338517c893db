import Foundation
import Logging
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit

/// The one persistence handle: an SQLite file or a PostgreSQL pool behind the same SQLKit interface.
///
/// All access goes through ``read(_:)`` and ``transaction(_:)``; a transaction commits when its closure
/// returns and rolls back when it throws, so nothing is ever half written.
public final class LogixDatabase: Sendable {
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
        case sqlite(SQLiteConnection, AsyncLock)
        case postgres(PostgresClient, Task<Void, Never>)
    }

    private init(engine: Engine, location: DatabaseLocation, backend: Backend, logger: Logger) {
        self.engine = engine
        self.location = location
        self.backend = backend
        self.logger = logger
    }

    /// Opens the database (creating an SQLite file if needed). Does not migrate: see ``Migrator``.
    public static func open(
        _ location: DatabaseLocation, logger: Logger = Logger(label: "logix.storage")
    ) async throws -> LogixDatabase {
        switch location {
        case .sqlite(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let connection: SQLiteConnection
            do {
                connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            } catch {
                throw StorageError(.invalidLocation, "cannot open SQLite file \(path): \(error)")
            }
            let database = LogixDatabase(
                engine: .sqlite, location: location, backend: .sqlite(connection, AsyncLock()), logger: logger)
            // WAL lets readers proceed beside the writer; foreign keys are off by default in SQLite; the busy
            // timeout makes a second process (`logix migrate` beside `logix serve`) wait instead of failing.
            try await database.read { sql in
                try await sql.raw("PRAGMA journal_mode=WAL").run()
                try await sql.raw("PRAGMA foreign_keys=ON").run()
                try await sql.raw("PRAGMA busy_timeout=5000").run()
                try await sql.raw("PRAGMA synchronous=NORMAL").run()
            }
            return database
        case .postgres(let url):
            let configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw StorageError(.invalidLocation, "invalid PostgreSQL URL \(location): \(error)")
            }
            let core = configuration.coreConfiguration
            guard let host = core.host, let port = core.port else {
                throw StorageError(.invalidLocation, "the PostgreSQL URL needs a host and port: \(location)")
            }
            let client = PostgresClient(
                configuration: PostgresClient.Configuration(
                    host: host, port: port, username: core.username, password: core.password,
                    database: core.database, tls: .disable),
                backgroundLogger: logger)
            let runner = Task { await client.run() }
            let database = LogixDatabase(
                engine: .postgres, location: location, backend: .postgres(client, runner), logger: logger)
            do {
                try await database.read { sql in try await sql.raw("SELECT 1").run() }
            } catch {
                runner.cancel()
                throw StorageError(
                    .invalidLocation, "cannot reach PostgreSQL at \(location): \(String(reflecting: error))")
            }
            return database
        }
    }

    /// Closes the connection or pool.
    public func close() async {
        switch backend {
        case .sqlite(let connection, _):
            try? await connection.close()
        case .postgres(_, let runner):
            runner.cancel()
        }
    }

    /// Runs `body` with a database session, outside any transaction.
    public func read<T: Sendable>(_ body: @escaping @Sendable (DatabaseSession) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let connection, let lock):
            return try await lock.withLock { try await body(DatabaseSession(connection.sql(), engine: engine)) }
        case .postgres(let client, _):
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
        case .sqlite(let connection, let lock):
            // IMMEDIATE takes the write lock at once: two processes can't both read and then fail to upgrade.
            return try await lock.withLock {
                try await Self.inTransaction(
                    DatabaseSession(connection.sql(), engine: engine), begin: "BEGIN IMMEDIATE", body)
            }
        case .postgres(let client, _):
            return try await client.withConnection { connection in
                try await Self.inTransaction(
                    DatabaseSession(connection.sql(), engine: self.engine), begin: "BEGIN", body)
            }
        }
    }

    private static func inTransaction<T>(
        _ sql: DatabaseSession, begin: String, _ body: (DatabaseSession) async throws -> T
    ) async throws -> T {
        try await sql.raw(SQLQueryString(begin)).run()
        do {
            let result = try await body(sql)
            try await sql.raw("COMMIT").run()
            return result
        } catch {
            try? await sql.raw("ROLLBACK").run()
            throw error
        }
    }
}
