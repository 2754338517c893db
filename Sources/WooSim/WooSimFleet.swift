import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import SimHosting
import Synchronization

/// Many simulated stores behind one port, for benchmarks that need thousands of stores (the scheduler's):
/// store `n` (`0..<storeCount`) answers under `http://HOST:PORT/s/n`, so its REST root is
/// `…/s/n/wp-json/wc/v3`, as a WordPress installed in a sub-directory serves it. Each store is a whole
/// ``WooSim`` store — its own seed (`seed + n`), so its own orders, catalog and keys, OAuth 1.0a signed over its
/// own URL, the same routes and store cost — built on its first request and kept, so a store never asked for
/// costs nothing and an idle one only its small generated catalog (its orders are regenerated on demand).
///
/// Not served per store: webhook deliveries (a fleet store keeps the webhooks registered on it but sends none)
/// and the `/__sim` control routes of a single store (``placeOrder(store:_:)`` drives one store instead).
public final class WooSimFleet: Sendable {
    /// How to build the fleet; each store is built from ``store`` with its own seed.
    public struct Configuration: Sendable {
        public var storeCount: Int = 1_000
        /// Store `n`'s seed is `seed + n`.
        public var seed: UInt64 = 42
        /// Every store's shape (its seed, host and port are the fleet's): small by default, as an idle store's
        /// memory is what a fleet of thousands multiplies.
        public var store: WooSimConfiguration
        public var host: String = "127.0.0.1"
        /// 0 → an ephemeral port.
        public var port: Int = 0
        /// Every store's cost and faults (``WooSimFaults/realStore`` models a real store's).
        public var faults = WooSimFaults()

        public init() {
            var store = WooSimConfiguration()
            store.orderCount = 5
            store.productCount = 2
            store.customerCount = 3
            store.historyDays = 30
            self.store = store
        }
    }

    /// `http://HOST:PORT`, without a trailing slash; store `n` is ``storeURL(_:)``.
    public let baseURL: String
    public let configuration: Configuration
    let stores: FleetStores
    private let server: Mutex<SimServer?>

    private init(baseURL: String, configuration: Configuration, stores: FleetStores) {
        self.baseURL = baseURL
        self.configuration = configuration
        self.stores = stores
        self.server = Mutex(nil)
    }

    /// Store `n`'s home URL, the URL a Logix integration is given: `baseURL + "/s/n"`.
    public func storeURL(_ n: Int) -> String {
        "\(self.baseURL)/s/\(n)"
    }

    /// Store `n`'s read/write key (derived from its seed, so another process can derive it too).
    public func keys(_ n: Int) -> WooSimKeys {
        WooSimFleet.keys(store: n, seed: self.configuration.seed)
    }

    /// The read/write key of store `n` of a fleet seeded with `seed`.
    public static func keys(store n: Int, seed: UInt64) -> WooSimKeys {
        var configuration = WooSimConfiguration()
        configuration.seed = seed &+ UInt64(n)
        return WooSim.keys(for: configuration).0
    }

