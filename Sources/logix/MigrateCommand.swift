import ArgumentParser
import Foundation
import Logging
import Storage

/// `logix migrate`: brings the database to this binary's schema (the server also does it on start).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations (SQLite file or PostgreSQL).")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        var logger = Logger(label: "logix.migrate")
        logger.logLevel = .warning
        let location = try database.location
        try await database.withMigratedDatabase(logger: logger) { database, applied in
            let version = try await Migrator(database: database).appliedVersions().max() ?? 0
            print(
                applied.isEmpty
                    ? "\(location): schema is current (version \(version))"
                    : "\(location): applied \(applied.map(String.init).joined(separator: ", ")); now at version \(version)"
            )
        }
    }
}
