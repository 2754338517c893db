import Foundation
import LogixCore
import Storage

/// The receiver's look-up of an integration and its webhook secret, cached for a moment: a busy store sends
/// hundreds of deliveries a second, and reading the integration and opening its secret for each one would
/// put a database read in front of every store write. Changing or deleting an integration through
/// ``Integrations`` in this process evicts it at once, so a deleted integration's secret is never used again
/// here; a change made by another process is seen within ``lifetime``. (Orders mapped with settings that
/// changed meanwhile are not applied with them: ``WebhookInboxWriter`` checks the settings in its commit.)
public actor WebhookSecrets {
    private struct Entry {
        /// `nil`: no such integration (of this platform).
        var integration: Integration?
        var loadedAt: Date
    }

    /// An integration as the receiver needs it: its record (the settings its orders map with) and its opened
    /// webhook secret, `nil` until it has one.
    struct Integration: Sendable {
        let record: IntegrationRecord
        let secret: Secret?
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

    /// The integration with its webhook secret; `nil` if it does not exist.
    func integration(_ integrationID: Int64) async throws -> Integration? {
        let now = clock.now()
        if let entry = entries[integrationID], abs(now.timeIntervalSince(entry.loadedAt)) < lifetime {
            return entry.integration
        }
        let record = try await database.read { sql in
            try await IntegrationRecords().find(id: integrationID, on: sql)
        }.flatMap { $0.platform == platform.rawValue ? $0 : nil }
        let secret = try record?.webhookSecretSealed.map {
            try vault.open(stored: $0, for: SecretContext(field: .webhookSecret, integrationID: integrationID))
        }
        if entries.count > 10_000 { entries.removeAll() }
        let integration = record.map { Integration(record: $0, secret: secret) }
        entries[integrationID] = Entry(integration: integration, loadedAt: now)
        return integration
    }

    /// Forgets the integration (deleted, its secret replaced, its settings changed): the next delivery reads it
    /// anew.
    public func evict(_ integrationID: Int64) {
        entries[integrationID] = nil
    }
}
