import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import Sync
import Testing
import WooSim

@testable import LogixServer

/// Stock belongs to an owner (issue 11, defect 1): two users whose stores sell the same SKU each have their own
/// figures, on both engines.
@Suite struct StockOwnershipEndToEndTests {
    static let sku = "COF-ETH-250"

    @Test(arguments: TestEngine.allCases)
    func twoTenantsSellingOneSKUKeepTheirOwnStock(engine: TestEngine) async throws {
        try await ServerHarness.with(engine, storeConfiguration: .small) { server in
            let aliceStore = try #require(server.sim)
            // Bob's store has the same catalogue: the same SKUs.
            let bobStore = try await WooSim.start(.small)
            do {
                let alices = try await server.createIntegration(on: aliceStore, token: server.alice, name: "Alice")
                let bobs = try await server.createIntegration(on: bobStore, token: server.bob, name: "Bob")
                try await server.pullProducts(integration: alices, token: server.alice)
                try await server.pullProducts(integration: bobs, token: server.bob)

                // Bob's count does not change what Alice sees.
                try await server.setOnHand(37, sku: Self.sku, token: server.alice)
                try await server.setOnHand(5, sku: Self.sku, token: server.bob)
                #expect(try await server.inventory(token: server.alice)[Self.sku]?.onHand == 37)
                #expect(try await server.inventory(token: server.bob)[Self.sku]?.onHand == 5)

                // Bob's import reserves Bob's stock only.
                try await bobStore.placeOrder(WooSimNewOrder(lines: [WooSimOrderLine(sku: Self.sku, quantity: 2)]))
                try await server.syncOrders(integration: bobs, token: server.bob)
                let bobLevel = try #require(try await server.inventory(token: server.bob)[Self.sku])
                #expect(bobLevel.reserved >= 2)
                #expect(try await server.inventory(token: server.alice)[Self.sku]?.reserved == 0)

                // Alice's push sends Alice's figure to Alice's store, Bob's his to his.
                try await server.services.outboxSender.sendDue()
                #expect(try await aliceStore.stock(sku: Self.sku) == 37)
                #expect(try await bobStore.stock(sku: Self.sku) == bobLevel.available)
            } catch {
                await bobStore.stop()
                throw error
            }
            await bobStore.stop()
        }
    }
}
