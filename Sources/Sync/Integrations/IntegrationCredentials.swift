import Foundation
import SQLKit
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
/// the id exists only after the insert — so the row is inserted with placeholders and the sealed values
/// written in the same transaction: no reader ever sees a half-made integration.
public struct IntegrationCredentials: Sendable {
    let vault: CredentialVault
    let database: LogixDatabase

    public init(vault: CredentialVault, database: LogixDatabase) {
        self.vault = vault
        self.database = database
    }

    /// Stores a new integration for `draft.userID` with `credentials` sealed. `draft`'s sealed fields are ignored.
    public func create(_ draft: IntegrationRecord, credentials: StoreCredentials) async throws -> IntegrationRecord {
        var placeholder = draft
        placeholder.id = nil
        placeholder.consumerKeySealed = "pending"
        placeholder.consumerSecretSealed = "pending"
        placeholder.webhookSecretSealed = nil
        placeholder.consumerKeyLast4 = credentials.consumerKey.lastFour
        let row = placeholder
        let vault = self.vault
        return try await database.transaction { sql in
            var record = try await SQLIntegrationRepository.insert(row, on: sql)
            let id = record.id!
            let sealed = try Self.seal(credentials, integrationID: id, vault: vault)
            try await SQLIntegrationRepository.storeSealedCredentials(
                integrationID: id, consumerKey: sealed.key, consumerSecret: sealed.secret,
                webhookSecret: sealed.webhook, on: sql)
            record.consumerKeySealed = sealed.key
            record.consumerSecretSealed = sealed.secret
            record.webhookSecretSealed = sealed.webhook
            return record
        }
    }

    /// Seals `credentials` for a stored integration and writes them, returning the record with its new sealed
    /// columns (key rotation by the user, e.g. after revoking a key in WooCommerce).
    public func replace(_ record: IntegrationRecord, with credentials: StoreCredentials) async throws
        -> IntegrationRecord
    {
        guard let id = record.id else {
            throw VaultError(.malformedSecret, "an integration without an id has no credentials")
        }
        let sealed = try Self.seal(credentials, integrationID: id, vault: vault)
        try await database.transaction { sql in
            try await SQLIntegrationRepository.storeSealedCredentials(
                integrationID: id, consumerKey: sealed.key, consumerSecret: sealed.secret,
                webhookSecret: sealed.webhook, on: sql)
            try await sql.update("integrations")
                .set("consumer_key_last4", to: SQLBind(credentials.consumerKey.lastFour))
                .where("id", .equal, id).run()
        }
        var updated = record
        updated.consumerKeySealed = sealed.key
        updated.consumerSecretSealed = sealed.secret
        updated.webhookSecretSealed = sealed.webhook
        updated.consumerKeyLast4 = credentials.consumerKey.lastFour
        return updated
    }

    /// Opens the credentials of a stored integration.
    public func credentials(of record: IntegrationRecord) throws -> StoreCredentials {
        guard let id = record.id else {
            throw VaultError(.malformedSecret, "an integration without an id has no credentials")
        }
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
        let ids = try await SQLIntegrationRepository(database: database).all().compactMap(\.id)
        var rewritten = 0
        for id in ids {
            rewritten += try await database.transaction { sql in
                guard let record = try await SQLIntegrationRepository.find(id: id, on: sql) else { return 0 }
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
                try await SQLIntegrationRepository.storeSealedCredentials(
                    integrationID: id, consumerKey: key ?? record.consumerKeySealed,
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
