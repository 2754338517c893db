import Foundation
import NIOHTTP1
import Testing

@testable import WooSim

@Suite("Batches")
struct BatchTests {
    @Test("more than 100 items → 413 (sample 09); bad items get per-item errors, HTTP 200 (samples 09, 11)")
    func batches() async throws {
        try await withSim { sim, client in
            let product = try #require(
                try await client.send(.GET, sim.signed("GET", "/products", [("sku", "COF-COL-250")])).array().first)
            let id = try #require(product["id"] as? Int)
            let tooMany =
                "{\"update\":["
                + Array(repeating: "{\"id\":\(id),\"stock_quantity\":77}", count: 101)
                .joined(separator: ",") + "]}"
            let refused = try await client.send(.POST, sim.signed("POST", "/products/batch"), body: tooMany)
            #expect(refused.status == 413)
            #expect(try refused.object()["code"] as? String == "woocommerce_rest_request_entity_too_large")
            #expect(
                try refused.object()["message"] as? String == "Unable to accept more than 100 items for this request.")

            let mixed = "{\"update\":[{\"id\":\(id),\"stock_quantity\":77},{\"id\":999999,\"stock_quantity\":1}]}"
            let reply = try await client.send(.POST, sim.signed("POST", "/products/batch"), body: mixed)
            #expect(reply.status == 200)
            let items = try #require(try reply.object()["update"] as? [[String: Any]])
            #expect(items[0]["stock_quantity"] as? Int == 77)
            let error = try #require(items[1]["error"] as? [String: Any])
            #expect(items[1]["id"] as? Int == 999999)
            #expect(error["code"] as? String == "woocommerce_rest_product_invalid_id")
            #expect((error["data"] as? [String: Any])?["status"] as? Int == 400)

            let shirt = try #require(
                try await client.send(.GET, sim.signed("GET", "/products", [("sku", "APP-TSHIRT")])).array().first)
            let shirtId = try #require(shirt["id"] as? Int)
            let variationId = try #require((shirt["variations"] as? [Int])?.first)
            let variations =
                "{\"update\":[{\"id\":\(variationId),\"stock_quantity\":30},{\"id\":999998,\"stock_quantity\":5}]}"
            let variationReply = try await client.send(
                .POST, sim.signed("POST", "/products/\(shirtId)/variations/batch"), body: variations)
            let updated = try #require(try variationReply.object()["update"] as? [[String: Any]])
            #expect(updated[0]["stock_quantity"] as? Int == 30)
            #expect(
                (updated[1]["error"] as? [String: Any])?["code"] as? String
                    == "woocommerce_rest_product_variation_invalid_id")
        }
    }
}
