import Foundation
import LogixCore
import Testing

@Suite struct OrderStatusTests {
    @Test func rawValuesAreTheStableNames() {
        #expect(
            OrderStatus.allCases.map(\.rawValue) == [
                "awaiting_payment", "on_hold", "ready", "picking", "packed", "shipped", "delivered", "cancelled",
                "refunded", "failed",
            ]
        )
        #expect(OrderStatus(rawValue: "processing") == nil)
    }

    @Test func holdsStockWhileTheWarehouseHasTheOrder() {
        #expect(Set(OrderStatus.allCases.filter(\.holdsStock)) == [.ready, .picking, .packed])
    }

    @Test func fulfillmentStartsWithPicking() {
        #expect(
            Set(OrderStatus.allCases.filter(\.fulfillmentStarted)) == [.picking, .packed, .shipped, .delivered]
        )
    }

    @Test func onlyRefundedIsTerminal() {
        #expect(OrderStatus.allCases.filter(\.isTerminal) == [.refunded])
    }

    @Test func codesAsItsRawValue() throws {
        let data = try JSONEncoder().encode([OrderStatus.awaitingPayment, .onHold])
        #expect(String(decoding: data, as: UTF8.self) == #"["awaiting_payment","on_hold"]"#)
        #expect(try JSONDecoder().decode([OrderStatus].self, from: data) == [.awaitingPayment, .onHold])
    }
}
