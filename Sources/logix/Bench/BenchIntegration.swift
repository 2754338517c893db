import Foundation
import Storage

/// The user and integration a benchmark imports or pushes for, in a freshly migrated database. Placeholder
/// credentials: the benchmarks hand their client to the engine directly.
enum BenchIntegration {
    static func create(in database: LogixDatabase, storeURL: String) async throws -> Int64 {
        try await Migrator(database: database).migrate()
        return try await database.transaction { sql in
            let user = try await UserRecords().create(
                email: "bench@example.test", passwordHash: "-", at: Date(), on: sql)
            return try await IntegrationRecords().insert(
                NewIntegration(
                    userID: user.id, platform: "woocommerce", storeURL: storeURL, name: "bench", createdAt: Date()),
                on: sql
            ).id
        }
    }
}
