import Foundation
import LogixTestSupport
import SQLKit
import Storage
import Testing

/// SQLite's transactions run on the connection's own thread (`SQLiteThread`, issue 14): many tasks' transactions
/// still each commit whole and in turn, and once the database has closed a transaction fails at once rather than
/// waiting for a thread that is gone.
@Suite struct SQLiteThreadTests {
    /// 100 tasks each read a counter and write it back one higher in a transaction that also waits on something
    /// other than the database: every increment counts, so no two transactions interleaved.
    @Test func concurrentTransactionsEachCommitWholeAndInTurn() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await database.transaction { sql in
                try await sql.raw("CREATE TABLE counter (n INTEGER NOT NULL)").run()
                try await sql.raw("INSERT INTO counter (n) VALUES (0)").run()
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<100 {
                    group.addTask {
                        try await database.transaction { sql in
                            let n = try await sql.raw("SELECT n FROM counter").first(decodingColumn: "n", as: Int.self)
                            await Task.yield()
                            try await sql.raw("UPDATE counter SET n = \(bind: (n ?? 0) + 1)").run()
                        }
                    }
                }
                try await group.waitForAll()
            }
            let total = try await database.read { sql in
                try await sql.raw("SELECT n FROM counter").first(decodingColumn: "n", as: Int.self)
            }
            #expect(total == 100)
        }
    }

    /// A handle whose `run()` has ended (the server stopped): its thread is gone, and a transaction throws.
    @Test func aTransactionAfterTheDatabaseClosedFails() async throws {
        let (location, cleanup) = try await TestDatabases.makeLocation(.sqlite)
        let database = try await LogixDatabase.open(location, logger: TestDatabases.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            try await database.transaction { sql in try await sql.raw("CREATE TABLE t (n INTEGER)").run() }
            group.cancelAll()
            try await group.waitForAll()
        }
        await #expect(throws: (any Error).self) {
            try await database.transaction { sql in try await sql.raw("INSERT INTO t (n) VALUES (1)").run() }
        }
        try await cleanup()
    }
}
