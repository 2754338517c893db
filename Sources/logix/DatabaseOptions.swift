import ArgumentParser
import Foundation
import Logging
import Storage

/// Where the database is, as every command that opens it takes it: `--database-url`, else
/// `$LOGIX_DATABASE_URL`, else `./logix.sqlite`.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: "A postgres:// URL or an SQLite file path (default: $LOGIX_DATABASE_URL, else ./logix.sqlite).")
    var databaseURL: String?

    var location: DatabaseLocation {
        get throws {
            let text = databaseURL ?? ProcessInfo.processInfo.environment["LOGIX_DATABASE_URL"]
            return try text.map { try DatabaseLocation(parsing: $0) } ?? .default
        }
    }

    /// Opens the database, brings its schema up to date, runs `body`, and closes it whatever happens.
    func withMigratedDatabase<T>(
        logger: Logger, _ body: (LogixDatabase, _ applied: [Int]) async throws -> T
    ) async throws -> T {
        try await LogixDatabase.withOpen(try location, logger: logger) { database in
            let applied = try await Migrator(database: database).migrate()
            return try await body(database, applied)
        }
    }
}
