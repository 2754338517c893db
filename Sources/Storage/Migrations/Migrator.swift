import Foundation
import Logging
import SQLKit

/// Brings a database to the schema this binary knows, and refuses one that a newer binary migrated.
public struct Migrator: Sendable {
    /// Every migration this binary knows, in order.
    public static let all: [any Migration] = [
        CreateInitialSchema(), CreateSyncRuns(), CreateOutboxQueue(), CreateIntegrationSchedules(), CreateShipments(),
        AddStoreWriteAccess(), OwnStockLevels(), AddOutboxDetail(), AddUserAccess(), AddOrderTimeline(),
        CreateDashboardSessions(), AddStorePacing(), SplitWebhookInboxBodies(), IndexScheduleDueTimes(),
        AddChannelSettings(),
    ]

    /// The schema version this binary expects.
    public static var latestVersion: Int { all.map(\.version).max() ?? 0 }

    let database: LogixDatabase
    let migrations: [any Migration]

    public init(database: LogixDatabase, migrations: [any Migration] = Migrator.all) {
        self.database = database
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// The versions applied so far.
    public func appliedVersions() async throws -> [Int] {
        try await ensureTable()
        return try await database.read { sql in
            try await sql.select().column("version").from("logix_schema_migrations").orderBy("version")
                .all(decodingColumn: "version", as: Int.self)
        }
    }

    /// Applies every pending migration, each in its own transaction. Returns the versions it applied.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await ensureTable()
        let recorded = try await database.read { sql in
            try await sql.select().columns("version", "name").from("logix_schema_migrations").orderBy("version")
                .all(decoding: AppliedMigration.self)
        }
        let applied = Set(recorded.map(\.version))
        let known = migrations.map(\.version).max() ?? 0
        if let newest = applied.max(), newest > known {
            throw StorageError(
                .schemaTooNew,
                "the database is at schema version \(newest) but this binary knows only up to \(known); "
                    + "upgrade logix before running it against this database")
        }
        // A version this binary knows under another name was applied by another build: its schema is not ours.
        let names = Dictionary(migrations.map { ($0.version, $0.name) }, uniquingKeysWith: { first, _ in first })
        if let foreign = recorded.first(where: { names[$0.version] != $0.name }) {
            throw StorageError(
                .schemaTooNew,
                "the database has migration \(foreign.version) \"\(foreign.name)\", which this binary does not "
                    + "know (its migration \(foreign.version) is \"\(names[foreign.version] ?? "")\"); "
                    + "upgrade logix before running it against this database")
        }
        var done: [Int] = []
        for migration in migrations where !applied.contains(migration.version) {
            let engine = database.engine
            let appliedHere: Bool
            do {
                appliedHere = try await database.transaction { sql -> Bool in
                    // Servers started together after an upgrade migrate at the same time: one applies each
                    // version, the others wait for it and then find it recorded.
                    try await Self.lockMigrations(on: sql, engine: engine)
                    let recorded = try await sql.select().column("version").from("logix_schema_migrations")
                        .where("version", .equal, SQLBind(migration.version)).first()
                    guard recorded == nil else { return false }
                    try await migration.prepare(on: sql, engine: engine)
                    try await sql.insert(into: "logix_schema_migrations")
                        .columns("version", "name", "applied_at")
                        .values(
                            SQLBind(migration.version), SQLBind(migration.name),
                            SQLBind(Int64(Date().timeIntervalSince1970))
                        )
                        .run()
                    return true
                }
            } catch {
                throw StorageError(
                    .migrationFailed, "migration \(migration.version) (\(migration.name)) failed: \(error)")
            }
            guard appliedHere else { continue }
            database.logger.info("applied migration \(migration.version) \(migration.name)")
            done.append(migration.version)
        }
        return done
    }

    /// On PostgreSQL, holds a transaction-scoped advisory lock that every process migrating this database takes,
    /// so two never run the same DDL at once (their second `CREATE TABLE` would fail). SQLite's one writer at a
    /// time already serialises them.
    private static func lockMigrations(on sql: DatabaseSession, engine: LogixDatabase.Engine) async throws {
        guard engine == .postgres else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: migrationLockKey))").run()
    }

    /// The advisory lock's key: "logix_mg" in ASCII, apart from the per-integration write locks (small ids).
    private static let migrationLockKey: Int64 = 0x6C6F_6769_785F_6D67

    private struct AppliedMigration: Decodable {
        var version: Int
        var name: String
    }

    private func ensureTable() async throws {
        let engine = database.engine
        try await database.transaction { sql in
            // `CREATE TABLE IF NOT EXISTS` is not safe against itself on PostgreSQL: run concurrently, the second
            // fails on the catalogue's unique index instead of finding the table.
            try await Self.lockMigrations(on: sql, engine: engine)
            try await sql.raw(
                """
                CREATE TABLE IF NOT EXISTS logix_schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL
                )
                """
            ).run()
        }
    }
}
