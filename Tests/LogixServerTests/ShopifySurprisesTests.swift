import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixCore
import LogixTestSupport
import ShopifySim
import Storage
import Sync
import Testing

@testable import LogixServer

/// The fact sheet's surprises (`shopify-api.md` §10) met end to end: ShopifySim changes an order the way a
/// merchant does after Logix has it, over real HTTP and real webhooks, and Logix follows without losing or
/// doubling anything.
@Suite struct ShopifySurprisesTests {
    /// §10.4 and §10.6: an order edit adds a line after import, with a fulfillment order of its own; the
    /// `orders/updated` delivery is read again from the shop, so Logix ships both lines, one fulfillment per
    /// fulfillment order, and every fulfillment order closes.
    @Test func anEditAddingALineIsShippedWhole() async throws {
        try await ShopifySim.with(orders: 0) { sim in
            try await ServerHarness.with(.sqlite, store: false, live: true) { server in
                let integration = try await ShopifyWebhookEndToEndTests.connect(sim, server: server, webhooks: true)
                let skus = Array(await sim.variants.filter(\.tracked).compactMap(\.sku).prefix(2))
                try #require(skus.count == 2)
                let placed = try await sim.placeOrder(ShopifySimNewOrder(lines: [.init(sku: skus[0], quantity: 1)]))
                try await Self.waitForOrder(placed.legacyResourceId, integration, server) { $0.lines.count == 1 }
                _ = try await sim.editOrder(
                    placed.legacyResourceId, ShopifySimOrderEdit(addLines: [.init(sku: skus[1], quantity: 2)]))
                let order = try await Self.waitForOrder(placed.legacyResourceId, integration, server) {
                    $0.lines.count == 2
                }
                #expect(order.lines.map(\.sku) == skus)
                #expect(order.lines.map(\.quantity) == [1, 2])

                try await Self.ship(order, server, integration: integration)
                let fulfillmentOrders = try await sim.fulfillmentOrders(orderId: placed.legacyResourceId)
                #expect(fulfillmentOrders.count == 2)
                #expect(fulfillmentOrders.allSatisfy { $0.status == "CLOSED" })
                #expect(try await sim.fulfillments(orderId: placed.legacyResourceId).count == 2)
            }
        }
    }

    /// §10.5: a partial refund before shipping leaves fewer units to ship; Logix ships what is left, and the
    /// shop is asked for no more than that.
    @Test func aPartialRefundLeavesLessToShip() async throws {
        try await ShopifySim.with(orders: 0) { sim in
            try await ServerHarness.with(.sqlite, store: false, live: true) { server in
                let integration = try await ShopifyWebhookEndToEndTests.connect(sim, server: server, webhooks: true)
                let sku = try #require(await sim.variants.filter(\.tracked).compactMap(\.sku).first)
                let placed = try await sim.placeOrder(ShopifySimNewOrder(lines: [.init(sku: sku, quantity: 3)]))
                try await Self.waitForOrder(placed.legacyResourceId, integration, server) { _ in true }
                try await sim.refundOrder(placed.legacyResourceId, lines: [.init(sku: sku, quantity: 1)])
                let order = try await Self.waitForOrder(placed.legacyResourceId, integration, server) {
                    $0.lines.first?.refundedQuantity == 1
                }
                #expect(order.lines.map(\.quantity) == [3])
                try await Self.ship(order, server, integration: integration)
                let shipped = try await sim.fulfillments(orderId: placed.legacyResourceId)
                #expect(shipped.flatMap(\.lines).map(\.quantity).reduce(0, +) == 2)
            }
        }
    }

