import Storage
import WooCommerce

extension CatalogPuller {
    /// A puller reading through a ``WooCommerceChannel`` around `client`, which the caller keeps and shuts down.
    public init(client: WooCommerceClient, database: LogixDatabase) {
        // The channel's own integration id is not used: ``pull(integrationID:at:)`` names the map it fills.
        self.init(channel: WooCommerceChannel(client: client, integrationID: 0), database: database)
    }
}
