import LogixCore
import Shopify
import Storage
import WooCommerce

/// The ``SalesChannelProvider`` that picks the implementation by `integrations.platform`, with one factory
/// per platform for its client (the server's makes them through its URL policy, CA file and vault; tests
/// point them at the simulators).
public struct PlatformChannelProvider: SalesChannelProvider {
    /// Makes a WooCommerce client for an integration; the channel owns it.
    public var wooCommerce: @Sendable (IntegrationRecord) throws -> WooCommerceClient
    /// Makes a Shopify client for an integration; the channel owns it. `nil` where Shopify is not wired up:
    /// its integrations are then an unsupported platform.
    public var shopify: (@Sendable (IntegrationRecord) throws -> ShopifyClient)?

    public init(
        wooCommerce: @escaping @Sendable (IntegrationRecord) throws -> WooCommerceClient,
        shopify: (@Sendable (IntegrationRecord) throws -> ShopifyClient)? = nil
    ) {
        self.wooCommerce = wooCommerce
        self.shopify = shopify
    }

    public func channel(for integration: IntegrationRecord) throws -> any SalesChannel {
        switch ChannelPlatform(rawValue: integration.platform) {
        case .wooCommerce:
            return try WooCommerceChannel(integration: integration) { try wooCommerce(integration) }
        case .shopify:
            if let shopify { return try ShopifyChannel(integration: integration) { try shopify(integration) } }
            fallthrough
        default:
            throw SyncError(
                .unsupportedPlatform, integrationID: integration.id,
                "no sales channel for platform \"\(integration.platform)\"")
        }
    }
}
