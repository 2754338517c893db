import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixCore
import LogixTestSupport
import Shopify
import ShopifySim
import Storage
import Sync
import Testing

@testable import LogixServer

/// A Shopify integration's own settings through the API: the location stock is set at, the pinned API version,
/// test orders and the status mapping over Shopify's store statuses, each checked when given and each changing
/// what the next sync, stock push or connection test does; and what the shop itself can take away (the app
/// uninstalled) or never had (an order status to set).
@Suite struct ShopifyIntegrationSettingsTests {
    /// What the API answers about a Shopify integration, as far as these tests read it.
    struct Integration: Decodable {
        struct Mapping: Decodable { var inbound: [String: String]? }
        var id: Int64
        var platform: String
        var locationID: Int64?
        var apiVersion: String?
        var importTestOrders: Bool?
        var auth: String?
        var statusMapping: Mapping
        var importStatuses: [String]

        enum CodingKeys: String, CodingKey {
            case id, platform, auth
            case locationID = "location_id"
            case apiVersion = "api_version"
            case importTestOrders = "import_test_orders"
            case statusMapping = "status_mapping"
            case importStatuses = "import_statuses"
        }
    }

    struct Problem: Decodable {
        struct Body: Decodable {
            var code: String
            var fields: [String: String]?
        }
        var error: Body
    }

    struct TestAnswer: Decodable {
        var platform: String
        var apiVersion: String?
        var authMode: String
        var woocommerceVersion: String?

        enum CodingKeys: String, CodingKey {
            case platform
            case apiVersion = "api_version"
            case authMode = "auth_mode"
            case woocommerceVersion = "woocommerce_version"
        }
    }

    struct OrderListing: Decodable {
        struct Item: Decodable {
            var externalID: Int64
            var platform: String
            var status: String
            var storeStatus: String
            enum CodingKeys: String, CodingKey {
                case platform, status
                case externalID = "external_id"
                case storeStatus = "store_status"
            }
        }
        var items: [Item]
    }

    static func create(_ sim: ShopifySim, _ server: ServerHarness, extra: String) async throws -> TestResponse {
        try await server.request(
            .post, "/api/v1/shopify/integrations", token: server.alice,
            json:
                #"{"shop_domain": "\#(sim.baseURL)", "access_token": "\#(sim.accessToken)", "api_secret": "\#(sim.apiSecret)", "integration_name": "Shop"\#(extra)}"#
        )
    }

