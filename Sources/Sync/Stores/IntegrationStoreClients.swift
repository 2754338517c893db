import Shopify
import Storage
import WooCommerce

/// The channels of stored integrations, by their platform: credentials opened from the vault, the store
/// reached through the ``StoreConnector`` (its URL policy, CA file and timeouts).
public struct IntegrationStoreClients: SalesChannelProvider {
    let connector: StoreConnector
    let credentials: IntegrationCredentials

    public init(connector: StoreConnector, credentials: IntegrationCredentials) {
        self.connector = connector
        self.credentials = credentials
    }

    /// A WooCommerce client for the integration's store; the caller shuts it down.
    public func client(for integration: IntegrationRecord) throws -> WooCommerceClient {
        try connector.makeClient(
            storeURL: integration.storeURL, credentials: try credentials.credentials(of: integration),
            pacing: StorePacing(integration))
    }

    /// A Shopify client for the integration's shop; the caller shuts it down.
    public func shopifyClient(for integration: IntegrationRecord) throws -> ShopifyClient {
        let settings = ChannelSettings(integration)
        return try connector.makeShopifyClient(
            shopURL: integration.storeURL, credentials: try credentials.credentials(of: integration),
            pacing: StorePacing(integration), apiVersion: settings.apiVersion,
            clientCredentials: settings.usesClientCredentials)
    }

    public func channel(for integration: IntegrationRecord) throws -> any SalesChannel {
        try PlatformChannelProvider(
            wooCommerce: { try client(for: $0) }, shopify: { try shopifyClient(for: $0) }
        ).channel(for: integration)
    }
}
