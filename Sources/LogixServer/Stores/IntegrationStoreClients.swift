import Storage
import Sync
import WooCommerce

/// The channels of stored integrations, by their platform: credentials opened from the vault, the store
/// reached through the ``StoreConnector`` (its URL policy, CA file and timeouts).
struct IntegrationStoreClients: SalesChannelProvider {
    let connector: StoreConnector
    let credentials: IntegrationCredentials

    func client(for integration: IntegrationRecord) throws -> WooCommerceClient {
        try connector.makeClient(
            storeURL: integration.storeURL, credentials: try credentials.credentials(of: integration))
    }

    func channel(for integration: IntegrationRecord) throws -> any SalesChannel {
        try PlatformChannelProvider { try client(for: $0) }.channel(for: integration)
    }
}
