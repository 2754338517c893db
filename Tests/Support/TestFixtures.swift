import Foundation
import SQLKit
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

    /// A new integration of `userID` written with the first schema's columns only, for a migration test that
    /// stops before the newest version (the records type writes every column of the newest). Returns its id.
    public static func integrationAtFirstSchema(
        userID: Int64, storeURL: String = "https://shop.example.test", name: String = "Shop",
        in database: LogixDatabase
    ) async throws -> Int64 {
        let id = try await database.transaction { sql in
            try await sql.insert(into: "integrations")
                .columns(
                    "user_id", "platform", "store_url", "consumer_key_encrypted", "consumer_key_last4",
                    "consumer_secret_encrypted", "integration_name", "auto_sync", "sync_interval_minutes", "status",
                    "status_mapping", "import_statuses", "created_at"
                )
                .values(
                    SQLBind(userID), SQLBind("woocommerce"), SQLBind(storeURL), SQLBind(""), SQLBind(""), SQLBind(""),
                    SQLBind(name), SQLBind(true), SQLBind(15), SQLBind("active"), SQLBind("{}"), SQLBind("[]"),
                    SQLBind(Int64(Date().timeIntervalSince1970))
                )
                .returning("id").first(decodingColumn: "id", as: Int64.self)
        }
        guard let id else { throw FixtureError() }
        return id
    }
}

/// A fixture the database would not write.
struct FixtureError: Error, CustomStringConvertible {
    var description: String { "inserting an integration returned no id" }
}
