import Foundation
import Storage

/// Rows the tests need before they can test anything: a user, an integration of theirs. Written through
/// Storage's records, as the use cases write them.
public enum TestFixtures {
    /// A new user with a placeholder password hash.
    public static func user(
        _ email: String = "owner@example.test", passwordHash: String = "-", in database: LogixDatabase
    ) async throws -> StoredUser {
        try await database.transaction { sql in
            try await UserRecords().create(email: email, passwordHash: passwordHash, at: Date(), on: sql)
        }
    }

    /// A new integration stored as it is given (sealed credentials left empty: tests that need real ones go
    /// through the vault's `IntegrationCredentials`).
    public static func integration(_ new: NewIntegration, in database: LogixDatabase) async throws -> IntegrationRecord
    {
        try await database.transaction { sql in try await IntegrationRecords().insert(new, on: sql) }
    }

    /// A new integration of `userID` for the store at `storeURL`.
    public static func integration(
        userID: Int64, storeURL: String = "https://shop.example.test", name: String = "Shop",
        in database: LogixDatabase
    ) async throws -> IntegrationRecord {
        try await integration(
            NewIntegration(userID: userID, platform: "woocommerce", storeURL: storeURL, name: name, createdAt: Date()),
            in: database)
    }
}
