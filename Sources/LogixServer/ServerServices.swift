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

    /// The applier of stored webhook deliveries, with this server's store clients.
    public var inboxApplier: WebhookInboxApplier {
        WebhookInboxApplier(
            database: database,
            clients: IntegrationStoreClients(
                connector: stores, credentials: IntegrationCredentials(vault: vault, database: database)),
            logger: logger)
    }

    var integrations: SQLIntegrationRepository { SQLIntegrationRepository(database: database) }
    var users: SQLUserRepository { SQLUserRepository(database: database) }
}
