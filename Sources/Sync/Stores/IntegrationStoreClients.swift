import Storage
import WooCommerce

/// Clients for stored integrations: credentials opened from the vault, the store reached through the
/// ``StoreConnector`` (its CA file and timeouts).
public struct IntegrationStoreClients: StoreClientProvider {
    let connector: StoreConnector
    let credentials: IntegrationCredentials

    public init(connector: StoreConnector, credentials: IntegrationCredentials) {
        self.connector = connector
        self.credentials = credentials
    }

    public func client(for integration: IntegrationRecord) throws -> WooCommerceClient {
        try connector.makeClient(
            storeURL: integration.storeURL, credentials: try credentials.credentials(of: integration))
    }
}
