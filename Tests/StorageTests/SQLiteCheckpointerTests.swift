import Foundation
import LogixTestSupport
import SQLKit
import Storage
import Testing

/// SQLite's write-ahead log is copied into the database file beside the writer (`SQLiteCheckpointer`, issue 14):
/// what was committed reaches the database file although the writer itself checkpoints only at 16,000 pages, and
/// once copied the log starts over instead of growing.
@Suite struct SQLiteCheckpointerTests {
    /// 1 MB committed in 100 transactions (about 250 pages, far below the writer's own checkpoint) reaches the
    /// database file; then another 1 MB reuses the log rather than doubling it.
    @Test func committedPagesReachTheDatabaseFileAndTheLogStartsOver() async throws {
        try await Self.withRunningDatabase { database, path in
            try await Self.insertMegabyte(into: database, from: 0)
            // Copied whole: the file holds the last page committed (a checkpoint copies a prefix of the log up
            // to a commit, and the last commit wrote the highest page); only then may the log start over.
            let committed = try await Self.committedSize(of: database)
            #expect(committed > 1_000_000)
            let copied = try await Self.waitUntil { try Self.size(of: path) >= committed }
            let size = try Self.size(of: path)
            #expect(copied, "the database file stayed at \(size) of \(committed) bytes")
            // The file reaches its size before the checkpoint has synced it and marked the log copied; the log
            // starts over only after that. Asked here until no checkpoint is running and none is left to do.
            let settled = try await Self.waitUntil {
                try await database.read { sql in
                    let row = try await sql.raw("PRAGMA wal_checkpoint(PASSIVE)").first()
                    let busy = try row?.decode(column: "busy", as: Int.self)
                    let log = try row?.decode(column: "log", as: Int.self)
                    let checkpointed = try row?.decode(column: "checkpointed", as: Int.self)
                    return busy == 0 && log == checkpointed
                }
            }
            #expect(settled)
            let log = try Self.size(of: path + "-wal")
            try await Self.insertMegabyte(into: database, from: 1000)
            #expect(try Self.size(of: path + "-wal") < log + 500_000)
            let rows = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM filler").first(decodingColumn: "n", as: Int.self)
            }
            #expect(rows == 2000)
        }
    }

    /// A few commits, far fewer than the checkpointer waits for under load, still reach the database file once
    /// the database has been quiet for a while: a small shop's log does not wait for the writer's backstop.
    @Test func aFewCommitsReachTheDatabaseFileOnceQuiet() async throws {
        try await Self.withRunningDatabase { database, path in
            let text = String(repeating: "x", count: 1000)
            try await database.transaction { sql in
                for n in 0..<500 {
                    try await sql.raw("INSERT INTO filler (n, text) VALUES (\(bind: n), \(bind: text))").run()
                }
            }
            let committed = try await Self.committedSize(of: database)
            let copied = try await Self.waitUntil { try Self.size(of: path) >= committed }
            let size = try Self.size(of: path)
            #expect(copied, "the database file stayed at \(size) of \(committed) bytes")
        }
    }

    /// A fresh SQLite database, running (so its checkpointer runs), with an empty table `filler`; `body` gets it
    /// and the database file's path.
    private static func withRunningDatabase(_ body: (LogixDatabase, String) async throws -> Void) async throws {
        let (location, cleanup) = try await TestDatabases.makeLocation(.sqlite)
        guard case .sqlite(let path) = location else { throw CheckpointTestFailure("not an SQLite location") }
        let database = try await LogixDatabase.open(location, logger: TestDatabases.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            defer { group.cancelAll() }
            try await database.transaction { sql in
                try await sql.raw("CREATE TABLE filler (n INTEGER PRIMARY KEY, text TEXT NOT NULL)").run()
            }
            try await body(database, path)
        }
        try await cleanup()
    }

    /// 1,000 rows of 1 KB, in 100 transactions: as many as the checkpointer waits for under load.
    private static func insertMegabyte(into database: LogixDatabase, from first: Int) async throws {
        let text = String(repeating: "x", count: 1000)
        for chunk in stride(from: first, to: first + 1000, by: 10) {
            try await database.transaction { sql in
                for n in chunk..<chunk + 10 {
                    try await sql.raw("INSERT INTO filler (n, text) VALUES (\(bind: n), \(bind: text))").run()
                }
            }
        }
    }

    /// The database's size with everything committed: what the file holds once the log is copied into it.
    private static func committedSize(of database: LogixDatabase) async throws -> Int {
        try await database.read { sql in
            let pages = try await sql.raw("PRAGMA page_count").first(decodingColumn: "page_count", as: Int.self)
            let size = try await sql.raw("PRAGMA page_size").first(decodingColumn: "page_size", as: Int.self)
            return (pages ?? 0) * (size ?? 0)
        }
    }

    private static func size(of path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Checks `condition` every 20 ms for up to a minute (a guard against a hang, not a speed target): the
    /// checkpointer runs on its own schedule, not on a signal the test could await.
    private static func waitUntil(_ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }
}

private struct CheckpointTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
