import Foundation
import NIOHTTP1
import Testing

@testable import ShopifySim

@Suite("ShopifySim control API under /__sim")
struct ControlAPITests {
    @Test("place, edit, cancel and delete orders; inspect fulfillment orders and inventory; set faults")
    func lifecycle() async throws {
        try await withSim { sim, client in
            let placed = try await client.send(
                .POST, sim.baseURL + "/__sim/orders",
                body: "{\"lines\":[{\"sku\":\"SKU-1001\",\"quantity\":2}],\"tags\":[\"a\"],\"test\":true}")
            #expect(placed.status == 201)
            let order = try placed.decode(ShopifySimOrderRef.self)
            #expect(order.id == "gid://shopify/Order/\(order.legacyResourceId)")

            let fos = try await client.send(
                .GET, sim.baseURL + "/__sim/orders/\(order.legacyResourceId)/fulfillment-orders")
            let fulfillmentOrders = try fos.decode([ShopifySimFulfillmentOrder].self)
            #expect(fulfillmentOrders.first?.lines.first?.remainingQuantity == 2)
            #expect(fulfillmentOrders.first?.lines.first?.sku == "SKU-1001")

            let edited = try await client.send(
                .PUT, sim.baseURL + "/__sim/orders/\(order.legacyResourceId)",
                body: "{\"currentQuantities\":{\"SKU-1001\":1},\"note\":\"one less\"}")
            #expect(edited.status == 200)
            let afterEdit = try await sim.fulfillmentOrders(orderId: order.legacyResourceId)
            #expect(afterEdit.first?.lines.first?.remainingQuantity == 1)

            let inventory = try await client.send(
                .PUT, sim.baseURL + "/__sim/inventory", body: "{\"sku\":\"SKU-1001\",\"available\":42}")
            let levels = try inventory.decode([ShopifySimInventoryLevel].self)
            #expect(levels.first?.quantities["available"] == 42)
            #expect(levels.first?.quantities["committed"] == 2)
            #expect(levels.first?.quantities["on_hand"] == 44)

            let cancelled = try await client.send(
                .POST, sim.baseURL + "/__sim/orders/\(order.legacyResourceId)/cancel", body: "{\"reason\":\"FRAUD\"}")
            #expect(cancelled.status == 200)
            let again = try await client.send(
                .POST, sim.baseURL + "/__sim/orders/\(order.legacyResourceId)/cancel", body: "{}")
            #expect(again.status == 422)
            #expect(try again.object()["error"] as? String == "The order is already cancelled.")

            let deleted = try await client.send(.DELETE, sim.baseURL + "/__sim/orders/\(order.legacyResourceId)")
            #expect(deleted.status == 200)
            let missing = try await client.send(
                .GET, sim.baseURL + "/__sim/orders/\(order.legacyResourceId)/fulfillments")
            #expect(missing.status == 404)

            let faults = try await client.send(.PUT, sim.baseURL + "/__sim/faults", body: "{\"serverErrorRate\":1}")
            #expect(faults.status == 200)
            #expect(try await client.graphQL("{ shop { name } }").status >= 502)
            _ = try await client.send(.PUT, sim.baseURL + "/__sim/faults", body: "{}")
            _ = try await client.send(.POST, sim.baseURL + "/__sim/fail-next", body: "{\"count\":1,\"status\":423}")
            #expect(try await client.graphQL("{ shop { name } }").status == 423)
            #expect(try await client.graphQL("{ shop { name } }").status == 200)
        }
    }
}
