import Foundation
import Storage

/// A store's API credentials in the clear — only ever in memory, never printed (``Secret`` redacts itself).
public struct StoreCredentials: Sendable, Equatable {
    public var consumerKey: Secret
    public var consumerSecret: Secret
    /// The secret the store signs webhook deliveries with, once webhooks are registered.
    public var webhookSecret: Secret?

    public init(consumerKey: Secret, consumerSecret: Secret, webhookSecret: Secret? = nil) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.webhookSecret = webhookSecret
    }
}

/// Creates integrations with their credentials sealed by the ``CredentialVault``, and opens them again.
///
/// The sealed form is bound to the integration's id (a ciphertext copied to another row does not open), and
/// the id exists only after the insert — so the row is inserted with empty credential columns and the sealed
/// values written in the same transaction: no reader ever sees a half-made integration.
public struct IntegrationCredentials: Sendable {
    let vault: CredentialVault
    let database: LogixDatabase

    public init(vault: CredentialVault, database: LogixDatabase) {
        self.vault = vault
        self.database = database
    }

    /// Stores a new integration with `credentials` sealed, in one transaction.
    public func create(_ new: NewIntegration, credentials: StoreCredentials) async throws -> IntegrationRecord {
        try await database.transaction { sql in try await create(new, credentials: credentials, on: sql) }
    }

    /// Stores a new integration with `credentials` sealed, inside the caller's transaction.
    public func create(
        _ new: NewIntegration, credentials: StoreCredentials, on sql: DatabaseSession
    ) async throws -> IntegrationRecord {
        let record = try await IntegrationRecords().insert(new, on: sql)
        return try await store(credentials, for: record, on: sql)
    }

    /// Seals `credentials` for a stored integration and writes them, returning the record with its new sealed
    /// columns (key rotation by the user, e.g. after revoking a key in WooCommerce).
    public func replace(_ record: IntegrationRecord, with credentials: StoreCredentials) async throws
        -> IntegrationRecord
    {
        try await database.transaction { sql in try await store(credentials, for: record, on: sql) }
    }

    private func store(
        _ credentials: StoreCredentials, for record: IntegrationRecord, on sql: DatabaseSession
    ) async throws -> IntegrationRecord {
        let sealed = try Self.seal(credentials, integrationID: record.id, vault: vault)
        let lastFour = credentials.consumerKey.lastFour
        try await IntegrationRecords().storeSealedCredentials(
            integrationID: record.id, consumerKey: sealed.key, consumerKeyLast4: lastFour,
            consumerSecret: sealed.secret, webhookSecret: sealed.webhook, on: sql)
        var updated = record
        updated.consumerKeySealed = sealed.key
        updated.consumerSecretSealed = sealed.secret
        updated.webhookSecretSealed = sealed.webhook
        updated.consumerKeyLast4 = lastFour
        return updated
    }

    /// The master keys stored credentials are sealed under that the vault does not hold: a database restored
    /// without its key file, or a server started with another data folder. `logix serve` refuses to start on
    /// any, rather than answer every store call and webhook with a 500 (ARCHITECTURE.md, "Secrets stay secret").
    public func keysMissingFromVault() async throws -> [KeyID] {
        let records = try await database.read { sql in try await IntegrationRecords().all(on: sql) }
        let ring = vault.keyRing
        var missing = Set<KeyID>()
        for record in records {
            let stored =
                [record.consumerKeySealed, record.consumerSecretSealed]
                + [record.webhookSecretSealed]
                .compactMap { $0 }
            // A value that does not parse is not under any key; opening it reports it where it is used.
            for sealed in stored.compactMap({ try? SealedSecret(parsing: $0) }) where ring.key(for: sealed.keyID) == nil
            {
                missing.insert(sealed.keyID)
            }
        }
        return missing.sorted { $0.rawValue < $1.rawValue }
    }

    /// Opens the credentials of a stored integration.
    public func credentials(of record: IntegrationRecord) throws -> StoreCredentials {
        let id = record.id
        return StoreCredentials(
            consumerKey: try vault.open(
                stored: record.consumerKeySealed, for: SecretContext(field: .consumerKey, integrationID: id)),
            consumerSecret: try vault.open(
                stored: record.consumerSecretSealed, for: SecretContext(field: .consumerSecret, integrationID: id)),
            webhookSecret: try record.webhookSecretSealed.map {
                try vault.open(stored: $0, for: SecretContext(field: .webhookSecret, integrationID: id))
            })
    }

    /// Step 2 of a key rotation for the whole database: every integration's sealed values not under the
    /// vault's current key are sealed again under it. Each integration is read and rewritten in its own
    /// transaction, so a key change made meanwhile is never overwritten and normal traffic goes on.
    ///
    /// - Returns: how many sealed values were rewritten.
    @discardableResult
    public func resealAll(using vault: CredentialVault? = nil) async throws -> Int {
        let vault = vault ?? self.vault
        let ids = try await database.read { sql in try await IntegrationRecords().all(on: sql).map(\.id) }
        var rewritten = 0
        for id in ids {
            rewritten += try await database.transaction { sql in
                guard let record = try await IntegrationRecords().find(id: id, on: sql) else { return 0 }
                func reseal(_ stored: String, _ field: SecretField) throws -> String? {
                    let sealed = try SealedSecret(parsing: stored)
                    return try vault.resealIfNeeded(sealed, for: SecretContext(field: field, integrationID: id))?
                        .rawValue
                }
                let key = try reseal(record.consumerKeySealed, .consumerKey)
                let secret = try reseal(record.consumerSecretSealed, .consumerSecret)
                let webhook = try record.webhookSecretSealed.flatMap { try reseal($0, .webhookSecret) }
                let changed = [key, secret, webhook].compactMap { $0 }.count
                guard changed > 0 else { return 0 }
                try await IntegrationRecords().storeSealedCredentials(
                    integrationID: id, consumerKey: key ?? record.consumerKeySealed,
                    consumerKeyLast4: record.consumerKeyLast4,
                    consumerSecret: secret ?? record.consumerSecretSealed,
                    webhookSecret: webhook ?? record.webhookSecretSealed, on: sql)
                return changed
            }
        }
        return rewritten
    }

    private static func seal(
        _ credentials: StoreCredentials, integrationID id: Int64, vault: CredentialVault
    ) throws -> (key: String, secret: String, webhook: String?) {
        (
            try vault.seal(credentials.consumerKey, for: SecretContext(field: .consumerKey, integrationID: id))
                .rawValue,
            try vault.seal(credentials.consumerSecret, for: SecretContext(field: .consumerSecret, integrationID: id))
                .rawValue,
            try credentials.webhookSecret.map {
                try vault.seal($0, for: SecretContext(field: .webhookSecret, integrationID: id)).rawValue
            }
        )
    }
}
