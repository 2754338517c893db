import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import LogixTestSupport
import NIOCore
import Pacing
import ServiceLifecycle
import Storage
import Sync
import Synchronization
import Testing
import WooCommerce
import WooSim

@testable import LogixServer

// Helpers for the end-to-end tests: the API over HTTP, the simulated store over HTTP, background work awaited
// with a deadline (never a bare sleep).

/// Polls `condition` every 50 ms until it holds; fails with `description` when `timeout` passes first.
///
/// The limit guards against a hang; it is not a speed target, so it is a minute: in a full test run on two
/// cores, hundreds of tests share the cooperative pool, and a webhook delivery that takes 50 ms alone took over
/// 8 s there (CI failed that way on otherwise correct runs).
func waitUntil(
    _ description: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool
) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while true {
        if try await condition() { return }
        guard clock.now < deadline else { throw TestDatabaseError("timed out waiting until \(description)") }
        try await Task.sleep(for: .milliseconds(50))
    }
}

/// A store that small: a handful of generated orders, so listings stay one page and syncs stay quick.
extension WooSimConfiguration {
    static var small: WooSimConfiguration {
        var configuration = WooSimConfiguration()
        configuration.orderCount = 3
        return configuration
    }
}

/// Opens and closes the live server's webhook receiver: while closed, deliveries are answered 503, as by a
/// server that is down behind its proxy. Everything else is served as usual.
final class ReceiverGate: Sendable {
    private let open = Mutex(true)

    func set(open value: Bool) { open.withLock { $0 = value } }
    var isOpen: Bool { open.withLock { $0 } }
}

/// What ``buildApplication(services:closesServicesOnShutdown:)`` builds (router, inbox applier, outbox sender,
/// scheduler when enabled), with the receiver behind `gate`.
func gatedApplication(services: ServerServices, gate: ReceiverGate) -> some ApplicationProtocol {
    let configuration = services.configuration
    let router = buildRouter(services: services).buildResponder()
    let responder = CallbackResponder<AppRequestContext> { request, context in
        if !gate.isOpen, request.uri.path.hasSuffix("/woocommerce/webhooks/receive") {
            return Response(status: .serviceUnavailable)
        }
        return try await router.respond(to: request, context: context)
    }
    var background: [any Service] = requestServices(services)
    background += [
        InboxApplierService(
            applier: services.inboxApplier, signal: services.webhookSignal, interval: .seconds(5),
            clock: services.clock, logger: services.logger),
        OutboxSenderService(sender: services.outboxSender),
    ]
    if configuration.schedulerEnabled { background.append(SchedulerService(scheduler: services.scheduler())) }
    return Application(
        responder: responder,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "logix"),
        services: background,
        onServerRunning: { channel in
            if let port = channel.localAddress?.port { services.publicURL.set("http://\(configuration.host):\(port)") }
        },
        logger: services.logger)
}

/// The server's own store channels (credentials from its vault) without the client's own retries, so every
/// failure reaches the outbox and every request is counted once.
struct UnretriedStoreClients: SalesChannelProvider {
    let services: ServerServices

    func client(for integration: IntegrationRecord) throws -> WooCommerceClient {
        let credentials = try IntegrationCredentials(vault: services.vault, database: services.database)
            .credentials(of: integration)
        return try WooCommerceClient(
            configuration: WooCommerceConfiguration(
                storeURL: integration.storeURL,
                credentials: WooCredentials(
                    consumerKey: credentials.consumerKey.revealed,
                    consumerSecret: credentials.consumerSecret.revealed),
                requestTimeout: .seconds(10), retryPolicy: .none))
    }

    func channel(for integration: IntegrationRecord) throws -> any SalesChannel {
        try WooCommerceChannel(integration: integration) { try client(for: integration) }
    }
}

extension ServerHarness {
    /// A `2xx` JSON object from the API as Alice.
    func json(_ method: HTTPRequest.Method = .get, _ uri: String, _ body: String? = nil) async throws -> [String: Any] {
        let response = try await request(method, uri, token: alice, json: body)
        #expect(response.status.code / 100 == 2, "\(method) \(uri): \(response.status) \(response.text)")
        return try response.json()
    }

    /// The `items` of a list endpoint.
    func items(_ uri: String) async throws -> [[String: Any]] {
        try await json(.get, uri)["items"] as? [[String: Any]] ?? []
    }

