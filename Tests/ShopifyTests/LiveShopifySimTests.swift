import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import LogixTestSupport
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import ShopifySim
import Testing

@testable import Shopify

/// Every call of the subset against a simulated Shopify store over loopback HTTP, started in process with the
/// smallest plan's bucket (1,000 points, 50 a second): each answered, and none throttled.
@Suite struct LiveShopifySimTests {
    /// Runs `body` with a ShopifySim of the smallest bucket and a client of it, both stopped afterwards.
    static func withClient(_ body: (ShopifySim, ShopifyClient) async throws -> Void) async throws {
        var configuration = ShopifySimConfiguration()
        configuration.orderCount = 30
        configuration.bucketSize = 1_000
        configuration.restoreRate = 50
        let sim = try await ShopifySim.start(configuration)
        do {
            let client = try ShopifyClient(
                configuration: ShopifyConfiguration(shopURL: sim.baseURL, accessToken: sim.accessToken))
            do {
                try await body(sim, client)
                try await client.shutdown()
            } catch {
                try? await client.shutdown()
                throw error
            }
            await sim.stop()
        } catch {
            await sim.stop()
            throw error
        }
    }

    @Test func everyCallOfTheSubsetIsAnswered() async throws {
        try await Self.withClient { _, client in try await Self.everyCall(client) }
    }

    static func everyCall(_ client: ShopifyClient) async throws {
        let shop = try await client.shop()
        #expect(shop.myshopifyDomain.hasSuffix(".myshopify.com"))
        var orders: [ShopifyOrder] = []
        for try await page in client.orderPages(ShopifyOrderQuery()) { orders += page.items }
        #expect(!orders.isEmpty)
        let sorted = orders.map(\.updatedAt)
        #expect(sorted == sorted.sorted())
        let some = Array(orders.prefix(3))
        let byID = try await client.orders(ids: some.map(\.id) + [ShopifyGID(type: "Order", id: 1)])
        #expect(byID.map(\.id) == some.map(\.id))
        let one = try #require(try await client.order(id: some[0].id))
        #expect(one.lineItems.count == some[0].lineItems.count || some[0].hasMoreLineItems)
        let fulfillmentOrders = try await client.fulfillmentOrders(ofOrder: some[0].id)
        #expect(!fulfillmentOrders.isEmpty)
        let locations = try await client.locations()
        #expect(!locations.isEmpty)
        var variants: [ShopifyVariant] = []
        for try await page in client.variantPages() { variants += page.items }
        #expect(!variants.isEmpty)
        if let sku = variants.first(where: { $0.sku?.isEmpty == false })?.sku {
            let found = try await client.variants(sku: sku)
            #expect(found.allSatisfy { $0.sku == sku } && !found.isEmpty)
        }
        let open = fulfillmentOrders.first { $0.status.canFulfill && !$0.lineItems.isEmpty }
        if let open {
            let line = open.lineItems[0]
            let fulfillment = try await client.createFulfillment(
                ShopifyFulfillmentRequest(
                    lines: [.init(fulfillmentOrderID: open.id, lineItems: [(line.id, 1)])],
                    tracking: ShopifyTrackingInfo(company: "UPS", number: "1Z9", url: "https://ups.example/1Z9")))
            let updated = try await client.updateTracking(
                fulfillmentID: fulfillment.id, tracking: ShopifyTrackingInfo(company: "DHL", number: "JD01"))
            #expect(updated.trackingInfo.first?.number == "JD01")
        }
        if let item = variants.first(where: { $0.inventoryItemID != nil })?.inventoryItemID {
            let rows = [
                ShopifyInventoryQuantity(
                    inventoryItemID: item, locationID: locations[0].id, quantity: 7, changeFromQuantity: nil)
            ]
            let results = try await client.setInventoryQuantities(rows, referenceDocumentURI: "gid://logix/Test/1")
            #expect(results.count == 1)
        }
        let created = try await client.createWebhookSubscription(
            topic: .ordersUpdated, uri: "https://logix.example/hooks/\(UUID().uuidString)")
        let listed = try await client.webhookSubscriptions()
        #expect(listed.contains(created))
        #expect(try await client.deleteWebhookSubscription(id: created.id) == created.id)
        #expect(client.throttleReport.throttledAnswers == 0)
    }
}

/// A webhook delivery from a simulated Shopify store: signed with the app's secret, shaped as Shopify's REST
/// order, read by the client's verifier and decoder.
@Suite struct LiveShopifySimWebhookTests {
    @Test func aPlacedOrderIsDeliveredSignedAndDecodes() async throws {
        try await LiveShopifySimTests.withClient { sim, client in
            try await WebhookReceiver.with { receiver in
                try await Self.deliver(sim: sim, client: client, receiver: receiver)
            }
        }
    }

    static func deliver(sim: ShopifySim, client: ShopifyClient, receiver: WebhookReceiver) async throws {
        let base = sim.baseURL
        let secret = sim.apiSecret
        let subscription = try await client.createWebhookSubscription(
            topic: .ordersCreate, uri: receiver.url + "/hooks")

        var request = HTTPClientRequest(url: base + "/__sim/orders")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: "{}"))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        struct Placed: Decodable { var id: ShopifyGID }
        let placed = try JSONDecoder().decode(
            Placed.self, from: Data(buffer: try await response.body.collect(upTo: 1 << 20)))

        let delivery = try #require(try await receiver.next(1, within: .seconds(20)).first)
        let headers = try #require(ShopifyWebhookDelivery(headers: delivery.headerPairs))
        #expect(headers.topic == "orders/create")
        #expect(headers.verify(body: delivery.data, secrets: ["rotated-away", secret]))
        #expect(!headers.verify(body: delivery.data + Data(" ".utf8), secrets: [secret]))
        #expect(headers.webhookID != nil && headers.shopDomain?.hasSuffix(".myshopify.com") == true)
        let order = try ShopifyWebhookOrder.decode(from: delivery.data)
        #expect(order.gid == placed.id)
        #expect(!order.lineItems.isEmpty)
        // The GraphQL order and the webhook body agree on ids and lines.
        let read = try #require(try await client.order(id: placed.id))
        #expect(read.legacyID == order.id)
        #expect(Set(read.lineItems.map(\.id.legacyID)) == Set(order.lineItems.map(\.id)))

        try await client.deleteWebhookSubscription(id: subscription.id)
    }
}
