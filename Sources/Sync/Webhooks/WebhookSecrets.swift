import Foundation
import LogixCore
import Storage

/// The receiver's look-up of an integration's webhook secret, cached for a moment: a busy store sends
/// hundreds of deliveries a second, and reading the integration and opening its secret for each one would
/// put a database read in front of every store write. Deleting an integration through ``Integrations`` in this
/// process evicts it at once, so a deleted integration's secret is never used again here; a change made by
/// another process is seen within ``lifetime``.
public actor WebhookSecrets {
    private struct Entry {
        var secret: Secret?
        var exists: Bool
        var loadedAt: Date
    }

    private let database: LogixDatabase
    private let vault: CredentialVault
    private let platform: ChannelPlatform
    private let clock: any LogixClock
    private let lifetime: TimeInterval
    private var entries: [Int64: Entry] = [:]

    /// - Parameter platform: the receiver's platform: an integration of another one is not found here.
    public init(
        database: LogixDatabase, vault: CredentialVault, platform: ChannelPlatform, clock: any LogixClock,
        lifetime: TimeInterval = 2
    ) {
        self.database = database
        self.vault = vault
        self.platform = platform
        self.clock = clock
        self.lifetime = lifetime
    }

    /// The integration's webhook secret: `.none` if the integration does not exist, `.some(nil)` if it has no
    /// webhook secret yet.
    func secret(for integrationID: Int64) async throws -> Secret?? {
        let now = clock.now()
        if let entry = entries[integrationID], abs(now.timeIntervalSince(entry.loadedAt)) < lifetime {
            return entry.exists ? .some(entry.secret) : .none
        }
        let record = try await database.read { sql in
            try await IntegrationRecords().find(id: integrationID, on: sql)
        }.flatMap { $0.platform == platform.rawValue ? $0 : nil }
        let secret = try record?.webhookSecretSealed.map {
            try vault.open(stored: $0, for: SecretContext(field: .webhookSecret, integrationID: integrationID))
        }
        if entries.count > 10_000 { entries.removeAll() }
        entries[integrationID] = Entry(secret: secret, exists: record != nil, loadedAt: now)
        return record == nil ? .none : .some(secret)
    }

    /// Forgets the integration's secret (deleted, or its secret replaced): the next delivery reads it anew.
    public func evict(_ integrationID: Int64) {
        entries[integrationID] = nil
    }
}
