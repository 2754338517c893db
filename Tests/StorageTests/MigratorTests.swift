import Foundation
import LogixTestSupport
import SQLKit
import Storage
import Testing

/// The same migration suite on both engines.
@Suite struct MigratorTests {
    @Test(arguments: TestEngine.allCases)
    func migratesOnceAndRecordsVersions(engine: TestEngine) async throws {
        try await TestDatabases.with(engine, migrate: false) { database in
            let migrator = Migrator(database: database)
            #expect(try await migrator.appliedVersions() == [])
            let versions = Migrator.all.map(\.version).sorted()
            #expect(try await migrator.migrate() == versions)
            #expect(try await migrator.appliedVersions() == versions)
            #expect(try await migrator.migrate() == [])
            let tables = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM orders").first(decodingColumn: "n", as: Int.self)
            }
            #expect(tables == 0)
        }
    }

    /// Servers started together after an upgrade all migrate at once, each with its own connections: every
    /// version is applied exactly once, and none of them fails. (PostgreSQL: several servers on one SQLite file
    /// is not a supported set-up.)
    @Test func concurrentMigratorsApplyEachVersionOnce() async throws {
        let (location, cleanup) = try await TestDatabases.makeLocation(.postgres)
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<3 {
                group.addTask {
                    try await LogixDatabase.withOpen(location, logger: TestDatabases.logger) { database in
                        try await Migrator(database: database).migrate()
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(applied.sorted() == Migrator.all.map(\.version).sorted())
        try await cleanup()
    }

    /// A database made by an older binary (version 1 only) is brought up to date, keeping its data.
    @Test(arguments: TestEngine.allCases)
    func upgradesAnOlderSchemaInPlace(engine: TestEngine) async throws {
        try await TestDatabases.with(engine, migrate: false) { database in
            let old = Migrator(database: database, migrations: Array(Migrator.all.prefix(1)))
            #expect(try await old.migrate() == [1])
            try await database.read { sql in
                try await sql.insert(into: "users").columns("email", "password_hash", "created_at")
                    .values(SQLBind("old@example.test"), SQLBind("x"), SQLBind(Int64(1))).run()
            }
            #expect(
                try await Migrator(database: database).migrate()
                    == Migrator.all.map(\.version).sorted().filter { $0 > 1 })
            #expect(try await database.read { try await UserRecords().find(email: "old@example.test", on: $0) } != nil)
            let entries = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM sync_log_entries").first(decodingColumn: "n", as: Int.self)
            }
            #expect(entries == 0)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func refusesASchemaNewerThanTheBinary(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await database.read { sql in
                try await sql.insert(into: "logix_schema_migrations").columns("version", "name", "applied_at")
                    .values(SQLBind(Migrator.latestVersion + 1), SQLBind("from the future"), SQLBind(Int64(0)))
                    .run()
            }
            let error = try await #require(throws: StorageError.self) {
                try await Migrator(database: database).migrate()
            }
            #expect(error.kind == .schemaTooNew)
        }
    }

    /// A build whose migrations were numbered differently applied one under a version this binary knows by
    /// another name: its schema is not this binary's, so it is refused as newer.
    @Test(arguments: TestEngine.allCases)
    func refusesAMigrationItKnowsByVersionButNotByName(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await database.read { sql in
                try await sql.update("logix_schema_migrations").set("name", to: SQLBind("someone else's step"))
                    .where("version", .equal, SQLBind(Migrator.latestVersion)).run()
            }
            let error = try await #require(throws: StorageError.self) {
                try await Migrator(database: database).migrate()
            }
            #expect(error.kind == .schemaTooNew)
            #expect(error.message.contains("someone else's step"))
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aFailedTransactionLeavesNothing(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await database.transaction { sql in
                    try await sql.insert(into: "users").columns("email", "password_hash", "created_at")
                        .values(SQLBind("a@example.test"), SQLBind("x"), SQLBind(Int64(1))).run()
                    throw Boom()
                }
            }
            let found = try await database.read { try await UserRecords().find(email: "a@example.test", on: $0) }
            #expect(found == nil)
        }
    }

    /// A task cancelled at shutdown between BEGIN and its ROLLBACK leaves SQLite's one connection inside a
    /// transaction: the next transaction ends it (nothing of it was committed) instead of failing with
    /// "cannot start a transaction within a transaction".
    @Test func aTransactionLeftOpenOnSQLiteIsEndedByTheNextOne() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await database.read { sql in
                try await sql.raw("BEGIN IMMEDIATE").run()
                try await sql.insert(into: "users").columns("email", "password_hash", "created_at")
                    .values(SQLBind("abandoned@example.test"), SQLBind("x"), SQLBind(Int64(1))).run()
            }
            let made = try await database.transaction {
                try await UserRecords().create(email: "next@example.test", passwordHash: "x", at: Date(), on: $0)
            }
            #expect(made.email == "next@example.test")
            let abandoned = try await database.read {
                try await UserRecords().find(email: "abandoned@example.test", on: $0)
            }
            #expect(abandoned == nil)
        }
    }

    @Test func databaseLocationsParse() throws {
        #expect(try DatabaseLocation(parsing: "./data/logix.sqlite") == .sqlite(path: "./data/logix.sqlite"))
        #expect(try DatabaseLocation(parsing: "sqlite:///tmp/x.sqlite") == .sqlite(path: "/tmp/x.sqlite"))
        #expect(
            try DatabaseLocation(parsing: "postgres://u:pw@db.example:5432/logix")
                == .postgres(url: "postgres://u:pw@db.example:5432/logix"))
        #expect(!DatabaseLocation.postgres(url: "postgres://u:pw@db.example:5432/logix").description.contains("pw"))
        #expect(throws: StorageError.self) { _ = try DatabaseLocation(parsing: "mysql://x") }
        #expect(throws: StorageError.self) { _ = try DatabaseLocation(parsing: "  ") }
    }

    /// Every commit is synced to disk (FULL in WAL mode): a delivery answered 200 survives a power loss.
    @Test func sqliteCommitsAreDurableAcrossPowerLoss() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let synchronous = try await database.read { sql in
                try await sql.raw("PRAGMA synchronous").first(decodingColumn: "synchronous", as: Int.self)
            }
            #expect(synchronous == 2)  // FULL; NORMAL (1) syncs only at checkpoints
        }
    }

    @Test func sqliteFileIsInWALModeWithForeignKeys() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let mode = try await database.read { sql in
                try await sql.raw("PRAGMA journal_mode").first(decodingColumn: "journal_mode", as: String.self)
            }
            #expect(mode == "wal")
            let keys = try await database.read { sql in
                try await sql.raw("PRAGMA foreign_keys").first(decodingColumn: "foreign_keys", as: Int.self)
            }
            #expect(keys == 1)
        }
    }
}

@Suite struct UserRecordsTests {
    @Test(arguments: TestEngine.allCases)
    func createFindAndRefuseDuplicates(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let users = UserRecords()
            let created = try await database.transaction {
                try await users.create(
                    email: " Zoë.Müller@Example.TEST ", passwordHash: "$2b$12$hash",
                    at: Date(timeIntervalSince1970: 1_795_557_600), on: $0)
            }
            #expect(created.email == "zoë.müller@example.test")
            #expect(
                try await database.read { try await users.find(email: "ZOË.müller@example.test", on: $0) }?.id
                    == created.id)
            #expect(
                try await database.read { try await users.find(id: created.id, on: $0) }?.createdAt
                    == Date(timeIntervalSince1970: 1_795_557_600))
            let error = try await #require(throws: StorageError.self) {
                try await database.transaction {
                    try await users.create(email: "zoë.müller@example.test", passwordHash: "x", at: Date(), on: $0)
                }
            }
            #expect(error.kind == .conflict)
            #expect(try await database.read { try await users.find(id: created.id + 1, on: $0) } == nil)
        }
    }
}
