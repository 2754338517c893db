import Foundation
import Hummingbird
import Logging
import SimHosting
import Synchronization

/// A simulated Shopify store served over real HTTP on loopback: the Admin GraphQL API subset a logistics
/// connector uses (parsed and validated for real, with query cost and a leaky bucket per token), generated
/// orders with fulfillment orders and inventory, signed webhooks with retries, and injectable faults.
///
/// ```swift
/// var configuration = ShopifySimConfiguration()
/// configuration.orderCount = 500
/// let sim = try await ShopifySim.start(configuration)
/// // POST sim.graphQLURL with X-Shopify-Access-Token: sim.accessToken
/// await sim.stop()
/// ```
public final class ShopifySim: Sendable {
    /// `http://127.0.0.1:{port}`: where `https://{shop}.myshopify.com` would be.
    public let baseURL: String
    /// `{shopName}.myshopify.com`.
    public let shopDomain: String
    /// The Admin API access token (`X-Shopify-Access-Token`).
    public let accessToken: String
    /// The app's API secret: webhooks are signed with it, and it is the client secret of the client
    /// credentials grant.
    public let apiSecret: String
    /// The app's client id, for the client credentials grant (`POST /admin/oauth/access_token`).
    public var clientID: String { grants.clientID }
    public let configuration: ShopifySimConfiguration

    let store: ShopStore
    let faults: FaultInjector
    let buckets: ThrottleBuckets
    let dispatcher: WebhookDispatcher
    let counter: RequestCounter
    let ledger: CostLedger
    let grants: AccessTokenGrants
    private let server: Mutex<SimServer?>
    private let dispatcherTask: Mutex<Task<Void, Never>?>

    private init(
        baseURL: String, configuration: ShopifySimConfiguration, token: String, secret: String, store: ShopStore,
        domain: String, faults: FaultInjector, buckets: ThrottleBuckets, dispatcher: WebhookDispatcher,
        counter: RequestCounter, ledger: CostLedger, grants: AccessTokenGrants
    ) {
        self.baseURL = baseURL
        self.shopDomain = domain
        self.accessToken = token
        self.apiSecret = secret
        self.configuration = configuration
        self.store = store
        self.faults = faults
        self.buckets = buckets
        self.dispatcher = dispatcher
        self.counter = counter
        self.ledger = ledger
        self.grants = grants
        self.server = Mutex(nil)
        self.dispatcherTask = Mutex(nil)
    }

    /// `{baseURL}/admin/api/{version}/graphql.json`; `version` defaults to the webhook version (2026-04).
    public func graphQLURL(version: String? = nil) -> String {
        "\(self.baseURL)/admin/api/\(version ?? self.configuration.webhookVersion)/graphql.json"
    }

    /// Builds the store, starts listening and returns once the port is bound.
    public static func start(_ configuration: ShopifySimConfiguration = ShopifySimConfiguration()) async throws
        -> ShopifySim
    {
        var lastError: (any Error)?
        for _ in 0..<(configuration.port == 0 ? 5 : 1) {
            let port = configuration.port == 0 ? try FreePort.find(host: configuration.host) : configuration.port
            do {
                return try await ShopifySim.start(configuration, port: port)
            } catch {
                lastError = error
            }
        }
        throw lastError ?? ShopifySimError("The server did not start.", status: 500)
    }

