import Shopify

extension StoreConnector {
    /// A Shopify client for the shop at `shopURL` (`https://{shop}.myshopify.com`, checked against the URL
    /// policy when the integration was made), with the integration's access token, sending through the shop's
    /// pacer and spending from the shop's one cost bucket; the caller shuts it down. Shopify integrations keep
    /// the access token where WooCommerce keeps the consumer key (``StoreCredentials/consumerKey``).
    ///
    /// - Parameter apiVersion: the version the integration is pinned to; `nil` for the client's own.
    public func makeShopifyClient(
        shopURL: String, credentials: StoreCredentials, pacing: StorePacing = StorePacing(), apiVersion: String? = nil
    ) throws -> ShopifyClient {
        try ShopifyClient(
            configuration: ShopifyConfiguration(
                shopURL: shopURL, accessToken: credentials.consumerKey.revealed,
                apiVersion: apiVersion ?? ShopifyConfiguration.defaultAPIVersion,
                pacer: pacers.pacer(storeURL: shopURL, pacing: pacing),
                costBucket: shopifyBuckets.bucket(shopURL: shopURL), logger: logger))
    }
}
