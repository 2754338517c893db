import Foundation
import Logging
import Storage
import Sync

/// The long-lived services the controllers share, built once by ``buildApplication(configuration:logger:)``.
public struct ServerServices: Sendable {
    public let configuration: ServerConfiguration
    public let database: LogixDatabase
    public let vault: CredentialVault
    public let tokens: TokenIssuer
    public let passwords: PasswordHasher
    public let stores: StoreConnector
    public let syncJobs: SyncJobs
    /// Wakes the inbox applier when the receiver stored a delivery.
    public let webhookSignal: WebhookSignal
    /// Wakes the outbox sender when a request queued store updates.
    public let outboxSignal = OutboxSignal()
    /// Each store's circuit breaker, shared by everything in this process that calls stores in the background.
    public let breakers = StoreCircuitBreakers()
    public let publicURL: PublicURL
    public let metrics: ServerMetrics
    public let logger: Logger
    /// Group commits for the receiver.
    let inboxWriter: InboxWriter
    /// The receiver's cached look-up of webhook secrets.
    let webhookSecrets: WebhookSecrets

    public init(
        configuration: ServerConfiguration, database: LogixDatabase, vault: CredentialVault, tokens: TokenIssuer,
        passwords: PasswordHasher, stores: StoreConnector, syncJobs: SyncJobs, webhookSignal: WebhookSignal,
        publicURL: PublicURL, metrics: ServerMetrics, logger: Logger
    ) {
        self.configuration = configuration
        self.database = database
        self.vault = vault
        self.tokens = tokens
        self.passwords = passwords
        self.stores = stores
        self.syncJobs = syncJobs
        self.webhookSignal = webhookSignal
        self.publicURL = publicURL
        self.metrics = metrics
        self.logger = logger
        self.inboxWriter = InboxWriter(database: database)
        self.webhookSecrets = WebhookSecrets(database: database, vault: vault)
    }

    /// Store clients for integrations: the URL policy, the operator's CA file, credentials from the vault.
    var storeClients: IntegrationStoreClients {
        IntegrationStoreClients(
            connector: stores, credentials: IntegrationCredentials(vault: vault, database: database))
    }

    /// The applier of stored webhook deliveries, with this server's store clients.
    public var inboxApplier: WebhookInboxApplier {
        var options = WebhookInboxApplier.Options()
        options.orderDecoding = configuration.orderDecoding
        return WebhookInboxApplier(database: database, clients: storeClients, options: options, logger: logger)
    }

    /// The sender of queued store updates (status, notes, tracking, stock).
    public var outboxSender: OutboxSender {
        OutboxSender(
            database: database, clients: storeClients, breakers: breakers, signal: outboxSignal, logger: logger)
    }

    /// The background scheduler: incremental syncs, reconciliation and webhook health checks.
    public func scheduler(options: SyncScheduler.Options = .init()) -> SyncScheduler {
        let publicURL = self.publicURL
        let check = WebhookHealthCheck(
            database: database, clients: storeClients,
            credentials: IntegrationCredentials(vault: vault, database: database),
            deliveryURL: { id in Self.webhookDeliveryURL(base: publicURL.value, integrationID: id) })
        return SyncScheduler(
            database: database, clients: storeClients, webhookCheck: check, options: options, logger: logger)
    }

    /// Where the store delivers an integration's webhooks — one spelling, because registration, repair and
    /// removal recognise our webhooks by it.
    func webhookDeliveryURL(for integrationID: Int64) -> String {
        Self.webhookDeliveryURL(base: publicURL.value, integrationID: integrationID)
    }

    private static func webhookDeliveryURL(base: String, integrationID: Int64) -> String {
        "\(base)/api/v1/woocommerce/webhooks/receive?integration=\(integrationID)"
    }

    var integrations: SQLIntegrationRepository { SQLIntegrationRepository(database: database) }
    var users: SQLUserRepository { SQLUserRepository(database: database) }
}