    private static func start(_ configuration: ShopifySimConfiguration, port: Int) async throws -> ShopifySim {
        var random = SeededRandom(seed: configuration.seed, stream: 3)
        let token = configuration.accessToken ?? "shpat_" + random.hex(32)
        let secret = configuration.apiSecret ?? "shpss_" + random.hex(32)
        let baseURL = "http://\(configuration.host):\(port)"
        let store = ShopStore(configuration: configuration)
        let domain = await store.domain
        let faults = FaultInjector(seed: configuration.seed)
        let buckets = ThrottleBuckets(
            size: configuration.bucketSize, restoreRate: configuration.restoreRate, clock: configuration.clock)
        let dispatcher = WebhookDispatcher(faults: faults, configuration: configuration, domain: domain, secret: secret)
        let counter = RequestCounter()
        let ledger = CostLedger()
        // A stream of its own, so the token and secret stay what they were before client ids existed.
        var appRandom = SeededRandom(seed: configuration.seed, stream: 4)
        let grants = AccessTokenGrants(
            clientID: configuration.clientID ?? appRandom.hex(32), seed: configuration.seed,
            lifetime: configuration.accessTokenLifetime, clock: configuration.clock)
        let routes = ShopifyRoutes(
            store: store, buckets: buckets, faults: faults, dispatcher: dispatcher,
            tokens: Set([token] + configuration.additionalAccessTokens), grants: grants, clientSecret: secret,
            configuration: configuration, requests: counter, ledger: ledger)
        let router = routes.makeRouter()
        var logger = Logger(label: "ShopifySim")
        logger.logLevel =
            ProcessInfo.processInfo.environment["SHOPIFYSIM_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) }
            ?? .critical
        let sim = ShopifySim(
            baseURL: baseURL, configuration: configuration, token: token, secret: secret, store: store, domain: domain,
            faults: faults, buckets: buckets, dispatcher: dispatcher, counter: counter, ledger: ledger,
            grants: grants)
        sim.dispatcherTask.withLock { $0 = Task { await dispatcher.run(store: store) } }
        do {
            let running = try await SimServer.start(
                logger: logger, notStarted: ShopifySimError("The server did not start.", status: 500)
            ) { listening in
                Application(
                    router: router,
                    configuration: .init(address: .hostname(configuration.host, port: port), serverName: "cloudflare"),
                    onServerRunning: { _ in listening() }, logger: logger)
            }
            sim.server.withLock { $0 = running }
        } catch {
            await sim.stop()
            throw error
        }
        return sim
    }

    /// Stops serving and sending webhooks.
    public func stop() async {
        self.dispatcher.stop()
        let server = self.server.withLock { server -> SimServer? in
            defer { server = nil }
            return server
        }
        let sender = self.dispatcherTask.withLock { task -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        await server?.stop()
        await sender?.value
        if sender != nil { await self.dispatcher.shutdown() }
    }

    // MARK: - Store activity

    /// Places an order as a customer would; fires `orders/create` (and `orders/paid` when paid). Its
    /// fulfillment orders appear after ``ShopifySimConfiguration/fulfillmentOrderDelay``.
    @discardableResult
    public func placeOrder(_ order: ShopifySimNewOrder = ShopifySimNewOrder()) async throws -> ShopifySimOrderRef {
        let placed = try await self.store.placeOrder(order)
        await self.flushEvents()
        return placed
    }

    /// Edits an order as the merchant would; fires `orders/updated` (and `orders/edited` when lines change).
    @discardableResult
    public func editOrder(_ id: Int64, _ edit: ShopifySimOrderEdit) async throws -> ShopifySimOrderRef {
        let edited = try await self.store.editOrder(id, edit)
        await self.flushEvents()
        return edited
    }

    /// Refunds units of the order's lines (by SKU) as the admin does; `restock` puts them back on the shelf.
    /// `currentQuantity` drops, `quantity` stays; fires `refunds/create` and `orders/updated`. Returns the
    /// refund's gid.
    @discardableResult
    public func refundOrder(
        _ id: Int64, lines: [ShopifySimNewOrder.Line], restock: Bool = false, note: String? = nil
    ) async throws -> String {
        let refund = try await self.store.refundOrder(id, lines: lines, restock: restock, note: note)
        await self.flushEvents()
        return refund
    }

    /// Cancels an order (its fulfillment orders close); fires `orders/cancelled` and `orders/updated`.
    @discardableResult
    public func cancelOrder(_ id: Int64, reason: String = "CUSTOMER") async throws -> ShopifySimOrderRef {
        let cancelled = try await self.store.cancelOrder(id, reason: reason)
        await self.flushEvents()
        return cancelled
    }

    /// Deletes an order; fires `orders/delete` with only its id.
    public func deleteOrder(_ id: Int64) async throws {
        try await self.store.deleteOrder(id)
        await self.flushEvents()
    }

    /// Uninstalls the app: fires `app/uninstalled`, and every token answers 401 from then on.
    public func uninstallApp() async {
        await self.store.uninstall()
        await self.flushEvents()
    }

    /// Sets `available` of the variant with `sku` at a location (default: where it ships from).
    public func setAvailable(sku: String, locationId: String? = nil, quantity: Int) async throws {
        try await self.store.setAvailable(
            sku: sku, locationId: locationId.flatMap { GlobalID.parse($0)?.id }, quantity: quantity)
    }

    private func flushEvents() async {
        let (events, subscriptions) = await self.store.drainEvents()
        self.dispatcher.submit(events, subscriptions: subscriptions)
    }

    // MARK: - Inspection

    /// How many tokens the client credentials grant has issued.
    public var grantedTokenCount: Int { grants.issued }

    /// Every order, by id.
    public var orders: [ShopifySimOrderRef] {
        get async { await self.store.orderReferences }
    }

    /// The test orders (`test: true`), or the real ones (`false`), by id.
    public func orders(test: Bool) async -> [ShopifySimOrderRef] {
        await self.store.orderReferences(test: test)
    }

    public func fulfillmentOrders(orderId: Int64) async throws -> [ShopifySimFulfillmentOrder] {
        try await self.store.fulfillmentOrders(orderId: orderId)
    }

    public func fulfillments(orderId: Int64) async throws -> [ShopifySimFulfillment] {
        try await self.store.fulfillments(orderId: orderId)
    }

    /// The named quantities per location, of one SKU or of all.
    public func inventoryLevels(sku: String? = nil) async -> [ShopifySimInventoryLevel] {
        await self.store.inventoryLevels(sku: sku)
    }

    public var variants: [ShopifySimVariant] {
        get async { await self.store.variants }
    }

    public var locations: [ShopifySimLocation] {
        get async { await self.store.locations }
    }

    public var webhookSubscriptions: [ShopifySimWebhookSubscription] {
        get async { await self.store.webhookSubscriptions }
    }

    /// Every webhook delivery attempt so far, oldest first.
    public var webhookDeliveries: [ShopifySimWebhookDelivery] {
        get async { self.dispatcher.deliveries }
    }

    /// Deliveries waiting for an attempt (retries included) or being sent.
    public var pendingWebhookDeliveries: Int {
        get async { self.dispatcher.pendingCount }
    }

    /// GraphQL requests received.
    public var requestCount: Int {
        get async { self.counter.value }
    }

    /// GraphQL requests answered THROTTLED (the bucket did not hold their requested cost), every token.
    public var throttledCount: Int {
        get async { self.ledger.throttled }
    }

    /// Points the buckets were charged, every token: the sum of the `actualQueryCost` of every query that ran
    /// (what a query requested beyond it was refunded).
    public var chargedCost: Int {
        get async { self.ledger.charged }
    }

    /// The sum of the `requestedQueryCost` of every query that ran, every token: what the buckets had to hold
    /// for them (``chargedCost`` of it was kept, the rest refunded).
    public var requestedCost: Int {
        get async { self.ledger.requested }
    }

    /// The bucket of `token` (default: ``accessToken``) now.
    public func throttleStatus(token: String? = nil) async -> ShopifySimThrottleStatus {
        self.buckets.status(token: token ?? self.accessToken)
    }

    // MARK: - Faults and limits

    public func setFaults(_ faults: ShopifySimFaults) async {
        self.faults.set(faults)
    }

    public var currentFaults: ShopifySimFaults {
        get async { self.faults.faults }
    }

    /// Answers the next `count` GraphQL requests with `status` (5xx as HTML, 429 with `Retry-After`,
    /// 402/423 as Shopify's JSON).
    public func failNext(count: Int = 1, status: Int, retryAfter: Int? = nil) async {
        self.faults.failNext(count: count, status: status, retryAfter: retryAfter)
    }

    /// Closes the connection of the next `count` GraphQL requests without answering.
    public func dropNext(count: Int = 1) async {
        self.faults.dropNext(count: count)
    }

    /// Handles the next `count` requests — mutations take effect — then answers `status` (504 by default):
    /// the write a client cannot know happened.
    public func failAfterHandlingNext(count: Int = 1, status: Int = 504) async {
        self.faults.failAfterHandlingNext(count: count, status: status)
    }

    /// Changes the plan's bucket while running.
    public func setBucket(size: Double, restoreRate: Double) async {
        self.buckets.configure(size: size, restoreRate: restoreRate)
    }
}
