import Foundation
import HTTPTypes
import Hummingbird
import LogixCore
import Storage
import Sync
import WooCommerce

/// `/api/v1/woocommerce/integrations…`: a user's store connections — create (checked against the store),
/// list, read, change, delete, test, and order syncs with their audit trail. `/api/v1/shopify/integrations`
/// creates a Shopify shop's integration, and the routes of one integration answer under both prefixes, with
/// the same shapes and rules: the engines behind them pick the channel by the integration's platform.
///
/// Every route looks the integration up by id *and* caller: another user's id answers 404, exactly like an id
/// that does not exist.
struct IntegrationController {
    let services: ServerServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("woocommerce/integrations", use: create)
        group.get("woocommerce/integrations") { request, context in
            try await list(request, context: context, platform: .wooCommerce)
        }
        group.get("woocommerce/integrations/:id", use: read)
        group.patch("woocommerce/integrations/:id", use: update)
        group.delete("woocommerce/integrations/:id", use: delete)
        group.post("woocommerce/integrations/:id/test", use: test)
        group.post("woocommerce/integrations/:id/sync", use: sync)
        group.get("woocommerce/integrations/:id/sync/:job", use: job)
        group.get("woocommerce/integrations/:id/sync-logs", use: syncLogs)
        group.post("woocommerce/integrations/:id/products/sync", use: productSync)
        // Shopify: its own create; the routes of one integration as WooCommerce's (APIDocument.sharedIntegrationPaths).
        group.post("shopify/integrations", use: createShopify)
        group.get("shopify/integrations") { request, context in
            try await list(request, context: context, platform: .shopify)
        }
        group.get("shopify/integrations/:id", use: read)
        group.patch("shopify/integrations/:id", use: updateShopify)
        group.delete("shopify/integrations/:id", use: delete)
        group.post("shopify/integrations/:id/test", use: test)
        group.post("shopify/integrations/:id/sync", use: sync)
        group.get("shopify/integrations/:id/sync/:job", use: job)
        group.get("shopify/integrations/:id/sync-logs", use: syncLogs)
        group.post("shopify/integrations/:id/products/sync", use: productSync)
    }

    /// A Shopify integration's fields as a `PATCH` gives them, and as a create gives them beside the shop's
    /// address (``CreateBody``): one body, so the two cannot accept different things.
    struct ShopifyBody: PlatformBody {
        static let addressKey = "shop_domain"

        var accessToken: String?
        var clientID: String?
        var apiSecret: String?
        var locationID: LocationIDBody?
        var apiVersion: String?
        var importTestOrders: Bool?
        /// The settings every platform has, from the same object.
        var settings: SettingsBody

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case clientID = "client_id"
            case apiSecret = "api_secret"
            case locationID = "location_id"
            case apiVersion = "api_version"
            case importTestOrders = "import_test_orders"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            accessToken = try container.decodeIfPresent(String.self, forKey: .accessToken)
            clientID = try container.decodeIfPresent(String.self, forKey: .clientID)
            apiSecret = try container.decodeIfPresent(String.self, forKey: .apiSecret)
            locationID = try container.decodeIfPresent(LocationIDBody.self, forKey: .locationID)
            apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
            importTestOrders = try container.decodeIfPresent(Bool.self, forKey: .importTestOrders)
            settings = try SettingsBody(from: decoder)
        }

        /// The settings given, as the one change the use cases validate; `name` stands in for a missing one.
        func settingsChange(name: String? = nil) -> IntegrationSettingsChange {
            var change = settings.change(name: name)
            change.locationID = locationID?.text
            change.apiVersion = apiVersion
            change.importTestOrders = importTestOrders
            return change
        }
    }

    /// A Shopify location as a body gives it: its number, as JSON number or string, or its gid.
    struct LocationIDBody: Decodable, Sendable {
        var text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) {
                text = String(number)
            } else {
                text = try container.decode(String.self)
            }
        }
    }

    @Sendable func createShopify(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<
        IntegrationResponseBody
    > {
        let userID = try context.requireUser()
        let body = try await request.decode(as: CreateBody<ShopifyBody>.self, context: context)
        let stored = try await services.integrations.createShopify(
            userID: userID, shopDomain: body.address, accessToken: body.fields.accessToken,
            clientID: body.fields.clientID, apiSecret: body.fields.apiSecret,
            settings: body.fields.settingsChange(name: ""), verify: body.verify ?? true)
        return EditedResponse(status: .created, response: IntegrationResponseBody(try IntegrationResponse(stored)))
    }

    @Sendable func updateShopify(_ request: Request, context: AppRequestContext) async throws
        -> IntegrationResponseBody
    {
        let (id, userID) = (try integrationID(context), try context.requireUser())
        let body = try await request.decode(as: ShopifyBody.self, context: context)
        if body.accessToken != nil, body.clientID != nil {
            throw APIError.invalid(["client_id": "give access_token or client_id, not both"])
        }
        // Which key is given says how the app signs in from now on.
        let clientCredentials = body.clientID != nil ? true : body.accessToken != nil ? false : nil
        let record = try await services.integrations.update(
            id: id, userID: userID, platform: .shopify, settings: body.settingsChange(),
            consumerKey: body.clientID ?? body.accessToken, consumerSecret: body.apiSecret,
            clientCredentials: clientCredentials)
        return IntegrationResponseBody(try IntegrationResponse(record))
    }

    // MARK: - Bodies

    struct StatusMappingBody: Codable, Sendable {
        var inbound: [String: String]?
        var outbound: [String: String]?
    }

    /// The settings fields every platform's create and update bodies have, read from the same object as the
    /// body around them, as the one settings change the use cases validate.
    struct SettingsBody: Decodable, Sendable {
        var integrationName: String?
        var autoSync: Bool?
        var syncIntervalMinutes: Int?
        var importStatuses: [String]?
        var statusMapping: StatusMappingBody?
        var fulfillment: FulfillmentSettingsBody?
        var status: String?
        var maxConcurrency: Int?
        var maxRequestsPerSecond: Double?

        enum CodingKeys: String, CodingKey {
            case integrationName = "integration_name"
            case autoSync = "auto_sync"
            case syncIntervalMinutes = "sync_interval_minutes"
            case importStatuses = "import_statuses"
            case statusMapping = "status_mapping"
            case fulfillment, status
            case maxConcurrency = "max_concurrency"
            case maxRequestsPerSecond = "max_requests_per_second"
        }

        /// The change these fields ask for; `name` stands in for a missing name (a create's `""`, so that a
        /// missing one is reported).
        func change(name: String? = nil) -> IntegrationSettingsChange {
            IntegrationSettingsChange(
                name: integrationName ?? name, autoSync: autoSync, syncIntervalMinutes: syncIntervalMinutes,
                importStatuses: importStatuses, inboundStatusMapping: statusMapping?.inbound,
                outboundStatusMapping: statusMapping?.outbound, trackingNote: fulfillment?.trackingNote,
                shipmentTrackingMeta: fulfillment?.shipmentTrackingMeta, status: status,
                maxConcurrency: maxConcurrency, maxRequestsPerSecond: maxRequestsPerSecond)
        }
    }

    /// A WooCommerce integration's fields as a `PATCH` gives them, and as a create gives them beside the store's
    /// address (``CreateBody``).
    struct WooCommerceBody: PlatformBody {
        static let addressKey = "store_url"

        var consumerKey: String?
        var consumerSecret: String?
        var allowReadOnly: Bool?
        /// The settings every platform has, from the same object.
        var settings: SettingsBody

        enum CodingKeys: String, CodingKey {
            case consumerKey = "consumer_key"
            case consumerSecret = "consumer_secret"
            case allowReadOnly = "allow_read_only"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            consumerKey = try container.decodeIfPresent(String.self, forKey: .consumerKey)
            consumerSecret = try container.decodeIfPresent(String.self, forKey: .consumerSecret)
            allowReadOnly = try container.decodeIfPresent(Bool.self, forKey: .allowReadOnly)
            settings = try SettingsBody(from: decoder)
        }

        func settingsChange(name: String? = nil) -> IntegrationSettingsChange {
            var change = settings.change(name: name)
            change.allowReadOnly = allowReadOnly
            return change
        }
    }

    /// The fields of a platform's integration body, and the key a create names the store's address with.
    protocol PlatformBody: Decodable, Sendable {
        static var addressKey: String { get }
    }

    /// `POST /api/v1/{platform}/integrations`: the store's address (`store_url`, `shop_domain`) and whether to
    /// check the credentials, with every field of the platform's body at the same level.
    struct CreateBody<Fields: PlatformBody>: Decodable, Sendable {
        var address: String?
        var verify: Bool?
        var fields: Fields

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            address = try container.decodeIfPresent(String.self, forKey: Key(stringValue: Fields.addressKey))
            verify = try container.decodeIfPresent(Bool.self, forKey: Key(stringValue: "verify"))
            fields = try Fields(from: decoder)
        }
    }

    /// `fulfillment` in a create or update body; only the keys given change.
    struct FulfillmentSettingsBody: Decodable, Sendable {
        var trackingNote: String?
        var shipmentTrackingMeta: Bool?

        enum CodingKeys: String, CodingKey {
            case trackingNote = "tracking_note"
            case shipmentTrackingMeta = "shipment_tracking_meta"
        }
    }

    // MARK: - Routes

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<
        IntegrationResponseBody
    > {
        let userID = try context.requireUser()
        let body = try await request.decode(as: CreateBody<WooCommerceBody>.self, context: context)
        let stored = try await services.integrations.create(
            userID: userID, storeURL: body.address, consumerKey: body.fields.consumerKey,
            consumerSecret: body.fields.consumerSecret, settings: body.fields.settingsChange(name: ""),
            verify: body.verify ?? true)
        return EditedResponse(status: .created, response: IntegrationResponseBody(try IntegrationResponse(stored)))
    }

    /// The caller's integrations of one platform (each prefix lists its own).
    @Sendable func list(
        _ request: Request, context: AppRequestContext, platform: ChannelPlatform
    ) async throws -> ListResponse<IntegrationResponse> {
        let userID = try context.requireUser()
        let paging = try Paging(request)
        let (items, total) = try await services.integrations.list(
            userID: userID, page: paging.page, perPage: paging.perPage, platform: platform)
        return ListResponse(
            items: try items.map(IntegrationResponse.init), page: paging.page, perPage: paging.perPage, total: total)
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> IntegrationResponseBody {
        let detail = try await services.integrations.detail(
            id: try integrationID(context), userID: context.requireUser())
        return IntegrationResponseBody(try IntegrationResponse(detail))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> IntegrationResponseBody {
        let (id, userID) = (try integrationID(context), try context.requireUser())
        let body = try await request.decode(as: WooCommerceBody.self, context: context)
        let record = try await services.integrations.update(
            id: id, userID: userID, platform: .wooCommerce, settings: body.settingsChange(),
            consumerKey: body.consumerKey, consumerSecret: body.consumerSecret)
        return IntegrationResponseBody(try IntegrationResponse(record))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        try await services.integrations.delete(id: try integrationID(context), userID: context.requireUser())
        return .noContent
    }

    struct TestResponse: ResponseEncodable, Sendable {
        var ok: Bool
        var platform: String
        var storeURL: String
        /// Shopify: the Admin API version the shop served (an unsupported one falls forward without an error).
        var apiVersion: String?
        var woocommerceVersion: String?
        var wordpressVersion: String?
        var hpos: Bool?
        var currency: String?
        var authMode: String
        var latencyMs: Double
        /// Whether the keys may write to the store (`false`: read-only keys, accepted by `allow_read_only`).
        var canWrite: Bool?

        enum CodingKeys: String, CodingKey {
            case ok, platform
            case storeURL = "store_url"
            case apiVersion = "api_version"
            case woocommerceVersion = "woocommerce_version"
            case wordpressVersion = "wordpress_version"
            case hpos, currency
            case authMode = "auth_mode"
            case latencyMs = "latency_ms"
            case canWrite = "can_write"
        }

        /// A connection test's report as the API shows it (the command line prints the same body).
        init(_ report: ChannelConnectionReport) {
            let (seconds, attoseconds) = report.latency.components
            let shopify = report.platform == .shopify
            self.init(
                ok: true, platform: report.platform.rawValue, storeURL: report.storeURL,
                apiVersion: shopify ? report.details["api_version"] : nil,
                woocommerceVersion: shopify ? nil : report.platformVersion,
                wordpressVersion: report.details["wordpress_version"],
                hpos: report.details["hpos_enabled"].map { $0 == "true" },
                currency: report.currency, authMode: report.details["auth_mode"] ?? "unknown",
                latencyMs: (Double(seconds) + Double(attoseconds) / 1e18) * 1000, canWrite: report.canWrite)
        }

        init(
            ok: Bool, platform: String, storeURL: String, apiVersion: String? = nil, woocommerceVersion: String?,
            wordpressVersion: String?, hpos: Bool?, currency: String?, authMode: String, latencyMs: Double,
            canWrite: Bool?
        ) {
            self.ok = ok
            self.platform = platform
            self.storeURL = storeURL
            self.apiVersion = apiVersion
            self.woocommerceVersion = woocommerceVersion
            self.wordpressVersion = wordpressVersion
            self.hpos = hpos
            self.currency = currency
            self.authMode = authMode
            self.latencyMs = latencyMs
            self.canWrite = canWrite
        }
    }

    @Sendable func test(_ request: Request, context: AppRequestContext) async throws -> TestResponse {
        let report = try await services.integrations.testConnection(
            id: try integrationID(context), userID: context.requireUser())
        return TestResponse(report)
    }

    struct SyncBody: Decodable, Sendable {
        var mode: OrderImportRequest.Mode?
        var statuses: [String]?
        var after: Date?
        var before: Date?
    }

    @Sendable func sync(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<
        SyncRunResponseBody
    > {
        let (id, userID) = (try integrationID(context), try context.requireUser())
        let body = try await request.decode(as: SyncBody.self, context: context)
        let job = try await services.orderSyncs.start(
            userID: userID, integrationID: id, mode: body.mode, statuses: body.statuses, after: body.after,
            before: body.before)
        let wait = request.uri.queryParameters["wait"].map { $0 == "true" || $0 == "1" } ?? false
        guard wait else {
            return EditedResponse(status: .accepted, response: SyncRunResponseBody(job: job, run: nil))
        }
        let run = try await services.orderSyncs.finish(job)
        return EditedResponse(status: .ok, response: SyncRunResponseBody(job: job, run: run))
    }

    @Sendable func job(_ request: Request, context: AppRequestContext) async throws -> SyncRunResponse {
        let (id, userID) = (try integrationID(context), try context.requireUser())
        guard let jobID = context.parameters.get("job", as: Int64.self) else { throw APIError.notFound("sync job") }
        let (run, entries) = try await services.orderSyncs.run(userID: userID, integrationID: id, runID: jobID)
        return SyncRunResponse(run, entries: entries)
    }

    @Sendable func syncLogs(_ request: Request, context: AppRequestContext) async throws -> ListResponse<
        SyncRunResponse
    > {
        let (id, userID) = (try integrationID(context), try context.requireUser())
        let paging = try Paging(request)
        let (runs, total) = try await services.orderSyncs.runs(
            userID: userID, integrationID: id, page: paging.page, perPage: paging.perPage)
        return ListResponse(
            items: runs.map { SyncRunResponse($0) }, page: paging.page, perPage: paging.perPage, total: total)
    }

    struct ProductSyncBody: Decodable, Sendable {
        var direction: String?
        var skus: [String]?
    }

    /// What a product sync did: the pull's counts (when it pulled) and the stock pushes queued (when it pushed).
    struct ProductSyncResponse: ResponseEncodable, Sendable {
        var products: Int?
        var variations: Int?
        var mapped: Int?
        var withoutSKU: Int?
        var duplicates: [String: [String]]?
        var pushesQueued: Int?

        enum CodingKeys: String, CodingKey {
            case products, variations, mapped, duplicates
            case withoutSKU = "without_sku"
            case pushesQueued = "pushes_queued"
        }

        init() {}

        /// A product sync's report as the API shows it (the command line prints the same body).
        init(_ report: ProductSync.Report) {
            if let pulled = report.pulled {
                (products, variations, mapped) = (pulled.products, pulled.variations, pulled.mapped)
                (withoutSKU, duplicates) = (pulled.withoutSKU, pulled.duplicates)
            }
            pushesQueued = report.pushesQueued
        }
    }

    /// `pull` refreshes the SKU map from the store's catalog; `push` queues Logix's stock of every mapped SKU
    /// (or of `skus`) for the store, through the outbox; `both` pulls, then pushes to the fresh map.
    @Sendable func productSync(_ request: Request, context: AppRequestContext) async throws -> ProductSyncResponse {
        let (id, userID) = (try integrationID(context), try context.requireUser())
        let body = try await request.decode(as: ProductSyncBody.self, context: context)
        let report = try await services.productSync.run(
            userID: userID, integrationID: id, direction: body.direction, skus: body.skus)
        return ProductSyncResponse(report)
    }

    /// The `:id` parameter (a non-number is an id that does not exist).
    private func integrationID(_ context: AppRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("integration") }
        return id
    }
}

/// An integration response that can be returned as a body.
struct IntegrationResponseBody: ResponseEncodable, Sendable {
    var integration: IntegrationResponse
    init(_ integration: IntegrationResponse) { self.integration = integration }
    func encode(to encoder: any Encoder) throws { try integration.encode(to: encoder) }
}

/// A sync job as `POST …/sync` answers it.
struct SyncRunResponseBody: ResponseEncodable, Sendable {
    var jobID: Int64
    var resumed: Bool
    var run: SyncRunResponse?

    init(job: SyncJobs.Job, run: SyncRun?) {
        jobID = job.runID
        resumed = job.resumed
        self.run = run.map { SyncRunResponse($0) }
    }

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id"
        case resumed
        case run
    }
}
