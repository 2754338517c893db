import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle
import SimHosting
import Synchronization

/// A simulated WooCommerce store served over real HTTP(S) on loopback.
///
/// ```swift
/// var config = WooSimConfiguration()
/// config.orderCount = 1_000
/// let sim = try await WooSim.start(config)
/// defer { Task { await sim.stop() } }
/// // sim.apiRoot, sim.readWriteKeys, …
/// ```
public final class WooSim: Sendable {
    /// Store home URL without a trailing slash, e.g. `http://127.0.0.1:53122`.
    public let baseURL: String
    /// `baseURL + "/wp-json/wc/v3"`.
    public let apiRoot: String
    public let readWriteKeys: WooSimKeys
    /// A second key with read permission only.
    public let readOnlyKeys: WooSimKeys
    /// A third key with write permission only (WooCommerce's `write`: every read is refused).
    public let writeOnlyKeys: WooSimKeys
    /// The CA that signed the server certificate (nil without TLS); trust it explicitly in clients.
    public let caCertificatePEM: String?
    public let configuration: WooSimConfiguration

    let store: SimStore
    let faults: FaultInjector
    let counter: RequestCounter
    let dispatcher: WebhookDispatcher
    let hold = RequestHold()
    private let server: Mutex<SimServer?>
    private let dispatcherTask: Mutex<Task<Void, Never>?>

    private init(
        baseURL: String, configuration: WooSimConfiguration, keys: (WooSimKeys, WooSimKeys, WooSimKeys), caPEM: String?,
        store: SimStore, faults: FaultInjector, counter: RequestCounter, dispatcher: WebhookDispatcher
    ) {
        self.baseURL = baseURL
        self.apiRoot = baseURL + "/wp-json/wc/v3"
        self.readWriteKeys = keys.0
        self.readOnlyKeys = keys.1
        self.writeOnlyKeys = keys.2
        self.caCertificatePEM = caPEM
        self.configuration = configuration
        self.store = store
        self.faults = faults
        self.counter = counter
        self.dispatcher = dispatcher
        self.server = Mutex(nil)
        self.dispatcherTask = Mutex(nil)
    }

    /// Builds the store, starts listening and returns once the port is bound.
    public static func start(_ configuration: WooSimConfiguration = WooSimConfiguration()) async throws -> WooSim {
        var configuration = configuration
        configuration.restoring?.generator.apply(to: &configuration)
        // URLs inside responses (payment_url, Link, OAuth base strings) need the port before the server
        // runs, so an ephemeral port is picked first; if another process takes it meanwhile, pick again.
        var lastError: (any Error)?
        for _ in 0..<(configuration.port == 0 ? 5 : 1) {
            let port = configuration.port == 0 ? try FreePort.find(host: configuration.host) : configuration.port
            do {
                return try await WooSim.start(configuration, port: port)
            } catch {
                lastError = error
            }
        }
        throw lastError ?? WooSimError(code: "woosim_start_failed", message: "The server did not start.", status: 500)
    }

