import Logging
import NIOCore
import SQLKit
import SQLiteNIO

/// One database session — a connection, inside or outside a transaction — as ``LogixDatabase/read(_:)`` and
/// ``LogixDatabase/transaction(_:)`` hand it to their closure, for the records to run their SQL on.
///
/// Only `Storage` speaks SQL (ARCHITECTURE.md, "Layering"): the use cases in `Sync` receive a session and
/// pass it to records (`OrderRecords().fetch(id:on:)`), which is why it is a type of this module and not SQLKit's
/// `any SQLDatabase`. The SQLKit conformance is what the records use; a module that does not import SQLKit sees
/// an opaque value.
public struct DatabaseSession: SQLDatabase {
    let database: any SQLDatabase
    /// Which engine the session runs on, for the few statements that differ (upserts, `SKIP LOCKED`).
    public let engine: LogixDatabase.Engine
    /// The SQLite connection itself, for ``SQLBulkInsert``'s direct path; `nil` on PostgreSQL.
    let sqlite: SQLiteConnection?

    init(_ database: any SQLDatabase, engine: LogixDatabase.Engine, sqlite: SQLiteConnection? = nil) {
        self.database = database
        self.engine = engine
        self.sqlite = sqlite
    }

    public var logger: Logger { database.logger }
    public var eventLoop: any EventLoop { database.eventLoop }
    public var version: (any SQLDatabaseReportedVersion)? { database.version }
    public var dialect: any SQLDialect { database.dialect }
    public var queryLogLevel: Logger.Level? { database.queryLogLevel }

    @preconcurrency
    public func execute(
        sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<Void> {
        database.execute(sql: query, onRow)
    }

    public func execute(
        sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) async throws {
        try await database.execute(sql: query, onRow)
    }
}
