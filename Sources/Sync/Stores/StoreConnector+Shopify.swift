import Shopify

extension StoreConnector {
    /// A Shopify client for the shop at `shopURL` (`https://{shop}.myshopify.com`, checked against the URL
    /// policy when the integration was made), with the integration's access token, sending through the shop's
    /// pacer and spending from the shop's one cost bucket; the caller shuts it down. Shopify integrations keep
    /// the access token where WooCommerce keeps the consumer key (``StoreCredentials/consumerKey``).
    ///
    /// - Parameters:
    ///   - apiVersion: the version the integration is pinned to; `nil` for the client's own.
    ///   - clientCredentials: the credentials are the app's client id and secret, and tokens are granted by the
    ///     client credentials grant (shared by every client of the app at the shop).
    public func makeShopifyClient(
        shopURL: String, credentials: StoreCredentials, pacing: StorePacing = StorePacing(), apiVersion: String? = nil,
        clientCredentials: Bool = false
    ) throws -> ShopifyClient {
        let tokens =
            clientCredentials
            ? shopifyTokens.tokens(
                shopURL: shopURL, clientID: credentials.consumerKey.revealed,
                clientSecret: credentials.consumerSecret.revealed) : nil
        return try ShopifyClient(
            configuration: ShopifyConfiguration(
                shopURL: shopURL, accessToken: clientCredentials ? "" : credentials.consumerKey.revealed,
                clientCredentials: tokens,
                apiVersion: apiVersion ?? ShopifyConfiguration.defaultAPIVersion,
                pacer: pacers.pacer(storeURL: shopURL, pacing: pacing),
                costBucket: shopifyBuckets.bucket(shopURL: shopURL), logger: logger))
    }
}
