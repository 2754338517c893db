import Foundation
import Testing

@testable import Shopify

/// Every call against a running ShopifySim (`logix sim --platform shopify`), named by `SHOPIFY_SIM_URL` and
/// `SHOPIFY_SIM_TOKEN`; skipped without them. The bridge until ShopifySim is merged and these start it in
/// process.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SHOPIFY_SIM_URL"] != nil))
struct LiveShopifySimTests {
    let client: ShopifyClient

    init() throws {
        let environment = ProcessInfo.processInfo.environment
        client = try ShopifyClient(
            configuration: ShopifyConfiguration(
                shopURL: environment["SHOPIFY_SIM_URL"] ?? "", accessToken: environment["SHOPIFY_SIM_TOKEN"] ?? ""))
    }

    @Test func everyCallOfTheSubsetIsAnswered() async throws {
        defer { Task { try? await client.shutdown() } }
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
        print("FOs of \(some[0].name): \(fulfillmentOrders.map { "\($0.status) \($0.lineItems.count)" })")
        let locations = try await client.locations()
        #expect(!locations.isEmpty)
        var variants: [ShopifyVariant] = []
        for try await page in client.variantPages() { variants += page.items }
        #expect(!variants.isEmpty)
        if let sku = variants.first(where: { $0.sku?.isEmpty == false })?.sku {
            let found = try await client.variants(sku: sku)
            #expect(found.allSatisfy { $0.sku == sku } && !found.isEmpty)
        }
        if let open = fulfillmentOrders.first(where: { $0.status.canFulfill && !$0.lineItems.isEmpty }) {
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
            print("inventory: \(results.map(\.userErrors))")
        }
        let created = try await client.createWebhookSubscription(
            topic: .ordersUpdated, uri: "https://logix.example/hooks/\(UUID().uuidString)")
        let listed = try await client.webhookSubscriptions()
        #expect(listed.contains(created))
        #expect(try await client.deleteWebhookSubscription(id: created.id) == created.id)
        print("report: \(client.throttleReport), requests: \(client.requestCount)")
        #expect(client.throttleReport.throttledAnswers == 0)
    }
}
