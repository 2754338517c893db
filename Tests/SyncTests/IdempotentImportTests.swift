import Foundation
import LogixCore
import LogixTestSupport
import Storage
import Testing
import WooCommerce
import WooSim

@testable import Sync

/// Applying the same store data twice changes nothing, refunds included (issue 11, defect A).
@Suite struct IdempotentImportTests {
    @Test(arguments: TestEngine.allCases)
    func aPartialRefundReadAgainChangesNothing(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 31, orders: 20)) { harness in
            _ = try await harness.importer().run(.full)
            let id = try await harness.sim.placeOrder(WooSimNewOrder(status: "processing"))
            let placed = try await harness.importer().run(.incremental)
            #expect(placed.counts.created == 1)
            let store = try #require(try await harness.storeOrders()[id])
            let line = try #require(store.lineItems.first)
            try await harness.sim.refundOrder(id, lines: [WooSimRefundLine(lineItemId: line.id, quantity: 1)])

            let refunded = try await harness.importer().run(.incremental)
            #expect(refunded.counts.updated == 1)
            let afterRefund = try #require(try await harness.storedOrders()[Int64(id)])
            #expect(afterRefund.lines.first { $0.externalLineID == Int64(line.id) }?.refundedQuantity == 1)
            try await expectTasksAndStockMatch(harness)
            let stockAfterRefund = try await harness.database.read {
                try await FulfillmentRecords().stockLevels(ownerID: harness.ownerID, on: $0)
            }

            // Nothing changed at the store: the order is read again in the overlap, at the same version.
            let again = try await harness.importer().run(.incremental)
            #expect(again.counts.updated == 0)
            #expect(again.counts.synced == 0)
            let afterAgain = try #require(try await harness.storedOrders()[Int64(id)])
            #expect(afterAgain == afterRefund)
            let stockAfterAgain = try await harness.database.read {
                try await FulfillmentRecords().stockLevels(ownerID: harness.ownerID, on: $0)
            }
            #expect(stockAfterAgain == stockAfterRefund)
            try await expectTasksAndStockMatch(harness)
        }
    }
}
