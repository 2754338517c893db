import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import Sync
import Testing
import WooSim

@testable import LogixServer

/// Product deliveries reach the SKU map and correct the store's stock figure, without echo loops (issue 11,
/// gap 9) — over real HTTP both ways, with the background services running.
@Suite struct ProductWebhookEndToEndTests {
    static let sku = "COF-ETH-250"

    @Test(arguments: TestEngine.allCases)
    func productDeliveriesKeepTheSKUMapAndTheStoreFigureRight(engine: TestEngine) async throws {
        try await ServerHarness.with(engine, storeConfiguration: .small, live: true) { server in
            let sim = try #require(server.sim)
            let integration = try await server.createIntegration()
            // The default topics include the product ones.
            let registered = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(integration)/webhooks", token: server.alice, json: "{}")
            #expect(registered.status == .ok, "\(registered.text)")
            try await server.pullProducts(integration: integration, token: server.alice)
            let productUpdates = {
                await sim.webhookDeliveries.filter { $0.topic == "product.updated" && $0.outcome == .delivered }.count
            }
            let pushes = {
                try await server.storeUpdates(integration: integration).filter { $0.payload.contains(Self.sku) }
            }

            // A count reaches the store; the store's product.updated for it (the echo) pushes nothing back.
            try await server.setOnHand(30, sku: Self.sku, token: server.alice)
            try await server.waitForDrainedOutbox(integration: integration)
            #expect(try await sim.stock(sku: Self.sku) == 30)
            try await waitUntil("the echo of the count's push arrived") { await productUpdates() >= 1 }
            try await server.waitForAppliedInbox()
            try await server.waitForDrainedOutbox(integration: integration)
            #expect(try await pushes().count == 1, "the count's push, no echo")
            let before = await productUpdates()

            // Someone edits the figure in wp-admin: a push puts Logix's back, and its echo pushes nothing more.
            try await sim.setStock(sku: Self.sku, quantity: 7)
            try await waitUntil("the store's figure is corrected") { try await sim.stock(sku: Self.sku) == 30 }
            try await waitUntil("the edit's and the correction's deliveries arrived") {
                await productUpdates() >= before + 2
            }
            try await server.waitForAppliedInbox()
            try await server.waitForDrainedOutbox(integration: integration)
            #expect(try await pushes().count == 2, "the count's push and the correction, no echo")
            #expect(try await sim.stock(sku: Self.sku) == 30)

            // Stock tracking turned off in the store: the inventory shows it.
            try await sim.editProduct(sku: Self.sku, manageStock: false)
            try await waitUntil("the SKU map shows the store no longer manages it") {
                try await server.inventory(token: server.alice)[Self.sku]?.stores.first?.stockManagement == "unmanaged"
            }

            // A changed SKU: the old one leaves the map, the new one joins it.
            try await sim.editProduct(sku: Self.sku, newSKU: "COF-ETH-250-NEW")
            try await waitUntil("the SKU map follows the new SKU") {
                let inventory = try await server.inventory(token: server.alice)
                return inventory["COF-ETH-250-NEW"] != nil && inventory[Self.sku] == nil
            }

            // A variation's change reaches the map too (its parent is refreshed with all its variations).
            try await sim.editProduct(sku: "APP-TSHIRT-BLK-M", manageStock: false)
            try await waitUntil("the SKU map shows the variation's stock is no longer managed") {
                try await server.inventory(token: server.alice)["APP-TSHIRT-BLK-M"]?.stores.first?.stockManagement
                    == "unmanaged"
            }
            #expect(
                try await server.inventory(token: server.alice)["APP-TSHIRT-BLK-S"]?.stores.first?.stockManagement
                    == "managed")

            // A new product joins the map.
            try await sim.createProduct(sku: "NEW-PRODUCT-1", stockQuantity: 3)
            try await waitUntil("the new product is in the SKU map") {
                try await server.inventory(token: server.alice)["NEW-PRODUCT-1"]?.stores.first?.stockManagement
                    == "managed"
            }
        }
    }
}
