import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixCore
import LogixTestSupport
import NIOCore
import Shopify
import ShopifySim
import Storage
import Sync
import Testing

@testable import LogixServer

/// A Shopify store's deliveries over real HTTP both ways: ShopifySim signs and sends them to a running Logix,
/// whose receiver verifies and stores them and whose inbox applier reads each order again from the store
/// (through the channel `integrations.platform` names) and applies it.
@Suite struct ShopifyWebhookEndToEndTests {
    /// Placed at the store → webhook → Logix; the warehouse picks, packs and ships it in two parcels → each
    /// parcel is a fulfillment at the store with its tracking, the first partial.
    @Test(arguments: TestEngine.allCases)
    func aPlacedOrderIsShippedInTwoParcelsAsTwoFulfillments(engine: TestEngine) async throws {
        try await ShopifySim.with(orders: 0) { sim in
            try await ServerHarness.with(engine, store: false, live: true) { server in
                let integration = try await Self.connect(sim, server: server, webhooks: true)
                let skus = Array(await sim.variants.filter(\.tracked).compactMap(\.sku).prefix(2))
                try #require(skus.count == 2)
                let placed = try await sim.placeOrder(
                    ShopifySimNewOrder(lines: [.init(sku: skus[0], quantity: 3), .init(sku: skus[1], quantity: 1)]))
                try await waitUntil("the placed order is in Logix") {
                    try await Self.order(placed.legacyResourceId, integration: integration, in: server.services) != nil
                }
                let order = try #require(
                    try await Self.order(placed.legacyResourceId, integration: integration, in: server.services))
                let orderID = Int(try #require(order.id))
                for body in [#"{"event": "picked"}"#, #"{"event": "packed"}"#] {
                    let response = try await server.fulfill(orderID, body)
                    #expect(response.status == .ok, "\(body): \(response.text)")
                }
                let first = try await server.fulfill(
                    orderID,
                    #"{"event": "shipped", "carrier": "UPS", "tracking_number": "1Z001", "tracking_url": "https://ups.example/1Z001", "lines": [{"sku": "\#(skus[0])", "quantity": 2}]}"#
                )
                #expect(first.status == .ok, "\(first.text)")
                try await server.waitForDrainedOutbox(integration: integration)
                var fulfillments = try await sim.fulfillments(orderId: placed.legacyResourceId)
                #expect(fulfillments.count == 1)
                #expect(fulfillments.first?.tracking.first?.number == "1Z001")
                #expect(fulfillments.first?.tracking.first?.company == "UPS")
                #expect(fulfillments.first?.lines.map(\.quantity) == [2])
                #expect(
                    try await sim.fulfillmentOrders(orderId: placed.legacyResourceId).flatMap(\.lines)
                        .map(\.remainingQuantity).reduce(0, +) == 2)

                let rest = try await server.fulfill(
                    orderID, #"{"event": "shipped", "carrier": "DHL", "tracking_number": "JD002"}"#)
                #expect(rest.status == .ok, "\(rest.text)")
                try await server.waitForDrainedOutbox(integration: integration)
                fulfillments = try await sim.fulfillments(orderId: placed.legacyResourceId)
                #expect(fulfillments.count == 2)
                #expect(fulfillments.last?.tracking.first?.number == "JD002")
                #expect(
                    try await sim.fulfillmentOrders(orderId: placed.legacyResourceId).allSatisfy {
                        $0.status == "CLOSED"
                    })
                #expect(try await server.outbox(integration: integration, state: "dead").isEmpty)
            }
        }
    }

    /// The catalogue pulled into the SKU map, a count in Logix reaches the shop's first active location as its
    /// `available` quantity, through the outbox and `inventorySetQuantities`.
    @Test(arguments: TestEngine.allCases)
    func aCountInLogixBecomesTheShopsAvailableQuantity(engine: TestEngine) async throws {
        try await ShopifySim.with(orders: 0) { sim in
            try await ServerHarness.with(engine, store: false, live: true) { server in
                let integration = try await Self.connect(sim, server: server, webhooks: false)
                try await server.pullProducts(integration: integration, token: server.alice)
                // A tracked variant whose SKU no other variant shares (duplicates stay out of the SKU map).
                let variants = await sim.variants
                let sku = try #require(
                    variants.filter(\.tracked).compactMap(\.sku).first { sku in
                        !sku.isEmpty && variants.filter { $0.sku == sku }.count == 1
                    })
                let location = try #require(await sim.locations.first(where: \.isActive))
                _ = try await server.setOnHand(17, sku: sku, token: server.alice)
                try await server.waitForDrainedOutbox(integration: integration)
                let level = await sim.inventoryLevels(sku: sku).first { $0.locationId == location.id }
                #expect(level?.quantities["available"] == 17)
                #expect(try await server.outbox(integration: integration, state: "dead").isEmpty)
            }
        }
    }

    @Test(arguments: TestEngine.allCases)
    func placedAndCancelledOrdersArriveByWebhook(engine: TestEngine) async throws {
        try await ShopifySim.with(orders: 0) { sim in
            try await ServerHarness.with(engine, store: false, live: true) { server in
                try await Self.run(sim: sim, server: server)
            }
        }
    }

    /// What the API answers about an integration, as far as these tests read it.
    struct IntegrationAnswer: Decodable {
        var id: Int64
        var storeURL: String
        var hasWebhookSecret: Bool

        enum CodingKeys: String, CodingKey {
            case id
            case storeURL = "store_url"
            case hasWebhookSecret = "has_webhook_secret"
        }
    }

    /// Connects the simulated shop as Alice's integration through the API (its token tried against the shop,
    /// then sealed with the API secret) and registers its webhooks through the API when `webhooks` (Shopify's
    /// topics, delivering to the running server's Shopify receiver); returns the integration's id.
    static func connect(_ sim: ShopifySim, server: ServerHarness, webhooks: Bool) async throws -> Int64 {
        let services = server.services
        let created = try await server.request(
            .post, "/api/v1/shopify/integrations", token: server.alice,
            json:
                #"{"shop_domain": "\#(sim.baseURL)", "access_token": "\#(sim.accessToken)", "api_secret": "\#(sim.apiSecret)", "integration_name": "Shopify"}"#
        )
        #expect(created.status == .created, "\(created.text)")
        let answer = try created.decoded(IntegrationAnswer.self)
        #expect(answer.storeURL == sim.baseURL && answer.hasWebhookSecret)
        #expect(!created.text.contains(sim.accessToken) && !created.text.contains(sim.apiSecret))
        guard webhooks else { return answer.id }
        let registered = try await server.request(
            .post, "/api/v1/shopify/integrations/\(answer.id)/webhooks", token: server.alice, json: "{}")
        #expect(registered.status == .ok, "\(registered.text)")
        let receiver = "\(services.publicURL.value)/api/v1/shopify/webhooks/receive?integration=\(answer.id)"
        let subscriptions = await sim.webhookSubscriptions
        #expect(
            Set(subscriptions.map(\.topic))
                == Set(ShopifyChannel.webhookTopics.map { ShopifyWebhookTopic(restName: $0).rawValue }))
        #expect(subscriptions.allSatisfy { $0.uri == receiver })
        return answer.id
    }

    /// A token the shop refuses is answered 422 `store_refused_credentials`, an address that is no shop's 422
    /// naming `shop_domain`, a failing shop 502; nothing is stored.
    @Test func aRefusedTokenConnectsNothing() async throws {
        try await ShopifySim.with(orders: 0) { sim in
            try await ServerHarness.with(.sqlite, store: false, live: true) { server in
                let refused = try await server.request(
                    .post, "/api/v1/shopify/integrations", token: server.alice,
                    json:
                        #"{"shop_domain": "\#(sim.baseURL)", "access_token": "shpat_wrong", "api_secret": "x", "integration_name": "Shopify"}"#
                )
                #expect(refused.status == .unprocessableContent, "\(refused.text)")
                #expect(refused.text.contains("store_refused_credentials"))
                #expect(!refused.text.contains("shpat_wrong"))
                // Not a shop's address at all: the field is named, and the shop is not asked.
                let requests = await sim.requestCount
                let nonsense = try await server.request(
                    .post, "/api/v1/shopify/integrations", token: server.alice,
                    json:
                        #"{"shop_domain": "$", "access_token": "shpat_x", "api_secret": "x", "integration_name": "S"}"#)
                #expect(nonsense.status == .unprocessableContent, "\(nonsense.text)")
                #expect(nonsense.text.contains("shop_domain"))
                #expect(await sim.requestCount == requests)
                // The shop failing (503 at every attempt): 502, the shop's failure named.
                await sim.failNext(count: 20, status: 503)
                let failing = try await server.request(
                    .post, "/api/v1/shopify/integrations", token: server.alice,
                    json:
                        #"{"shop_domain": "\#(sim.baseURL)", "access_token": "\#(sim.accessToken)", "api_secret": "x", "integration_name": "S"}"#
                )
                #expect(failing.status == .badGateway, "\(failing.text)")
                #expect(!failing.text.contains(sim.accessToken))
                let stored = try await server.services.database.read { sql in
                    try await IntegrationRecords().list(userID: 1, on: sql)
                }
                #expect(stored.isEmpty)
            }
        }
    }

    /// An order sync through the API imports the shop's orders (the channel picked by the integration's
    /// platform), and the integration reads back under the Shopify prefix.
    @Test func anOrderSyncThroughTheAPIImportsTheShop() async throws {
        try await ShopifySim.with(orders: 12) { sim in
            try await ServerHarness.with(.sqlite, store: false, live: true) { server in
                let integration = try await Self.connect(sim, server: server, webhooks: false)
                let synced = try await server.request(
                    .post, "/api/v1/shopify/integrations/\(integration)/sync?wait=true", token: server.alice,
                    json: #"{"mode": "full"}"#)
                #expect(synced.status == .ok, "\(synced.text)")
                let orders = try await server.services.database.read { sql in
                    try await OrderRecords().count(integrationID: integration, on: sql)
                }
                let storeOrders = await sim.orders.count
                #expect(orders > 0 && orders <= storeOrders)
                let read = try await server.request(
                    .get, "/api/v1/shopify/integrations/\(integration)", token: server.alice)
                #expect(read.status == .ok)
                #expect(try read.decoded(IntegrationAnswer.self).id == integration)
                // Each prefix lists its own platform's integrations.
                struct Listing: Decodable { var items: [IntegrationAnswer] }
                let shopify = try await server.request(.get, "/api/v1/shopify/integrations", token: server.alice)
                #expect(try shopify.decoded(Listing.self).items.map(\.id) == [integration])
                let woo = try await server.request(.get, "/api/v1/woocommerce/integrations", token: server.alice)
                #expect(try woo.decoded(Listing.self).items.isEmpty)
            }
        }
    }

    static func run(sim: ShopifySim, server: ServerHarness) async throws {
        let services = server.services
        let integration = try await Self.connect(sim, server: server, webhooks: true)

        let sku = try #require(await sim.variants.compactMap(\.sku).first)
        let placed = try await sim.placeOrder(ShopifySimNewOrder(lines: [.init(sku: sku, quantity: 2)]))
        try await waitUntil("the placed order is in Logix") {
            try await Self.order(placed.legacyResourceId, integration: integration, in: services)?.status == .ready
        }
        let order = try #require(
            try await Self.order(placed.legacyResourceId, integration: integration, in: services))
        #expect(order.number == placed.name)
        #expect(order.lines.map(\.sku) == [sku])
        #expect(order.lines.map(\.quantity) == [2])

        _ = try await sim.cancelOrder(placed.legacyResourceId)
        try await waitUntil("the cancellation is in Logix") {
            try await Self.order(placed.legacyResourceId, integration: integration, in: services)?.status
                == .cancelled
        }
        let delivered = await sim.webhookDeliveries.filter { $0.outcome == .delivered }.map(\.topic)
        #expect(Set(delivered).isSuperset(of: ["orders/create", "orders/cancelled"]))

        // A body whose signature does not match is refused and stored nowhere.
        let before = try await server.inbox().values.reduce(0, +)
        let forged = try await server.request(
            .post, "/api/v1/shopify/webhooks/receive?integration=\(integration)", token: nil,
            json: #"{"id": \#(placed.legacyResourceId)}"#,
            headers: [
                HTTPField.Name("X-Shopify-Topic")!: "orders/updated",
                HTTPField.Name("X-Shopify-Hmac-Sha256")!: ShopifyWebhookSignature.sign(
                    body: Data(#"{"id": 1}"#.utf8), secret: sim.apiSecret),
                HTTPField.Name("X-Shopify-Webhook-Id")!: "forged",
            ])
        #expect(forged.status == .unauthorized)
        #expect(try await server.inbox().values.reduce(0, +) == before)
    }

    static func order(_ externalID: Int64, integration: Int64, in services: ServerServices) async throws -> Order? {
        try await services.database.read { sql in
            try await OrderRecords().fetch(integrationID: integration, externalIDs: [externalID], on: sql)[externalID]
        }
    }
}