    /// A location the shop does not have is refused naming the ones it has, and nothing is stored; the
    /// settings given are kept and shown; the pinned version is the one the shop is asked with; the status
    /// mapping and test orders shape the sync; a count goes to the chosen location.
    @Test func aShopsSettingsAreCheckedAndShapeWhatLogixDoes() async throws {
        try await ShopifySim.with(orders: 0) { sim in
            try await ServerHarness.with(.sqlite, store: false, live: true, configure: Self.syncsByHand) { server in
                let active = await sim.locations.filter(\.isActive)
                try #require(active.count >= 2)
                let missing = try await Self.create(sim, server, extra: #", "location_id": 999"#)
                #expect(missing.status == .unprocessableContent, "\(missing.text)")
                let refusal = try missing.decoded(Problem.self).error.fields?["location_id"]
                #expect(refusal?.contains(String(try #require(ShopifyGID(active[1].id)).legacyID)) == true)
                #expect(try await server.services.integrations.list(userID: 1, page: 1, perPage: 10).total == 0)

                // A stocked SKU, and a location other than the first active one that stocks it.
                let variants = await sim.variants
                let (sku, chosen) = try #require(
                    await Self.skuStockedBeyondTheFirstLocation(sim, variants: variants, active: active))
                let created = try await Self.create(
                    sim, server,
                    extra:
                        #", "location_id": "\#(chosen.id)", "api_version": "2026-07", "status_mapping": {"inbound": {"open": "on_hold"}}"#
                )
                #expect(created.status == .created, "\(created.text)")
                let integration = try created.decoded(Integration.self)
                #expect(integration.platform == "shopify")
                #expect(integration.locationID == ShopifyGID(chosen.id)?.legacyID)
                #expect(integration.apiVersion == "2026-07")
                #expect(integration.importTestOrders == false)
                #expect(integration.statusMapping.inbound == ["open": "on_hold"])
                #expect(integration.importStatuses.contains("open") && integration.importStatuses.contains("cancelled"))

                let tested = try await server.request(
                    .post, "/api/v1/shopify/integrations/\(integration.id)/test", token: server.alice, json: "{}")
                #expect(tested.status == .ok, "\(tested.text)")
                let report = try tested.decoded(TestAnswer.self)
                #expect(report.platform == "shopify" && report.authMode == "access_token")
                #expect(report.apiVersion == "2026-07" && report.woocommerceVersion == nil)

                // A paid order is `open`, mapped to on_hold here; a test order stays out until asked for.
                let paid = try await sim.placeOrder(ShopifySimNewOrder(lines: [.init(sku: sku, quantity: 1)]))
                let test = try await sim.placeOrder(
                    ShopifySimNewOrder(lines: [.init(sku: sku, quantity: 1)], test: true))
                try await Self.sync(integration.id, server)
                var orders = try await Self.orders(server)
                #expect(orders.map(\.externalID) == [paid.legacyResourceId])
                #expect(orders.first?.platform == "shopify")
                #expect(orders.first?.storeStatus == "open" && orders.first?.status == "on_hold")

                let changed = try await server.request(
                    .patch, "/api/v1/shopify/integrations/\(integration.id)", token: server.alice,
                    json: #"{"import_test_orders": true, "status_mapping": {"inbound": {}}}"#)
                #expect(changed.status == .ok, "\(changed.text)")
                #expect(try changed.decoded(Integration.self).importTestOrders == true)
                try await Self.sync(integration.id, server, mode: "full")
                orders = try await Self.orders(server)
                #expect(Set(orders.map(\.externalID)) == [paid.legacyResourceId, test.legacyResourceId])
                #expect(orders.first { $0.externalID == test.legacyResourceId }?.status == "ready")

                // A count reaches the chosen location, not the first active one.
                try await server.pullProducts(integration: integration.id, token: server.alice)
                // Available is on hand less what the imported orders reserve.
                let level = try await server.setOnHand(23, sku: sku, token: server.alice)
                #expect(level.available == 23 - level.reserved)
                try await server.waitForDrainedOutbox(integration: integration.id)
                let levels = await sim.inventoryLevels(sku: sku)
                #expect(levels.first { $0.locationId == chosen.id }?.quantities["available"] == level.available)
                #expect(levels.first { $0.locationId == active[0].id }?.quantities["available"] != level.available)
                #expect(try await server.outbox(integration: integration.id, state: "dead").isEmpty)
            }
        }
    }

    /// Wrong settings are named, all at once, and change nothing; WooCommerce's names and routes do not reach a
    /// Shopify integration; a Shopify order has no status to set, so nothing is queued.
    @Test func wrongSettingsAndForeignRoutesChangeNothing() async throws {
        try await ShopifySim.with(orders: 3) { sim in
            try await ServerHarness.with(.sqlite, store: false, live: true, configure: Self.syncsByHand) { server in
                let created = try await Self.create(sim, server, extra: "")
                let integration = try created.decoded(Integration.self)
                let wrong = try await server.request(
                    .patch, "/api/v1/shopify/integrations/\(integration.id)", token: server.alice,
                    json:
                        #"{"location_id": "Main street", "api_version": "2026-05", "status_mapping": {"inbound": {"processing": "ready"}}, "import_statuses": ["open", "shipped"], "integration_name": "Renamed"}"#
                )
                #expect(wrong.status == .unprocessableContent, "\(wrong.text)")
                let fields = try wrong.decoded(Problem.self).error.fields ?? [:]
                #expect(Set(fields.keys) == ["location_id", "api_version", "status_mapping", "import_statuses"])
                let outbound = try await server.request(
                    .patch, "/api/v1/shopify/integrations/\(integration.id)", token: server.alice,
                    json: #"{"status_mapping": {"outbound": {"shipped": "fulfilled"}}}"#)
                #expect(outbound.status == .unprocessableContent, "\(outbound.text)")
                let read = try await server.request(
                    .get, "/api/v1/shopify/integrations/\(integration.id)", token: server.alice)
                #expect(!read.text.contains("Renamed"))

                // A retired version is served as the oldest supported one, without an error: the test says so.
                let retired = try await server.request(
                    .patch, "/api/v1/shopify/integrations/\(integration.id)", token: server.alice,
                    json: #"{"api_version": "2024-01"}"#)
                #expect(retired.status == .ok, "\(retired.text)")
                let tested = try await server.request(
                    .post, "/api/v1/shopify/integrations/\(integration.id)/test", token: server.alice, json: "{}")
                #expect(try tested.decoded(TestAnswer.self).apiVersion == "2026-01")

                // WooCommerce's PATCH does not reach it.
                let viaWoo = try await server.request(
                    .patch, "/api/v1/woocommerce/integrations/\(integration.id)", token: server.alice,
                    json: #"{"integration_name": "Renamed"}"#)
                #expect(viaWoo.status == .notFound)

                try await Self.sync(integration.id, server, mode: "full")
                let order = try #require(try await Self.orders(server).first)
                let status = try await server.request(
                    .put, "/api/v1/shopify/integrations/\(integration.id)/orders/\(order.externalID)/status",
                    token: server.alice, json: #"{"status": "completed"}"#)
                #expect(status.status == .unprocessableContent, "\(status.text)")
                #expect(try status.decoded(Problem.self).error.code == "unsupported_operation")
                let viaWooStatus = try await server.request(
                    .put, "/api/v1/woocommerce/integrations/\(integration.id)/orders/\(order.externalID)/status",
                    token: server.alice, json: #"{"status": "completed"}"#)
                #expect(viaWooStatus.status == .notFound)
                #expect(try await server.outbox(integration: integration.id, state: "pending").isEmpty)
                #expect(try await server.outbox(integration: integration.id, state: "dead").isEmpty)
            }
        }
    }

    /// An app made in Shopify's Dev Dashboard has no static token: Logix is given its client id and secret and
    /// asks the shop for tokens itself, once for every client of the shop; wrong credentials connect nothing.
    @Test func aDevDashboardAppConnectsWithItsClientCredentials() async throws {
        try await ShopifySim.with(orders: 6) { sim in
            try await ServerHarness.with(.sqlite, store: false, live: true, configure: Self.syncsByHand) { server in
                let refused = try await server.request(
                    .post, "/api/v1/shopify/integrations", token: server.alice,
                    json:
                        #"{"shop_domain": "\#(sim.baseURL)", "client_id": "\#(sim.clientID)", "api_secret": "shpss_wrong", "integration_name": "Shop"}"#
                )
                #expect(refused.status == .unprocessableContent, "\(refused.text)")
                let problem = try refused.decoded(Problem.self).error
                #expect(problem.code == "store_refused_credentials" && problem.fields?["client_id"] != nil)
                #expect(!refused.text.contains("shpss_wrong"))
                let both = try await Self.create(sim, server, extra: #", "client_id": "\#(sim.clientID)""#)
                #expect(both.status == .unprocessableContent, "\(both.text)")

                let created = try await server.request(
                    .post, "/api/v1/shopify/integrations", token: server.alice,
                    json:
                        #"{"shop_domain": "\#(sim.baseURL)", "client_id": "\#(sim.clientID)", "api_secret": "\#(sim.apiSecret)", "integration_name": "Shop"}"#
                )
                #expect(created.status == .created, "\(created.text)")
                let integration = try created.decoded(Integration.self)
                #expect(integration.auth == "client_credentials")
                try await Self.sync(integration.id, server, mode: "full")
                #expect(try await Self.orders(server).count == (await sim.orders.count))
                _ = try await server.request(
                    .post, "/api/v1/shopify/integrations/\(integration.id)/test", token: server.alice, json: "{}")
                #expect(sim.grantedTokenCount == 1, "one token for the check, the sync and the test")

                // Back to a static token: the PATCH says which key it gives.
                let switched = try await server.request(
                    .patch, "/api/v1/shopify/integrations/\(integration.id)", token: server.alice,
                    json: #"{"access_token": "\#(sim.accessToken)"}"#)
                #expect(switched.status == .ok, "\(switched.text)")
                #expect(try switched.decoded(Integration.self).auth == "access_token")
            }
        }
    }

    /// A new API secret is what the receiver checks deliveries with from the moment it is saved: the old one's
    /// signature is refused at once, not after the secret cache's lifetime.
    @Test func aNewAPISecretSignsDeliveriesAtOnce() async throws {
        try await ShopifySim.with(orders: 0) { sim in
            try await ServerHarness.with(.sqlite, store: false, live: true, configure: Self.syncsByHand) { server in
                let integration = try await Self.create(sim, server, extra: "").decoded(Integration.self)
                let body = #"{"id": 1}"#
                func deliver(signedWith secret: String) async throws -> HTTPResponse.Status {
                    try await server.request(
                        .post, "/api/v1/shopify/webhooks/receive?integration=\(integration.id)", token: nil,
                        json: body,
                        headers: [
                            HTTPField.Name("X-Shopify-Topic")!: "orders/updated",
                            HTTPField.Name("X-Shopify-Hmac-Sha256")!: ShopifyWebhookSignature.sign(
                                body: Data(body.utf8), secret: secret),
                            HTTPField.Name("X-Shopify-Webhook-Id")!: UUID().uuidString,
                        ]
                    ).status
                }
                #expect(try await deliver(signedWith: sim.apiSecret) == .ok)
                let rotated = try await server.request(
                    .patch, "/api/v1/shopify/integrations/\(integration.id)", token: server.alice,
                    json: #"{"api_secret": "shpss_rotated"}"#)
                #expect(rotated.status == .ok, "\(rotated.text)")
                #expect(!rotated.text.contains("shpss_rotated"))
                #expect(try await deliver(signedWith: sim.apiSecret) == .unauthorized)
                #expect(try await deliver(signedWith: "shpss_rotated") == .ok)
            }
        }
    }

    /// `app/uninstalled`: the token no longer works, so the integration is paused (the scheduler passes it over)
    /// and its health says why and what to do, instead of every sync failing from then on.
    @Test(arguments: TestEngine.allCases)
    func anUninstalledAppPausesTheIntegration(engine: TestEngine) async throws {
        try await ShopifySim.with(orders: 0) { sim in
            try await ServerHarness.with(engine, store: false, live: true) { server in
                let integration = try await ShopifyWebhookEndToEndTests.connect(sim, server: server, webhooks: true)
                await sim.uninstallApp()
                try await waitUntil("the integration is paused") {
                    try await server.services.database.read { sql in
                        try await IntegrationRecords().find(id: integration, on: sql)?.status == .inactive
                    }
                }
                let health = try await server.services.database.read { sql in
                    try await IntegrationHealthRecords().health(integrationID: integration, on: sql)
                }
                #expect(health.lastError?.code == "app_uninstalled")
                #expect(health.lastError?.message.contains("PATCH /api/v1/shopify/integrations/\(integration)") == true)
                #expect((try await server.inbox()[.pending] ?? 0) == 0)
            }
        }
    }

    // MARK: - Parts

    /// These tests start every sync themselves: the scheduler's first sync of a new integration falls at a
    /// random moment within its interval, and one that fell inside a slow test made the test's own sync a 409.
    static func syncsByHand(_ configuration: inout ServerConfiguration) {
        configuration.schedulerEnabled = false
    }

    /// A SKU that has a level at an active location other than the first active one, and that location.
    static func skuStockedBeyondTheFirstLocation(
        _ sim: ShopifySim, variants: [ShopifySimVariant], active: [ShopifySimLocation]
    ) async -> (String, ShopifySimLocation)? {
        for variant in variants where variant.tracked {
            guard let sku = variant.sku, !sku.isEmpty, variants.filter({ $0.sku == sku }).count == 1 else { continue }
            let levels = await sim.inventoryLevels(sku: sku)
            if let location = active.dropFirst().first(where: { location in
                levels.contains { $0.locationId == location.id }
            }) {
                return (sku, location)
            }
        }
        return nil
    }

    static func sync(_ integration: Int64, _ server: ServerHarness, mode: String = "incremental") async throws {
        let synced = try await server.request(
            .post, "/api/v1/shopify/integrations/\(integration)/sync?wait=true", token: server.alice,
            json: #"{"mode": "\#(mode)"}"#)
        #expect(synced.status == .ok, "\(synced.text)")
    }

    static func orders(_ server: ServerHarness) async throws -> [OrderListing.Item] {
        try await server.request(.get, "/api/v1/orders?per_page=100", token: server.alice).decoded(OrderListing.self)
            .items
    }
}
