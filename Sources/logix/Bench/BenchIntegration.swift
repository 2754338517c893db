import Foundation
import Storage

/// The user and integration a benchmark imports or pushes for, in a freshly migrated database. Placeholder
/// credentials: the benchmarks hand their client to the engine directly.
enum BenchIntegration {
    static func create(in database: LogixDatabase, storeURL: String) async throws -> Int64 {
        try await Migrator(database: database).migrate()
        let user = try await SQLUserRepository(database: database).create(
            email: "bench@example.test", passwordHash: "-", at: Date())
        let integration = try await SQLIntegrationRepository(database: database).create(
            IntegrationRecord(
                userID: user.id, storeURL: storeURL, consumerKeySealed: "-", consumerKeyLast4: "-",
                consumerSecretSealed: "-", name: "bench", createdAt: Date()))
        return integration.id ?? 0
    }
}
