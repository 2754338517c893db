import Foundation
import LogixCore
import Shopify
import Storage

/// The Shopify channel: the ``SalesChannel`` seam over a ``Shopify/ShopifyClient`` (Admin GraphQL API), with
/// Shopify's own mapping (``ShopifyOrderMapper``, ``ShopifyStatusMapping``).
///
/// Ids on the seam are the numeric part of Shopify's gids, which webhook bodies carry as `id`. Errors are the
/// client's ``Shopify/ShopifyError``, unchanged (it conforms to ``ChannelError``).
public struct ShopifyChannel: SalesChannel {
    /// The client requests go through.
    public let client: ShopifyClient
    /// The integration whose orders these are.
    public let integrationID: Int64
    /// How orders are mapped: statuses, and whether test orders are imported.
    public let mapper: ShopifyOrderMapper
    /// The location stock counts are set at; `nil` for the shop's first active location.
    public let locationID: Int64?
    /// Whether ``shutdown()`` closes the client: a channel a provider made owns its client.
    let ownsClient: Bool

    /// A channel around a client the caller keeps (and shuts down).
    public init(
        client: ShopifyClient, integrationID: Int64, mapper: ShopifyOrderMapper? = nil, locationID: Int64? = nil
    ) {
        self.init(
            client: client, integrationID: integrationID,
            mapper: mapper ?? ShopifyOrderMapper(integrationID: integrationID), locationID: locationID,
            ownsClient: false)
    }

    /// The channel of a stored integration, with its settings and a client from `makeClient`, which the channel
    /// owns.
    public init(integration: IntegrationRecord, makeClient: () throws -> ShopifyClient) throws {
        let settings = ChannelSettings(integration)
        self.init(
            client: try makeClient(), integrationID: integration.id,
            mapper: ShopifyOrderMapper(integrationID: integration.id, settings: settings),
            locationID: settings.locationID, ownsClient: true)
    }

    private init(
        client: ShopifyClient, integrationID: Int64, mapper: ShopifyOrderMapper, locationID: Int64?, ownsClient: Bool
    ) {
        self.client = client
        self.integrationID = integrationID
        self.mapper = mapper
        self.locationID = locationID
        self.ownsClient = ownsClient
    }

    public var platform: ChannelPlatform { .shopify }
    public var storeURL: String { client.shopURL }
    public var requestCount: Int { client.requestCount }
    public var webhookFormat: any ChannelWebhookFormat { ShopifyWebhookFormat() }
    public var orderStatuses: Set<String> { mapper.statusMapping.storeStatuses }

    public func shutdown() async throws {
        if ownsClient { try await client.shutdown() }
    }

    // MARK: - Connection

    /// `shop { … }`: the token works and the shop answers; the API version Shopify served is a detail, since an
    /// unsupported one is served by the oldest supported version without an error.
    public func testConnection() async throws -> ChannelConnectionReport {
        // The client's own clock: channel clients keep theirs (ARCHITECTURE.md, "One clock").
        let clock = client.configuration.clock
        let started = clock.now()
        let shop = try await client.shop()
        var details = ["shop_domain": shop.myshopifyDomain, "shop_name": shop.name]
        details["api_version"] = client.servedAPIVersion ?? client.configuration.apiVersion
        details["timezone"] = shop.ianaTimezone
        details["auth_mode"] = "access_token"
        return ChannelConnectionReport(
            platform: platform, storeURL: storeURL, platformVersion: client.servedAPIVersion,
            currency: shop.currencyCode, latency: clock.now() - started, details: details)
    }
}

extension ChannelPlatform {
    /// Shopify (Admin GraphQL API).
    public static let shopify = ChannelPlatform(rawValue: "shopify")

    /// Whether the platform takes a shipment as a fulfillment of order lines with its tracking
    /// (``SalesChannel/createFulfillment(_:)``) rather than as a status and tracking meta: Shopify has no order
    /// status to set, and derives the order's fulfillment status from its fulfillments.
    public var takesShipmentsAsFulfillments: Bool { self == .shopify }
}
