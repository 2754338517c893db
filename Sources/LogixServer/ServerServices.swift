import Foundation
import Logging
import LogixCore
import Storage
import Sync

/// The long-lived parts of a server, built once by ``ServerServices/open(configuration:logger:)``, and the use
/// cases built from them: controllers only decode a request, call one use case and encode its answer.
public struct ServerServices: Sendable {
    public let configuration: ServerConfiguration
    public let database: LogixDatabase
    public let vault: CredentialVault
    public let tokens: TokenIssuer
    public let passwords: PasswordHasher
    public let stores: StoreConnector
    /// The one clock of the server: every use case and background service reads and waits on it.
    public let clock: any LogixClock
    public let syncJobs: SyncJobs
    /// Wakes the inbox applier when the receiver stored a delivery.
    public let webhookSignal: WebhookSignal
    /// Wakes the outbox sender when a request queued store updates.
    public let outboxSignal = OutboxSignal()
    /// Told by the outbox sender when it settled items, for requests that wait for a store update.
    public let outboxSettlements = OutboxSettlements()
    /// Each store's circuit breaker, shared by everything in this process that calls stores in the background.
    public let breakers = StoreCircuitBreakers()
    public let publicURL: PublicURL
    public let metrics: ServerMetrics
    public let logger: Logger
    /// Group commits for the receiver.
    public let inboxWriter: WebhookInboxWriter
    /// Whether a token's user may still use it, cached briefly; evicted by every change through ``users``.
    public let userAccess: UserAccess
    /// The receiver's cache of webhook secrets, evicted when an integration is deleted.
    let webhookSecrets: WebhookSecrets
    /// The Shopify receiver's cache of its integrations' webhook secrets.
    let shopifyWebhookSecrets: WebhookSecrets
    /// The WooCommerce receiver's use case (it keeps a short cache of webhook secrets, so there is one per
    /// server).
    public let webhookInbox: WebhookInbox
    /// The Shopify receiver's use case: Shopify's headers and signature, secrets of Shopify integrations only;
    /// the same writer, so both platforms' deliveries share the group commits.
    public let shopifyWebhookInbox: WebhookInbox

    public init(
        configuration: ServerConfiguration, database: LogixDatabase, vault: CredentialVault, tokens: TokenIssuer,
        passwords: PasswordHasher, stores: StoreConnector, clock: any LogixClock = SystemClock(), syncJobs: SyncJobs,
        webhookSignal: WebhookSignal, publicURL: PublicURL, metrics: ServerMetrics, logger: Logger
    ) {
        self.configuration = configuration
        self.database = database
        self.vault = vault
        self.tokens = tokens
        self.passwords = passwords
        self.stores = stores
        self.clock = clock
        self.syncJobs = syncJobs
        self.webhookSignal = webhookSignal
        self.publicURL = publicURL
        self.metrics = metrics
        self.logger = logger
        self.inboxWriter = WebhookInboxWriter(
            database: database, outboxSignal: outboxSignal, clock: clock, logger: logger)
        self.userAccess = UserAccess(database: database, clock: clock)
        let format = WooCommerceWebhookFormat()
        self.webhookSecrets = WebhookSecrets(database: database, vault: vault, platform: format.platform, clock: clock)
        self.webhookInbox = WebhookInbox(
            format: format, database: database, vault: vault, writer: inboxWriter, signal: webhookSignal,
            clock: clock, secrets: webhookSecrets)
        self.shopifyWebhookSecrets = WebhookSecrets(
            database: database, vault: vault, platform: .shopify, clock: clock)
        self.shopifyWebhookInbox = WebhookInbox(
            format: ShopifyWebhookFormat(), database: database, vault: vault, writer: inboxWriter,
            signal: webhookSignal, clock: clock, secrets: shopifyWebhookSecrets)
    }

    // MARK: - Use cases

