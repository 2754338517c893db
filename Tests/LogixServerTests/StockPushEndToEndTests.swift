import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import Storage
import Sync
import Testing
import WooCommerce
import WooSim

@testable import LogixServer

/// Stock end to end: Logix's figures reach the store in batch requests, over real HTTP, on both engines.
@Suite struct StockPushEndToEndTests {
    static let simpleSKU = "COF-ETH-250"
    static let variationSKU = "APP-TSHIRT-BLK-M"

    @Test(arguments: TestEngine.allCases)
    func stockChangesReachTheStoreInBatchesAndAPushSendsEveryMappedSKU(engine: TestEngine) async throws {
        try await ServerHarness.with(engine, storeConfiguration: .small) { server in
            let sim = try #require(server.sim)
            let integration = try await server.createIntegration()
            let pulled = try await server.json(
                .post, "/api/v1/woocommerce/integrations/\(integration)/products/sync", #"{"direction": "pull"}"#)
            let mapped = try #require(pulled["mapped"] as? Int)
            #expect(mapped > 2, "\(pulled)")

            // A SKU no store of Alice's maps has nowhere to go.
            let unknown = try await server.request(
                .put, "/api/v1/inventory/NO-SUCH-SKU", token: server.alice, json: #"{"on_hand": 1}"#)
            #expect(unknown.status == .notFound)
            // Bob maps nothing: Alice's SKU is unknown to him.
            let foreign = try await server.request(
                .put, "/api/v1/inventory/\(Self.simpleSKU)", token: server.bob, json: #"{"on_hand": 1}"#)
            #expect(foreign.status == .notFound)

            let logStart = await sim.requestLog.count
            var available: [String: Int] = [:]
            for (sku, onHand) in [(Self.simpleSKU, 37), (Self.variationSKU, 11)] {
                let level = try await server.json(.put, "/api/v1/inventory/\(sku)", #"{"on_hand": \#(onHand)}"#)
                #expect(level["on_hand"] as? Int == onHand)
                available[sku] = try #require(level["available"] as? Int)
            }
            try await server.services.outboxSender.sendDue()
            #expect(try await server.outbox(integration: integration, state: "pending").isEmpty)
            #expect(try await server.outbox(integration: integration, state: "dead").isEmpty)

            let log = Array(await sim.requestLog.dropFirst(logStart))
            #expect(log.filter { $0.hasPrefix("POST /wp-json/wc/v3/products/batch") }.count == 1, "\(log)")
            #expect(log.filter { $0.contains("/variations/batch") }.count == 1, "\(log)")
            for (sku, quantity) in available {
                #expect(try await server.storeStock(sku: sku) == quantity, "\(sku)")
            }

            // The store's figures drift (a stock take there); a push sends Logix's again, for every mapped SKU.
            try await sim.setStock(sku: Self.simpleSKU, quantity: 999)
            try await sim.setStock(sku: Self.variationSKU, quantity: 999)
            let pushed = try await server.json(
                .post, "/api/v1/woocommerce/integrations/\(integration)/products/sync", #"{"direction": "push"}"#)
            #expect(pushed["pushes_queued"] as? Int == mapped, "\(pushed)")
            let pushStart = await sim.requestLog.count
            try await server.services.outboxSender.sendDue()
            #expect(try await server.outbox(integration: integration, state: "pending").isEmpty)
            let pushLog = Array(await sim.requestLog.dropFirst(pushStart))
            #expect(pushLog.filter { $0.hasPrefix("POST /wp-json/wc/v3/products/batch") }.count == 1, "\(pushLog)")
            #expect(pushLog.filter { $0.contains("/variations/batch") }.count == 1, "\(pushLog)")
            #expect(pushLog.allSatisfy { $0.contains("/batch") }, "one batch per endpoint, nothing else: \(pushLog)")
            for (sku, quantity) in available {
                #expect(try await server.storeStock(sku: sku) == quantity, "\(sku)")
            }

            // The inventory lists both, as the store now shows them.
            let listed = try await server.items("/api/v1/inventory?per_page=100")
            let bySKU = Dictionary(
                listed.map { ($0["sku"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
            for (sku, quantity) in available {
                #expect(bySKU[sku]?["available"] as? Int == quantity, "\(sku): \(listed)")
            }
            // Bob sees none of it.
            let bobs = try await server.request(.get, "/api/v1/inventory", token: server.bob)
            #expect((try bobs.json()["items"] as? [Any])?.isEmpty == true)
        }
    }
}