    private static func start(_ configuration: WooSimConfiguration, port: Int) async throws -> WooSim {
        let keys = WooSim.keys(for: configuration)
        let authority = configuration.tls ? try SimCertificateAuthority(host: configuration.host) : nil
        let homeURL = "\(configuration.tls ? "https" : "http")://\(configuration.host):\(port)"
        let historyEnd = Int64(
            (configuration.referenceDate ?? WooSim.startOfToday()).timeIntervalSince1970.rounded(.down))
        // Fixed now, so that a snapshot names the history this store generated, whatever day it is taken.
        var configuration = configuration
        configuration.referenceDate = Date(timeIntervalSince1970: TimeInterval(historyEnd))
        let faults = FaultInjector(seed: configuration.seed)
        let counter = RequestCounter()
        let dispatcher = WebhookDispatcher(
            faults: faults, homeURL: homeURL, timeout: configuration.webhookTimeout,
            allowsPrivateURLs: configuration.allowsPrivateWebhookURLs, seed: configuration.seed)
        let store = SimStore(
            configuration: configuration, historyEnd: historyEnd, homeURL: homeURL, dispatcher: dispatcher)
        if let snapshot = configuration.restoring {
            await store.restore(snapshot)
            configuration.restoring = nil  // in the store now; not held twice
        }
        let authenticator = SimAuthenticator(
            keys: [
                keys.0.consumerKey: SimAPIKey(keys: keys.0, canWrite: true),
                keys.1.consumerKey: SimAPIKey(keys: keys.1, canWrite: false),
                keys.2.consumerKey: SimAPIKey(keys: keys.2, canRead: false, canWrite: true),
            ], isTLS: configuration.tls, stripsAuthorizationHeader: configuration.stripsAuthorizationHeader,
            homeURL: homeURL, oauth: OAuth1Verifier())
        var routes = SimRoutes(
            store: store, faults: faults, counter: counter, dispatcher: dispatcher, homeURL: homeURL,
            isTLS: configuration.tls)

        var logger = Logger(label: "WooSim")
        logger.logLevel =
            ProcessInfo.processInfo.environment["WOOSIM_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .critical
        let server: HTTPServerBuilder =
            try authority.map { try .tls(.http1(), tlsConfiguration: $0.serverTLSConfiguration()) } ?? .http1()
        let sim = WooSim(
            baseURL: homeURL, configuration: configuration, keys: keys, caPEM: authority?.caCertificatePEM,
            store: store, faults: faults, counter: counter, dispatcher: dispatcher)
        routes.hold = sim.hold
        let router = routes.makeRouter(authenticator: authenticator, frontage: configuration.frontage)
        sim.dispatcherTask.withLock { $0 = Task { await dispatcher.run(store: store) } }
        do {
            let running = try await SimServer.start(
                logger: logger,
                notStarted: WooSimError(code: "woosim_start_failed", message: "The server did not start.", status: 500)
            ) { listening in
                Application(
                    router: router, server: server,
                    configuration: .init(
                        address: .hostname(configuration.host, port: port), serverName: "nginx/1.22.1"),
                    onServerRunning: { _ in listening() }, logger: logger)
            }
            sim.server.withLock { $0 = running }
        } catch {
            await sim.stop()
            await dispatcher.shutdown()
            throw error
        }
        return sim
    }

    /// Stops serving and sending webhooks.
    public func stop() async {
        self.hold.release()
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
        if server != nil { await self.dispatcher.shutdown() }
    }

    // MARK: - Snapshots

    /// The store's state now, to save and restore later (``WooSimConfiguration/restoring``).
    public func snapshot() async -> WooSimSnapshot {
        let historyEnd = Int64((self.configuration.referenceDate ?? Date()).timeIntervalSince1970.rounded(.down))
        return await self.store.snapshot(generator: .init(self.configuration, historyEnd: historyEnd))
    }

    /// Makes new orders' ids follow `id`: the ids up to it that this store never had count as deleted for
    /// good. For a store restored from a snapshot older than what a client already saw (a crash between two
    /// saves), so that no id names two different orders.
    public func reserveOrderIds(through id: Int) async {
        await self.store.reserveOrderIds(through: id)
    }

    // MARK: - Faults

    /// Replaces the injected fault rates (and restarts their seeded sequence).
    public func setFaults(_ faults: WooSimFaults) async {
        self.faults.set(faults)
    }

    public var currentFaults: WooSimFaults {
        get async { self.faults.faults }
    }

    /// Answers the next `count` API requests with `status` (HTML body; `Retry-After` if given); with `method`
    /// or `path` (exact, e.g. `/wp-json/wc/v3/orders/7`), only requests that match, so one store update can
    /// fail while everything else the client sends meanwhile is served.
    public func failNext(
        count: Int = 1, status: Int, retryAfter: Int? = nil, method: String? = nil, path: String? = nil
    ) async {
        self.faults.failNext(count: count, status: status, retryAfter: retryAfter, method: method, path: path)
    }

    /// Forgets the scripted failures not used up yet: a store that refused for a while serves again.
    public func clearScriptedFailures() async {
        self.faults.clearScriptedFailures()
    }

    /// Closes the connection of the next `count` API requests without answering.
    public func dropNext(count: Int = 1) async {
        self.faults.dropNext(count: count)
    }

    /// The faults injected so far, by kind.
    public var injectedFaults: WooSimFaultTally {
        get async { self.faults.tally }
    }

    /// Handles the next `count` API requests — their changes are made — then closes each connection without
    /// answering: the ambiguous failure after which a client cannot tell whether its write happened.
    public func dropAfterHandlingNext(count: Int = 1) async {
        self.faults.dropAfterHandlingNext(count: count)
    }

    /// Holds every API request that arrives from now on (counted, before the store starts on it) until
    /// ``releaseHeldRequests()``: a store as slow as a test needs, whatever the machine's speed.
    public func holdRequests() {
        self.hold.start()
    }

    /// Returns once `count` API requests are held by ``holdRequests()``; throws if they are not within `limit`
    /// (a guard against a test that would hang, not a speed target), or if the hold is released first.
    public func waitUntilHeld(_ count: Int, within limit: Duration = .seconds(60)) async throws {
        let hold = self.hold
        guard await withTimeLimit(limit, { await hold.waitUntilHeld(count) }) == true else {
            throw WooSimError(
                code: "woosim_not_held", message: "\(count) requests were not held within \(limit).", status: 500)
        }
    }

    /// Lets every held request go on, and holds no more.
    public func releaseHeldRequests() {
        self.hold.release()
    }

    /// API requests received (everything but `/__sim`), for benchmarks.
    public var requestCount: Int {
        get async { self.counter.value }
    }

    /// The most API requests the store answered at once (waiting for a worker included), since it started or
    /// since ``resetPeakConcurrentRequests()``: what a client's concurrency really was.
    public var peakConcurrentRequests: Int {
        get async { self.counter.peakConcurrent }
    }

    /// Starts measuring ``peakConcurrentRequests`` afresh.
    public func resetPeakConcurrentRequests() async {
        self.counter.resetPeak()
    }

    /// The most recent API requests (up to 10,000; `/__sim` excluded), oldest first, as `METHOD /path?query`
    /// with the query as sent (percent-encoded).
    public var requestLog: [String] {
        get async { self.counter.log }
    }

    // MARK: - Store activity

    /// Places an order as a shopper would; returns its id. Fires `order.created`, `order.updated` and
    /// `product.updated` for each product whose stock dropped.
    @discardableResult
    public func placeOrder(_ order: WooSimNewOrder = WooSimNewOrder()) async throws -> Int {
        try await self.store.placeOrder(order).id
    }

    /// Edits an order as the shop admin would; bumps `date_modified` and fires `order.updated`
    /// (meta-only edits do neither).
    public func editOrder(_ id: Int, _ edit: WooSimOrderEdit) async throws {
        _ = try await self.store.editOrder(id, edit)
    }

    /// Shorthand for a status change.
    public func editOrder(_ id: Int, status: String) async throws {
        try await self.editOrder(id, WooSimOrderEdit(status: status))
    }

    /// Refunds units of the order's lines as the admin's partial refund does (no restock); returns the
    /// refund's id. Bumps `date_modified` and fires `order.updated`.
    @discardableResult
    public func refundOrder(_ id: Int, lines: [WooSimRefundLine], reason: String = "") async throws -> Int {
        try await self.store.refundOrder(id, lines: lines, reason: reason)
    }

    /// Deletes an order as the admin does: to the trash (fires `order.deleted`), or for good with `force`
    /// (fires nothing, as WooCommerce does; `GET orders/{id}` answers 404 after).
    public func deleteOrder(_ id: Int, force: Bool) async throws {
        _ = try await self.store.deleteOrder(id, force: force)
    }

    /// Sets the stock of the product or variation with `sku` (for a variation that uses its parent's
    /// stock, the parent's); fires `product.updated`.
    public func setStock(sku: String, quantity: Int) async throws {
        _ = try await self.store.setStock(sku: sku, quantity: quantity)
    }

    /// Every webhook delivery attempt and ping so far, oldest first.
    public var webhookDeliveries: [WooSimWebhookDelivery] {
        get async { self.dispatcher.deliveries }
    }

    /// The order as `GET /orders/{id}` returns it, or nil.
    public func orderJSON(_ id: Int) async -> Data? {
        guard let order = await self.store.order(id) else { return nil }
        let context = await self.store.renderContext
        var writer = JSONWriter(capacity: 8192)
        OrderEncoder.write(order, to: &writer, context: context)
        return Data(writer.bytes)
    }

    /// The texts of the order's notes, newest first, as `GET /orders/{id}/notes` lists them; nil for no such
    /// order.
    public func orderNotes(_ id: Int) async -> [String]? {
        await self.store.notes(orderId: id)?.map(\.note)
    }

    /// The product or variation as `GET /products/{id}` returns it, or nil.
    public func productJSON(_ id: Int) async -> Data? {
        guard let product = await self.store.product(id) else { return nil }
        let context = await self.store.renderContext
        var writer = JSONWriter(capacity: 8192)
        ProductEncoder.writeProduct(product, to: &writer, context: context)
        return Data(writer.bytes)
    }

    /// The product or variation with this SKU as `GET /products/{id}` returns it, or nil.
    public func productJSON(sku: String) async -> Data? {
        guard let product = await self.store.product(sku: sku) else { return nil }
        return await self.productJSON(product.id)
    }

    /// Ids of generated orders are `1...orderCount`; runtime orders follow.
    public var highestOrderId: Int {
        get async { await self.store.highestOrderId }
    }

    // MARK: - Helpers

    static func keys(for configuration: WooSimConfiguration) -> (WooSimKeys, WooSimKeys, WooSimKeys) {
        var random = SimRandom(seed: configuration.seed, stream: SimStream.keys)
        let readWrite = WooSimKeys(
            consumerKey: configuration.consumerKey ?? "ck_" + random.hex(40),
            consumerSecret: configuration.consumerSecret ?? "cs_" + random.hex(40))
        var readOnlyRandom = SimRandom(seed: configuration.seed, stream: SimStream.keys, index: 1)
        let readOnly = WooSimKeys(
            consumerKey: "ck_" + readOnlyRandom.hex(40), consumerSecret: "cs_" + readOnlyRandom.hex(40))
        var writeOnlyRandom = SimRandom(seed: configuration.seed, stream: SimStream.keys, index: 2)
        let writeOnly = WooSimKeys(
            consumerKey: "ck_" + writeOnlyRandom.hex(40), consumerSecret: "cs_" + writeOnlyRandom.hex(40))
        return (readWrite, readOnly, writeOnly)
    }

    static func startOfToday() -> Date {
        let now = Int64(Date().timeIntervalSince1970)
        return Date(timeIntervalSince1970: TimeInterval(now.floorDiv(86_400) * 86_400))
    }
}