    public var integrations: Integrations {
        Integrations(
            database: database, vault: vault, stores: stores, channels: storeClients, jobs: syncJobs, clock: clock,
            deliveryURL: deliveryURLs, logger: logger,
            webhookSecrets: [webhookSecrets, shopifyWebhookSecrets])
    }

    public var orderSyncs: OrderSyncs {
        OrderSyncs(database: database, channels: storeClients, jobs: syncJobs, clock: clock, logger: logger)
    }

    public var productSync: ProductSync {
        ProductSync(database: database, channels: storeClients, signal: outboxSignal, clock: clock)
    }

    public var orders: Orders { Orders(database: database) }
    /// The figures behind the console's charts.
    public var orderStatistics: OrderStatistics { OrderStatistics(database: database, clock: clock) }

    public var fulfillments: Fulfillments { Fulfillments(database: database, signal: outboxSignal, clock: clock) }

    public var inventory: Inventory { Inventory(database: database, signal: outboxSignal, clock: clock) }

    public var storeUpdates: StoreUpdates {
        StoreUpdates(database: database, signal: outboxSignal, settlements: outboxSettlements, clock: clock)
    }

    public var webhookRegistration: WebhookRegistration {
        WebhookRegistration(
            database: database, vault: vault, channels: storeClients, clock: clock, deliveryURL: deliveryURLs,
            syncs: orderSyncs)
    }

    public var users: Users { Users(database: database, clock: clock, access: userAccess) }

    /// The dashboard's sign-in sessions.
    public var dashboardSessions: DashboardSessions { DashboardSessions(database: database, clock: clock) }

    public var systemStatus: SystemStatus { SystemStatus(database: database) }

    var signIn: SignIn { SignIn(users: users, passwords: passwords, tokens: tokens, clock: clock) }

    // MARK: - Background work

    /// Store clients for integrations: the URL policy, the operator's CA file, credentials from the vault.
    var storeClients: IntegrationStoreClients {
        IntegrationStoreClients(
            connector: stores, credentials: IntegrationCredentials(vault: vault, database: database))
    }

    /// The applier of stored webhook deliveries, with this server's store clients.
    public var inboxApplier: WebhookInboxApplier {
        WebhookInboxApplier(
            database: database, clients: storeClients, outboxSignal: outboxSignal, clock: clock, logger: logger)
    }

    /// The sender of queued store updates (status, notes, tracking, stock).
    public var outboxSender: OutboxSender {
        OutboxSender(
            database: database, clients: storeClients, breakers: breakers, signal: outboxSignal,
            settlements: outboxSettlements, clock: clock, logger: logger)
    }

    /// The background scheduler: incremental syncs, reconciliation and webhook health checks.
    public func scheduler(options: SyncScheduler.Options = .init()) -> SyncScheduler {
        SyncScheduler(
            database: database, clients: storeClients, webhookCheck: webhookHealthCheck, breakers: breakers,
            options: options, clock: clock, logger: logger)
    }

    /// The check the scheduler runs on each integration's webhooks: repair, then backfill the gap.
    var webhookHealthCheck: WebhookHealthCheck {
        WebhookHealthCheck(
            database: database, clients: storeClients,
            credentials: IntegrationCredentials(vault: vault, database: database), deliveryURL: deliveryURLs,
            clock: clock)
    }

    private var deliveryURLs: WebhookDeliveryURL {
        let publicURL = self.publicURL
        return { id, platform in Self.webhookDeliveryURL(base: publicURL.value, integrationID: id, platform: platform) }
    }

    /// Where the store delivers an integration's webhooks: the receiver of its platform
    /// (`WebhookReceiverController`) — one spelling, because registration, repair and removal recognise our
    /// webhooks by it.
    private static func webhookDeliveryURL(base: String, integrationID: Int64, platform: ChannelPlatform) -> String {
        "\(base)/api/v1/\(platform.rawValue)/webhooks/receive?integration=\(integrationID)"
    }
}
