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
    let deliveryURL: WebhookDeliveryURL
    /// Starts the backfill after a repair.
    let syncs: OrderSyncs

    public init(
        database: LogixDatabase, vault: CredentialVault, channels: any SalesChannelProvider, clock: any LogixClock,
        deliveryURL: @escaping WebhookDeliveryURL, syncs: OrderSyncs
    ) {
        self.database = database
        self.vault = vault
        self.channels = channels
        self.clock = clock
        self.deliveryURL = deliveryURL
        self.syncs = syncs
    }

    /// What a registration did: where the store now delivers, each webhook with what was done to it, and the
    /// backfill a repair started.
    public struct Registered: Sendable {
        public var deliveryURL: String
        public var webhooks: [RegisteredWebhook]
        /// The incremental sync started because something was repaired, reading the orders whose deliveries
        /// the store dropped meanwhile.
        public var backfill: SyncJobs.Job?
        /// Something was repaired while another order sync was running: that run covers the gap instead.
        public var backfillDeferred: Bool = false
    }

    /// Registers `topics` (the default set when `nil`) for the user's integration.
    public func register(userID: Int64, integrationID: Int64, topics: [String]?) async throws -> Registered {
        let found = try await Integrations.find(id: integrationID, userID: userID, in: database)
        // The channel says which topics its platform has (WooCommerce's `order.created`, Shopify's
        // `orders/create`, …) and which it registers when the caller names none.
        let channel = try channels.channel(for: found)
        let webhooks: [RegisteredWebhook]
        var record = found
        let url = deliveryURL(integrationID, channel.platform)
        let now = clock.now()
        do {
            let topics = topics ?? channel.webhookTopics
            if let bad = topics.first(where: { !channel.webhookTopics.contains($0) }) {
                throw SyncError.invalid(["topics": "unknown topic \(bad)"])
            }
            let registrar = WebhookRegistrar(credentials: IntegrationCredentials(vault: vault, database: database))
            let credentials: StoreCredentials
            (record, credentials) = try await registrar.credentialsWithWebhookSecret(found)
            guard let secret = credentials.webhookSecret else { throw SyncError.notFound("integration") }
            webhooks = try await registrar.register(
                record, topics: topics, deliveryURL: url, secret: secret, channel: channel, at: now)
            try? await channel.shutdown()
        } catch {
            try? await channel.shutdown()
            throw error
        }
        var registered = Registered(deliveryURL: url, webhooks: webhooks)
        // What the store now has is what a health check would find: recorded, so health shows it at once
        // rather than at the next scheduled check.
        let health = WebhookHealth(
            topics: webhooks.map {
                WebhookHealth.Topic(topic: $0.topic, status: $0.found, action: $0.action, webhookID: $0.id)
            }, checkedAt: now)
        try await database.transaction { sql in
            try await IntegrationHealthRecords().recordWebhooks(integrationID: integrationID, health, on: sql)
        }
        // A repair, like the scheduled check's, backfills from the last good point: the deliveries the store
        // dropped while a webhook was down are found by an incremental sync from the cursor (ARCHITECTURE.md,
        // "Nothing lost"). An integration never synced has no gap: its first sync reads everything.
        guard webhooks.contains(where: { $0.action != .kept }), record.ordersCursor != nil else { return registered }
        do {
            registered.backfill = try await syncs.start(
                userID: userID, integrationID: integrationID, mode: .incremental, statuses: nil, after: nil,
                before: nil)
        } catch let error as SyncError where error.kind == .alreadyRunning {
            registered.backfillDeferred = true
        }
        return registered
    }
}
