import Foundation
import LogixCore
import Storage

/// The use case of registering (or repairing) an integration's webhooks at the store: one secret per
/// integration, made the first time and kept sealed; our webhooks recognised by their delivery URL, so a second
/// registration repairs instead of duplicating.
public struct WebhookRegistration: Sendable {
    let database: LogixDatabase
    let vault: CredentialVault
    let channels: any SalesChannelProvider
    let clock: any LogixClock
    /// Where the store delivers an integration's webhooks.
    let deliveryURL: @Sendable (Int64) -> String

    public init(
        database: LogixDatabase, vault: CredentialVault, channels: any SalesChannelProvider, clock: any LogixClock,
        deliveryURL: @escaping @Sendable (Int64) -> String
    ) {
        self.database = database
        self.vault = vault
        self.channels = channels
        self.clock = clock
        self.deliveryURL = deliveryURL
    }

    /// What a registration did: where the store now delivers, and each webhook with what was done to it.
    public struct Registered: Sendable {
        public var deliveryURL: String
        public var webhooks: [RegisteredWebhook]
    }

    /// Registers `topics` (the default set when `nil`) for the user's integration.
    public func register(userID: Int64, integrationID: Int64, topics: [String]?) async throws -> Registered {
        let found = try await Integrations.find(id: integrationID, userID: userID, in: database)
        let topics = topics ?? WebhookRegistrar.defaultTopics
        if let bad = topics.first(where: { !WebhookRegistrar.allowedTopics.contains($0) }) {
            throw SyncError.invalid(["topics": "unknown topic \(bad)"])
        }
        let registrar = WebhookRegistrar(credentials: IntegrationCredentials(vault: vault, database: database))
        let (record, credentials) = try await registrar.credentialsWithWebhookSecret(found)
        guard let secret = credentials.webhookSecret else { throw SyncError.notFound("integration") }
        let url = deliveryURL(integrationID)
        let now = clock.now()
        let channel = try channels.channel(for: record)
        let webhooks: [RegisteredWebhook]
        do {
            webhooks = try await registrar.register(
                record, topics: topics, deliveryURL: url, secret: secret, channel: channel, at: now)
            try? await channel.shutdown()
        } catch {
            try? await channel.shutdown()
            throw error
        }
        return Registered(deliveryURL: url, webhooks: webhooks)
    }
}
