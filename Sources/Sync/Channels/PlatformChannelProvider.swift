import LogixCore
import Storage
import WooCommerce

/// The ``SalesChannelProvider`` that picks the implementation by `integrations.platform`, with one factory
/// per platform for its client (the server's makes them through its URL policy, CA file and vault; tests
/// point them at the simulators).
public struct PlatformChannelProvider: SalesChannelProvider {
    /// Makes a WooCommerce client for an integration; the channel owns it.
    public var wooCommerce: @Sendable (IntegrationRecord) throws -> WooCommerceClient

    public init(wooCommerce: @escaping @Sendable (IntegrationRecord) throws -> WooCommerceClient) {
        self.wooCommerce = wooCommerce
    }

    public func channel(for integration: IntegrationRecord) throws -> any SalesChannel {
        switch ChannelPlatform(rawValue: integration.platform) {
        case .wooCommerce:
            return try WooCommerceChannel(integration: integration) { try wooCommerce(integration) }
        default:
            throw SyncError(
                .unsupportedPlatform, integrationID: integration.id,
                "no sales channel for platform \"\(integration.platform)\"")
        }
    }
}
