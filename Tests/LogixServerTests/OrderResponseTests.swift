import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixCore
import LogixTestSupport
import Storage
import Testing
import WooCommerce
import WooSim

@testable import LogixServer

/// The order response carries what operators need: the customer's note and refunds (issue 11, defect G).
@Suite struct OrderResponseTests {
    struct OrderBody: Decodable {
        struct Line: Decodable {
            var quantity: Int
            var refundedQuantity: Int
            enum CodingKeys: String, CodingKey {
                case quantity
                case refundedQuantity = "refunded_quantity"
            }
        }
        var customerNote: String
        var refundedTotal: String
        var lines: [Line]
        enum CodingKeys: String, CodingKey {
            case customerNote = "customer_note"
            case refundedTotal = "refunded_total"
            case lines
        }
    }

    @Test func anOrderShowsItsCustomerNoteAndRefunds() async throws {
        try await ServerHarness.with { server in
            let sim = try #require(server.sim)
            let id = try await server.createIntegration()
            let sync = "/api/v1/woocommerce/integrations/\(id)/sync?wait=true"
            #expect(
                try await server.request(.post, sync, token: server.alice, json: #"{"mode": "full"}"#).status == .ok)
            let external = try await sim.placeOrder(
                WooSimNewOrder(status: "processing", customerNote: "Leave it with the neighbour"))
            let store = try JSONDecoder().decode(WooOrder.self, from: try #require(await sim.orderJSON(external)))
            let line = try #require(store.lineItems.first)
            try await sim.refundOrder(external, lines: [WooSimRefundLine(lineItemId: line.id, quantity: 1)])
            #expect(try await server.request(.post, sync, token: server.alice, json: "{}").status == .ok)

            let orderID = try #require(
                try await server.services.database.read { sql in
                    try await OrderRecords().fetch(integrationID: id, externalIDs: [Int64(external)], on: sql)
                }[Int64(external)]?.id)
            let response = try await server.request(.get, "/api/v1/orders/\(orderID)", token: server.alice)
            #expect(response.status == .ok)
            let order = try JSONDecoder().decode(OrderBody.self, from: Data(response.text.utf8))
            #expect(order.customerNote == "Leave it with the neighbour")
            #expect(order.lines.first?.refundedQuantity == 1)
            #expect(order.lines.dropFirst().allSatisfy { $0.refundedQuantity == 0 })
            let refunded = try #require(Decimal(string: order.refundedTotal))
            #expect(refunded > 0)
        }
    }
}
