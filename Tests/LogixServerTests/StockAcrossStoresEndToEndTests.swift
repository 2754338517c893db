import Foundation
import LogixTestSupport
import Sync
import Testing
import WooSim

@testable import LogixServer

/// One owner selling one SKU in two stores: what one store sells lowers what the other offers (issue 11, gap 10).
@Suite struct StockAcrossStoresEndToEndTests {
    static let sku = "COF-ETH-250"

    @Test(arguments: TestEngine.allCases)
    func anOrderImportedFromOneStoreLowersTheStockOfTheOther(engine: TestEngine) async throws {
        try await ServerHarness.with(engine, storeConfiguration: .small) { server in
            let first = try #require(server.sim)
            let second = try await WooSim.start(.small)
            do {
                let one = try await server.createIntegration(on: first, token: server.alice, name: "One")
                let two = try await server.createIntegration(on: second, token: server.alice, name: "Two")
                try await server.pullProducts(integration: one, token: server.alice)
                try await server.pullProducts(integration: two, token: server.alice)
                try await server.setOnHand(20, sku: Self.sku, token: server.alice)
                try await server.services.outboxSender.sendDue()
                #expect(try await second.stock(sku: Self.sku) == 20)

                try await first.placeOrder(WooSimNewOrder(lines: [WooSimOrderLine(sku: Self.sku, quantity: 3)]))
                try await server.syncOrders(integration: one, token: server.alice)
                let level = try #require(try await server.inventory(token: server.alice)[Self.sku])
                #expect(level.available <= 17, "the new order reserved 3: \(level)")

                // The import queued one push per store (coalesced), and the outbox carries the new figure to both.
                let pending = try await server.storeUpdates(integration: two).filter {
                    $0.state == "pending" && $0.payload.contains(Self.sku)
                }
                #expect(pending.count == 1)
                try await server.services.outboxSender.sendDue()
                #expect(try await second.stock(sku: Self.sku) == level.available)
                #expect(try await first.stock(sku: Self.sku) == level.available)
            } catch {
                await second.stop()
                throw error
            }
            await second.stop()
        }
    }
}
