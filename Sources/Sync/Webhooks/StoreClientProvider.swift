import Storage
import WooCommerce

/// Makes a client for an integration's store (the server's implementation checks the URL, trusts the
/// operator's CA file and opens the credentials from the vault). The caller shuts the client down.
public protocol StoreClientProvider: Sendable {
    func client(for integration: IntegrationRecord) throws -> WooCommerceClient
}