    /// The store a fleet URL names (`…/s/n`), or nil.
    public static func storeNumber(inURL url: String) -> Int? {
        guard let range = url.range(of: "/s/", options: .backwards) else { return nil }
        let digits = url[range.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }

    /// Stores built so far (asked for at least once).
    public var liveStores: Int { self.stores.liveCount }

    /// API requests received by all stores.
    public var requestCount: Int { self.stores.requestCount }

    /// Places an order in store `n` as a shopper would (building the store if it was never asked for).
    @discardableResult
    public func placeOrder(store n: Int, _ order: WooSimNewOrder = WooSimNewOrder()) async throws -> Int {
        guard let entry = self.stores.entry(n) else { throw WooSimError.noRoute }
        return try await entry.store.placeOrder(order).id
    }

    /// Builds the fleet (no store yet) and returns once the port is bound.
    public static func start(_ configuration: Configuration = Configuration()) async throws -> WooSimFleet {
        var lastError: (any Error)?
        for _ in 0..<(configuration.port == 0 ? 5 : 1) {
            let port = configuration.port == 0 ? try FreePort.find(host: configuration.host) : configuration.port
            do {
                return try await WooSimFleet.start(configuration, port: port)
            } catch {
                lastError = error
            }
        }
        throw lastError ?? WooSimError(code: "woosim_start_failed", message: "The server did not start.", status: 500)
    }

    private static func start(_ configuration: Configuration, port: Int) async throws -> WooSimFleet {
        let baseURL = "http://\(configuration.host):\(port)"
        var configuration = configuration
        let historyEnd = Int64(
            (configuration.store.referenceDate ?? WooSim.startOfToday()).timeIntervalSince1970.rounded(.down))
        configuration.store.referenceDate = Date(timeIntervalSince1970: TimeInterval(historyEnd))
        configuration.store.tls = false
        let stores = FleetStores(configuration: configuration, baseURL: baseURL, historyEnd: historyEnd)
        var logger = Logger(label: "WooSimFleet")
        logger.logLevel =
            ProcessInfo.processInfo.environment["WOOSIM_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .critical
        let fleet = WooSimFleet(baseURL: baseURL, configuration: configuration, stores: stores)
        do {
            let running = try await SimServer.start(
                logger: logger,
                notStarted: WooSimError(code: "woosim_start_failed", message: "The server did not start.", status: 500)
            ) { listening in
                Application(
                    responder: FleetResponder(stores: stores), server: .http1(),
                    configuration: .init(
                        address: .hostname(configuration.host, port: port), serverName: "nginx/1.22.1"),
                    onServerRunning: { _ in listening() }, logger: logger)
            }
            fleet.server.withLock { $0 = running }
        } catch {
            try? await stores.webhookClient.shutdown()
            throw error
        }
        return fleet
    }

    /// Stops serving.
    public func stop() async {
        let server = self.server.withLock { server -> SimServer? in
            defer { server = nil }
            return server
        }
        await server?.stop()
        if server != nil { try? await self.stores.webhookClient.shutdown() }
    }
}

/// The fleet's stores, each built on first use and kept.
final class FleetStores: Sendable {
    /// One store: its state and its own router (the routes capture their store, as a single ``WooSim``'s do).
    struct Entry: Sendable {
        let store: SimStore
        let counter: RequestCounter
        let responder: RouterResponder<SimRequestContext>
    }

    let configuration: WooSimFleet.Configuration
    let baseURL: String
    let historyEnd: Int64
    /// The stores' dispatchers' one client (they send nothing, but each would otherwise own one).
    let webhookClient = WebhookDispatcher.makeClient()
    private let entries = Mutex<[Int: Entry]>([:])

    init(configuration: WooSimFleet.Configuration, baseURL: String, historyEnd: Int64) {
        self.configuration = configuration
        self.baseURL = baseURL
        self.historyEnd = historyEnd
    }

    var liveCount: Int { self.entries.withLock { $0.count } }

    var requestCount: Int { self.entries.withLock { $0.values.reduce(0) { $0 + $1.counter.value } } }

    /// Store `n`, built now if it never was; nil outside `0..<storeCount`.
    func entry(_ n: Int) -> Entry? {
        guard n >= 0, n < self.configuration.storeCount else { return nil }
        if let entry = self.entries.withLock({ $0[n] }) { return entry }
        // Built outside the lock (a catalog takes a moment); if two requests race, the first one stored wins.
        let built = self.build(n)
        return self.entries.withLock { entries in
            if let existing = entries[n] { return existing }
            entries[n] = built
            return built
        }
    }

    private func build(_ n: Int) -> Entry {
        var configuration = self.configuration.store
        configuration.seed = self.configuration.seed &+ UInt64(n)
        let homeURL = "\(self.baseURL)/s/\(n)"
        let keys = WooSim.keys(for: configuration)
        let faults = FaultInjector(seed: configuration.seed)
        faults.set(self.configuration.faults)
        let counter = RequestCounter()
        let dispatcher = WebhookDispatcher(
            faults: faults, homeURL: homeURL, timeout: configuration.webhookTimeout,
            allowsPrivateURLs: configuration.allowsPrivateWebhookURLs, seed: configuration.seed,
            sharedClient: self.webhookClient)
        let store = SimStore(
            configuration: configuration, historyEnd: self.historyEnd, homeURL: homeURL, dispatcher: dispatcher)
        let authenticator = SimAuthenticator(
            keys: [
                keys.0.consumerKey: SimAPIKey(keys: keys.0, canWrite: true),
                keys.1.consumerKey: SimAPIKey(keys: keys.1, canWrite: false),
                keys.2.consumerKey: SimAPIKey(keys: keys.2, canRead: false, canWrite: true),
            ], isTLS: false, stripsAuthorizationHeader: configuration.stripsAuthorizationHeader,
            homeURL: homeURL, oauth: OAuth1Verifier())
        let routes = SimRoutes(
            store: store, faults: faults, counter: counter, dispatcher: dispatcher, homeURL: homeURL, isTLS: false)
        let router = routes.makeRouter(authenticator: authenticator, frontage: configuration.frontage)
        return Entry(store: store, counter: counter, responder: router.buildResponder())
    }
}

/// Hands a request for `/s/n/…` to store `n`'s router with the prefix taken off, as the web server in front of
/// a WordPress in a sub-directory does; anything else is nginx's 404.
struct FleetResponder: HTTPResponder {
    typealias Context = SimRequestContext
    let stores: FleetStores

    func respond(to request: Request, context: SimRequestContext) async throws -> Response {
        let path = request.head.path ?? ""
        guard path.hasPrefix("/s/") else { return SimResponse.html(status: 404) }
        let rest = path.dropFirst(3)
        let digits = rest.prefix { $0.isNumber }
        guard let n = Int(digits), let entry = self.stores.entry(n) else { return SimResponse.html(status: 404) }
        var inner = String(rest.dropFirst(digits.count))
        if inner.isEmpty || inner.first == "?" { inner = "/" + inner }
        var head = request.head
        head.path = inner
        return try await entry.responder.respond(to: Request(head: head, body: request.body), context: context)
    }
}