    /// §10.5: a cancellation after the goods left cannot be applied (they are gone), so the order keeps its
    /// status and waits for a person, with the store's change named.
    @Test func aCancellationAfterShipmentIsFlaggedNotApplied() async throws {
        try await ShopifySim.with(orders: 0) { sim in
            try await ServerHarness.with(.sqlite, store: false, live: true) { server in
                let integration = try await ShopifyWebhookEndToEndTests.connect(sim, server: server, webhooks: true)
                let sku = try #require(await sim.variants.filter(\.tracked).compactMap(\.sku).first)
                let placed = try await sim.placeOrder(ShopifySimNewOrder(lines: [.init(sku: sku, quantity: 1)]))
                let order = try await Self.waitForOrder(placed.legacyResourceId, integration, server) { _ in true }
                try await Self.ship(order, server, integration: integration)
                _ = try await sim.cancelOrder(placed.legacyResourceId)
                let flagged = try await Self.waitForOrder(placed.legacyResourceId, integration, server) {
                    $0.review != nil
                }
                #expect(flagged.status == .shipped)
                #expect(flagged.storeStatus == "cancelled")
            }
        }
    }

    /// §10.8: Shopify deletes a subscription (after 8 failed deliveries, or by hand); the webhook check creates
    /// it again and backfills the orders placed meanwhile with an incremental sync.
    @Test func aDeletedSubscriptionIsMadeAgainAndItsGapFilled() async throws {
        try await ShopifySim.with(orders: 0) { sim in
            try await ServerHarness.with(.sqlite, store: false, live: true) { server in
                let services = server.services
                let integration = try await ShopifyWebhookEndToEndTests.connect(sim, server: server, webhooks: true)
                _ = try await server.request(
                    .post, "/api/v1/shopify/integrations/\(integration)/sync?wait=true", token: server.alice,
                    json: #"{"mode": "full"}"#)
                let record = try #require(
                    try await services.database.read { try await IntegrationRecords().find(id: integration, on: $0) })
                let channel = try services.storeClients.channel(for: record)
                let receiver = "\(services.publicURL.value)/api/v1/shopify/webhooks/receive?integration=\(integration)"
                let created = try #require(
                    try await channel.webhooks(deliveryURL: receiver).first { $0.topic == "orders/create" })
                try await channel.deleteWebhook(id: created.id)
                try await channel.shutdown()

                let sku = try #require(await sim.variants.compactMap(\.sku).first)
                let missed = try await sim.placeOrder(ShopifySimNewOrder(lines: [.init(sku: sku, quantity: 1)]))
                #expect(
                    try await ShopifyWebhookEndToEndTests.order(
                        missed.legacyResourceId, integration: integration, in: services) == nil)

                let report = try await services.webhookHealthCheck.check(record)
                #expect(report.webhooks?.topics.first { $0.topic == "orders/create" }?.action == .created)
                #expect(report.backfill != nil)
                #expect(await sim.webhookSubscriptions.contains { $0.topic == "ORDERS_CREATE" && $0.uri == receiver })
                #expect(
                    try await ShopifyWebhookEndToEndTests.order(
                        missed.legacyResourceId, integration: integration, in: services)
                        != nil)
            }
        }
    }

    // MARK: - Parts

    /// Waits until Logix holds the store's order and `condition` holds for it; returns it.
    @discardableResult
    static func waitForOrder(
        _ externalID: Int64, _ integration: Int64, _ server: ServerHarness,
        until condition: @escaping @Sendable (Order) -> Bool
    ) async throws -> Order {
        try await waitUntil("the store's order \(externalID) as expected in Logix") {
            try await ShopifyWebhookEndToEndTests.order(externalID, integration: integration, in: server.services)
                .map(condition) ?? false
        }
        return try #require(
            try await ShopifyWebhookEndToEndTests.order(externalID, integration: integration, in: server.services))
    }

    /// Picks, packs and ships all of the order in one parcel, and waits until the shop has been told.
    static func ship(_ order: Order, _ server: ServerHarness, integration: Int64) async throws {
        let id = Int(try #require(order.id))
        for body in [
            #"{"event": "picked"}"#, #"{"event": "packed"}"#,
            #"{"event": "shipped", "carrier": "UPS", "tracking_number": "1Z999"}"#,
        ] {
            let response = try await server.fulfill(id, body)
            #expect(response.status == .ok, "\(body): \(response.text)")
        }
        try await server.waitForDrainedOutbox(integration: integration)
        #expect(try await server.outbox(integration: integration, state: "dead").isEmpty)
    }
}