    /// Alice's orders of `integration`, by store id.
    func logixOrders(integration: Int64) async throws -> [Int: [String: Any]] {
        let items = try await items("/api/v1/orders?integration_id=\(integration)&per_page=100")
        return Dictionary(items.map { ($0["external_id"] as? Int ?? 0, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Waits until the store's order `externalID` is in Logix; returns it.
    func waitForOrder(_ externalID: Int, integration: Int64) async throws -> [String: Any] {
        var found: [String: Any]?
        try await waitUntil("order \(externalID) is in Logix") {
            found = try await logixOrders(integration: integration)[externalID]
            return found != nil
        }
        return try #require(found)
    }

    /// Imports the store's orders with a sync, waiting for it to finish.
    func syncOrders(integration: Int64) async throws {
        let response = try await request(
            .post, "/api/v1/woocommerce/integrations/\(integration)/sync?wait=true", token: alice, json: "{}")
        #expect(response.status == .ok, "\(response.text)")
    }

    /// `POST /orders/{id}/fulfillment` as Alice.
    @discardableResult
    func fulfill(_ orderID: Int, _ body: String, token: String? = nil) async throws -> TestResponse {
        try await request(.post, "/api/v1/orders/\(orderID)/fulfillment", token: token ?? alice, json: body)
    }

    /// Picks, packs and ships the order (all of it); expects each step to succeed.
    func ship(_ orderID: Int, tracking: String) async throws {
        for body in [
            #"{"event": "picked"}"#, #"{"event": "packed"}"#,
            #"{"event": "shipped", "carrier": "DHL", "tracking_number": "\#(tracking)"}"#,
        ] {
            let response = try await fulfill(orderID, body)
            #expect(response.status == .ok, "\(body): \(response.text)")
        }
    }

    /// The integration's outbox items in `state` (all states when `nil`).
    func outbox(integration: Int64, state: String? = nil) async throws -> [[String: Any]] {
        try await items(
            "/api/v1/outbox?integration_id=\(integration)&per_page=100" + (state.map { "&state=\($0)" } ?? ""))
    }

    /// Waits until the integration's outbox has nothing pending.
    func waitForDrainedOutbox(integration: Int64) async throws {
        try await waitUntil("the outbox of integration \(integration) is drained") {
            try await outbox(integration: integration, state: "pending").isEmpty
        }
    }

    /// The integration's `health` object.
    func health(integration: Int64) async throws -> [String: Any] {
        try #require(
            try await json(.get, "/api/v1/woocommerce/integrations/\(integration)")["health"] as? [String: Any])
    }

    /// Webhook deliveries stored in the inbox, by state.
    func inbox() async throws -> [InboxDelivery.State: Int] {
        try await services.database.read { sql in try await WebhookInboxRecords().countByState(on: sql) }
    }

    /// Waits until every webhook delivery stored so far is applied.
    func waitForAppliedInbox() async throws {
        try await waitUntil("the webhook inbox is applied") {
            let states = try await inbox()
            return (states[.pending] ?? 0) == 0
        }
    }

    /// Runs `body` with a client for the simulated store (real HTTP), shut down afterwards.
    func withStore<T: Sendable>(_ body: (WooCommerceClient) async throws -> T) async throws -> T {
        let sim = try #require(sim)
        let client = try WooCommerceClient(
            configuration: WooCommerceConfiguration(
                storeURL: sim.baseURL,
                credentials: WooCredentials(
                    consumerKey: sim.readWriteKeys.consumerKey, consumerSecret: sim.readWriteKeys.consumerSecret)))
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// The store's webhooks.
    func storeWebhooks() async throws -> [WooWebhook] {
        try await withStore { client in
            var hooks: [WooWebhook] = []
            for try await hook in client.webhooks().items { hooks.append(hook) }
            return hooks
        }
    }

    /// The store's order as the store holds it, read straight from the simulator (no API request: neither
    /// faulted nor counted in its request log).
    func storeOrder(_ id: Int) async throws -> WooOrder {
        let sim = try #require(sim)
        return try WooOrder.decode(from: try #require(await sim.orderJSON(id)))
    }

    /// The store's notes on an order, oldest first.
    func storeNotes(_ id: Int) async throws -> [String] {
        try await withStore { try await $0.orderNotes(orderID: id) }.sorted { $0.id < $1.id }.map(\.note)
    }

    /// The store's API requests so far that start with `prefix` (e.g. `"PUT /wp-json/wc/v3/orders/12"`),
    /// matching the path exactly (a query may follow).
    func storeRequests(_ method: String, _ path: String, in log: [String]? = nil) async throws -> Int {
        let sim = try #require(sim)
        let entries: [String]
        if let log { entries = log } else { entries = await sim.requestLog }
        let exact = "\(method) /wp-json/wc/v3/\(path)"
        return entries.filter { $0 == exact || $0.hasPrefix(exact + "?") }.count
    }

    /// The stock quantity the store holds for `sku` (read from the simulator).
    func storeStock(sku: String) async throws -> Int? {
        let sim = try #require(sim)
        let json = try #require(await sim.productJSON(sku: sku))
        return try JSONDecoder().decode(WooProduct.self, from: json).stockQuantity
    }
}
