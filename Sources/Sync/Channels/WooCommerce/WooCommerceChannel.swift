import Foundation
import LogixCore
import Storage
import WooCommerce

/// The WooCommerce channel: the ``SalesChannel`` seam over a ``WooCommerce/WooCommerceClient`` (REST API v3),
/// with WooCommerce's own mapping from Sync/Mapping (``OrderMapper`` and ``StatusMapping``, refunds read where
/// per-line quantities need them) and ``CatalogIndex`` for the catalogue.
///
/// Errors are the client's ``WooCommerce/WooCommerceError``, unchanged (it conforms to ``ChannelError``).
public struct WooCommerceChannel: SalesChannel {
    /// The client requests go through.
    public let client: WooCommerceClient
    /// The integration whose orders these are.
    public let integrationID: Int64
    /// The integration's status mapping and import filter.
    public let statusMapping: StatusMapping
    /// Whether ``shutdown()`` closes the client: a channel a provider made owns its client; one wrapped around a
    /// caller's client leaves it to that caller.
    let ownsClient: Bool
    /// Refund reads in flight at once while mapping orders read by id or from webhooks.
    let refundConcurrency: Int

    /// A channel around a client the caller keeps (and shuts down).
    public init(
        client: WooCommerceClient, integrationID: Int64, statusMapping: StatusMapping = .default,
        refundConcurrency: Int = 4
    ) {
        self.init(
            client: client, integrationID: integrationID, statusMapping: statusMapping, ownsClient: false,
            refundConcurrency: refundConcurrency)
    }

    /// The channel of a stored integration: its status mapping read first (so a bad one opens no
    /// connection), then a client from `makeClient`, which the channel owns.
    public init(integration: IntegrationRecord, makeClient: () throws -> WooCommerceClient) throws {
        let statusMapping = try integration.statusMapping()
        self.init(
            client: try makeClient(), integrationID: integration.id, statusMapping: statusMapping,
            ownsClient: true, refundConcurrency: 4)
    }

    private init(
        client: WooCommerceClient, integrationID: Int64, statusMapping: StatusMapping, ownsClient: Bool,
        refundConcurrency: Int
    ) {
        self.client = client
        self.integrationID = integrationID
        self.statusMapping = statusMapping
        self.ownsClient = ownsClient
        self.refundConcurrency = refundConcurrency
    }

    public var platform: ChannelPlatform { .wooCommerce }
    public var storeURL: String { client.storeURL }
    public var requestCount: Int { client.requestCount }
    public var webhookFormat: any ChannelWebhookFormat { WooCommerceWebhookFormat() }

    public var orderStatuses: Set<String> { Set(statusMapping.knownStoreStatuses.map(\.rawValue)) }

    public func shutdown() async throws {
        if ownsClient { try await client.shutdown() }
    }

    /// The mapper of one integration's orders.
    var mapper: OrderMapper { OrderMapper(integrationID: integrationID, statusMapping: statusMapping) }

    /// Maps batches of store orders, reading refunds where needed.
    ///
    /// - Parameter current: the orders were just read from the store, so an equal version is applied when its
    ///   data differs and needs its refunds; `false` for webhook bodies, whose equal versions change nothing.
    func batchMapper(
        known: any StoredOrderVersions, concurrency: Int? = nil, current: Bool = true
    ) -> OrderBatchMapper {
        OrderBatchMapper(
            client: client, known: known, mapper: mapper, concurrency: concurrency ?? refundConcurrency,
            current: current)
    }

    // MARK: - Connection

    public func testConnection() async throws -> ChannelConnectionReport {
        let report = try await client.testConnection()
        var details = ["auth_mode": report.authenticationMode.rawValue]
        details["wordpress_version"] = report.wordPressVersion
        details["hpos_enabled"] = report.hposEnabled.map { $0 ? "true" : "false" }
        return ChannelConnectionReport(
            platform: platform, storeURL: report.storeURL, platformVersion: report.wooCommerceVersion,
            currency: report.currency, latency: report.latency, details: details, canWrite: try await client.canWrite())
    }
}
