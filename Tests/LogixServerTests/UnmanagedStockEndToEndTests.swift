import Foundation
import LogixTestSupport
import Sync
import Testing
import WooSim

@testable import LogixServer

/// A stock push for a SKU the store does not manage sends nothing, and says so where the user looks: on the
/// store update and in the inventory (issue 11, C).
@Suite struct UnmanagedStockEndToEndTests {
    /// A gift card variation: the store does not track its stock.
    static let sku = "GIFT-CARD-25"

    @Test(arguments: TestEngine.allCases)
    func aPushToAStoreThatDoesNotManageTheSKUSaysWhyNothingWasSent(engine: TestEngine) async throws {
        try await ServerHarness.with(engine, storeConfiguration: .small) { server in
            let sim = try #require(server.sim)
            let integration = try await server.createIntegration()
            try await server.pullProducts(integration: integration, token: server.alice)

            let level = try await server.setOnHand(5, sku: Self.sku, token: server.alice)
            let unmanaged = [InventoryLevel.Store(integrationID: integration, stockManagement: "unmanaged")]
            #expect(level.stores == unmanaged)
            #expect(try await server.inventory(token: server.alice)[Self.sku]?.stores == unmanaged)

            let logStart = await sim.requestLog.count
            try await server.services.outboxSender.sendDue()
            #expect(await sim.requestLog.count == logStart, "nothing was sent")
            let push = try #require(
                try await server.storeUpdates(integration: integration).first { $0.payload.contains(Self.sku) })
            #expect(push.state == "done")
            #expect(push.detail?.contains("does not manage") == true, "\(push)")

            // A SKU the store manages shows so, and its push carries no such detail.
            try await server.setOnHand(4, sku: "COF-ETH-250", token: server.alice)
            #expect(
                try await server.inventory(token: server.alice)["COF-ETH-250"]?.stores
                    == [InventoryLevel.Store(integrationID: integration, stockManagement: "managed")])
            try await server.services.outboxSender.sendDue()
            let sent = try #require(
                try await server.storeUpdates(integration: integration).first { $0.payload.contains("COF-ETH-250") })
            #expect(sent.state == "done")
            #expect(sent.detail == nil)
        }
    }
}
