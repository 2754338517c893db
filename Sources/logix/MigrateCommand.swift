import ArgumentParser
import Foundation
import Logging
import Storage

/// `logix migrate`: brings the database to this binary's schema (the server also does it on start).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations (SQLite file or PostgreSQL).")

    @Option(
        name: .customLong("database-url"),
        help: "A postgres:// URL or an SQLite file path (default: $LOGIX_DATABASE_URL, else ./logix.sqlite).")
    var databaseURL: String?

    func run() async throws {
        let text = databaseURL ?? ProcessInfo.processInfo.environment["LOGIX_DATABASE_URL"]
        let location = try text.map { try DatabaseLocation(parsing: $0) } ?? .default
        var logger = Logger(label: "logix.migrate")
        logger.logLevel = .warning
        let database = try await LogixDatabase.open(location, logger: logger)
        do {
            let migrator = Migrator(database: database)
            let applied = try await migrator.migrate()
            let versions = try await migrator.appliedVersions()
            print(
                applied.isEmpty
                    ? "\(location): schema is current (version \(versions.max() ?? 0))"
                    : "\(location): applied \(applied.map(String.init).joined(separator: ", ")); now at version \(versions.max() ?? 0)"
            )
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}
