import Foundation
import Testing

@testable import ShopifySim

@Suite("ShopifySim fulfillment orders and fulfillments")
struct FulfillmentTests {
    struct OrderFOs: Decodable {
        var order: Order?

        struct Order: Decodable {
            var displayFulfillmentStatus: String
            var fulfillmentOrders: Connection<FulfillmentOrder>
        }

        struct FulfillmentOrder: Decodable {
            var id: String
            var status: String
            var requestStatus: String
            var assignedLocation: Assigned
            var fulfillmentHolds: [Hold]
            var lineItems: Connection<Line>
        }

        struct Assigned: Decodable {
            var location: Location
        }

        struct Location: Decodable {
            var id: String
        }

        struct Hold: Decodable {
            var reason: String
        }

        struct Line: Decodable {
            var id: String
            var totalQuantity: Int
            var remainingQuantity: Int
            var lineItem: LineItem
        }

        struct LineItem: Decodable {
            var id: String
            var sku: String?
        }
    }

    struct Created: Decodable {
        var fulfillmentCreate: Payload

        struct Payload: Decodable {
            var fulfillment: Fulfillment?
            var userErrors: [UserErrorBody]
        }
    }

    struct Fulfillment: Decodable {
        var id: String
        var status: String
        var trackingInfo: [Tracking]
    }

    struct Tracking: Decodable, Equatable {
        var company: String?
        var number: String?
        var url: String?
    }

    static let foQuery = """
        query ($id: ID!) { order(id: $id) { displayFulfillmentStatus
          fulfillmentOrders(first: 5) { pageInfo { hasNextPage endCursor } nodes { id status requestStatus
            assignedLocation { location { id } } fulfillmentHolds { reason }
            lineItems(first: 20) { nodes { id totalQuantity remainingQuantity lineItem { id sku } } } } } } }
        """

    static let create = """
        mutation ($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) {
          fulfillment { id status trackingInfo { company number url } } userErrors { field message } } }
        """

    static func fulfillmentOrders(_ client: ShopifyTestClient, _ id: String) async throws -> OrderFOs.Order {
        let reply = try await client.graphQL(Self.foQuery, variables: "{\"id\":\"\(id)\"}")
        return try #require(try reply.answer(OrderFOs.self).data?.order)
    }

    static func fulfill(
        _ client: ShopifyTestClient, fo: String, lines: [(String, Int)]?, tracking: String = "1Z999"
    ) async throws -> Created.Payload {
        let items =
            lines.map { lines in
                ",\"fulfillmentOrderLineItems\":["
                    + lines.map { "{\"id\":\"\($0.0)\",\"quantity\":\($0.1)}" }.joined(separator: ",") + "]"
            } ?? ""
        let variables = """
            {"f":{"notifyCustomer":false,"trackingInfo":{"company":"UPS","number":"\(tracking)","url":"https://ups.example/\(tracking)"},
            "lineItemsByFulfillmentOrder":[{"fulfillmentOrderId":"\(fo)"\(items)}]}}
            """
        let reply = try await client.graphQL(Self.create, variables: variables)
        return try #require(try reply.answer(Created.self).data?.fulfillmentCreate)
    }

    @Test("a partial fulfillment leaves the FO IN_PROGRESS; shipping the rest closes it; a closed FO is refused")
    func partialThenClosed() async throws {
        try await withSim { sim, client in
            let skus = await sim.variants.compactMap(\.sku)
            let order = try await sim.placeOrder(
                ShopifySimNewOrder(lines: [.init(sku: skus[1], quantity: 3), .init(sku: skus[2], quantity: 1)]))
            let before = try await Self.fulfillmentOrders(client, order.id)
            #expect(before.displayFulfillmentStatus == "UNFULFILLED")
            let fo = try #require(before.fulfillmentOrders.nodes.first)
            #expect(fo.status == "OPEN")
            #expect(fo.requestStatus == "UNSUBMITTED")
            #expect(fo.lineItems.nodes.map(\.totalQuantity) == [3, 1])
            let first = fo.lineItems.nodes[0]

            let partial = try await Self.fulfill(client, fo: fo.id, lines: [(first.id, 2)])
            #expect(partial.userErrors.isEmpty)
            #expect(partial.fulfillment?.status == "SUCCESS")
            #expect(
                partial.fulfillment?.trackingInfo == [
                    Tracking(company: "UPS", number: "1Z999", url: "https://ups.example/1Z999")
                ])
            let middle = try await Self.fulfillmentOrders(client, order.id)
            #expect(middle.fulfillmentOrders.nodes[0].status == "IN_PROGRESS")
            #expect(middle.fulfillmentOrders.nodes[0].lineItems.nodes.map(\.remainingQuantity) == [1, 1])
            #expect(middle.displayFulfillmentStatus == "PARTIALLY_FULFILLED")

            let tooMany = try await Self.fulfill(client, fo: fo.id, lines: [(first.id, 2)])
            #expect(tooMany.fulfillment == nil)
            #expect(tooMany.userErrors.first?.message == "Invalid fulfillment order line item quantity requested.")

            let rest = try await Self.fulfill(client, fo: fo.id, lines: nil, tracking: "1Z1000")
            #expect(rest.userErrors.isEmpty)
            let after = try await Self.fulfillmentOrders(client, order.id)
            #expect(after.fulfillmentOrders.nodes[0].status == "CLOSED")
            #expect(after.displayFulfillmentStatus == "FULFILLED")

            let closed = try await Self.fulfill(client, fo: fo.id, lines: nil)
            let foNumber = fo.id.split(separator: "/").last!
            #expect(
                closed.userErrors == [
                    UserErrorBody(
                        field: ["fulfillment"],
                        message: "Fulfillment order \(foNumber) has an unfulfillable status= closed.")
                ])

            let shipments = try await sim.fulfillments(orderId: order.legacyResourceId)
            #expect(shipments.count == 2)
            #expect(shipments[0].lines.map(\.quantity) == [2])

            // Tracking changed later.
            struct Updated: Decodable {
                var fulfillmentTrackingInfoUpdate: Payload
                struct Payload: Decodable {
                    var fulfillment: FulfillmentTests.Fulfillment?
                    var userErrors: [UserErrorBody]
                }
            }
            let id = try #require(partial.fulfillment?.id)
            let update = try await client.graphQL(
                """
                mutation ($id: ID!, $t: FulfillmentTrackingInput!) { fulfillmentTrackingInfoUpdate(fulfillmentId: $id,
                  trackingInfoInput: $t, notifyCustomer: false) { fulfillment { id status trackingInfo { company number url } }
                  userErrors { field message } } }
                """, variables: "{\"id\":\"\(id)\",\"t\":{\"company\":\"DHL\",\"number\":\"JJD1\"}}")
            let updated = try #require(try update.answer(Updated.self).data?.fulfillmentTrackingInfoUpdate)
            #expect(updated.fulfillment?.trackingInfo == [Tracking(company: "DHL", number: "JJD1", url: nil)])
            #expect(try await sim.fulfillments(orderId: order.legacyResourceId)[0].tracking.first?.number == "JJD1")
        }
    }

    @Test("fulfillment orders appear a beat after the order; held ones cannot ship")
    func delayedAndHeld() async throws {
        let clock = ShopifySimManualClock()
        try await withSim(
            testConfiguration {
                $0.clock = clock
                $0.fulfillmentOrderDelay = .seconds(2)
            }
        ) { sim, client in
            let order = try await sim.placeOrder()
            #expect(try await Self.fulfillmentOrders(client, order.id).fulfillmentOrders.nodes.isEmpty)
            clock.advance(by: .seconds(2))
            let fo = try #require(try await Self.fulfillmentOrders(client, order.id).fulfillmentOrders.nodes.first)
            #expect(fo.status == "OPEN")

            try await sim.editOrder(order.legacyResourceId, ShopifySimOrderEdit(holdReason: "AWAITING_PAYMENT"))
            let held = try #require(try await Self.fulfillmentOrders(client, order.id).fulfillmentOrders.nodes.first)
            #expect(held.status == "ON_HOLD")
            #expect(held.fulfillmentHolds.map(\.reason) == ["AWAITING_PAYMENT"])
            let refused = try await Self.fulfill(client, fo: fo.id, lines: nil)
            #expect(refused.userErrors.first?.message.hasSuffix("has an unfulfillable status= on_hold.") == true)

            try await sim.cancelOrder(order.legacyResourceId)
            let cancelled = try #require(
                try await Self.fulfillmentOrders(client, order.id).fulfillmentOrders.nodes.first)
            #expect(cancelled.status == "CLOSED")
        }
    }

    @Test("an order over two locations gets a fulfillment order per location")
    func splitByLocation() async throws {
        try await withSim { sim, client in
            // SKU-1003-M ships from the second location, SKU-1001 from the first.
            let order = try await sim.placeOrder(
                ShopifySimNewOrder(lines: [.init(sku: "SKU-1001", quantity: 1), .init(sku: "SKU-1003-M", quantity: 2)]))
            let fos = try await Self.fulfillmentOrders(client, order.id).fulfillmentOrders.nodes
            #expect(fos.count == 2)
            #expect(Set(fos.map(\.assignedLocation.location.id)).count == 2)
        }
    }
}

@Suite("ShopifySim refunds")
struct RefundTests {
    struct Refunded: Decodable {
        var order: Order

        struct Order: Decodable {
            var displayFinancialStatus: String
            var displayFulfillmentStatus: String
            var lineItems: Connection<Line>
            var refunds: [Refund]
        }

        struct Line: Decodable {
            var quantity: Int
            var currentQuantity: Int
            var unfulfilledQuantity: Int
        }

        struct Refund: Decodable {
            var id: String
            var refundLineItems: Connection<RefundLine>
        }

        struct RefundLine: Decodable {
            var quantity: Int
            var restockType: String
            var lineItem: LineItem
        }

        struct LineItem: Decodable {
            var sku: String?
        }
    }

    @Test("a partial refund after a partial shipment: currentQuantity drops, the rest of the FO closes, stock returns")
    func partialRefund() async throws {
        try await withSim { sim, client in
            let before = try #require(await sim.inventoryLevels(sku: "SKU-1001").first?.quantities["available"])
            let order = try await sim.placeOrder(ShopifySimNewOrder(lines: [.init(sku: "SKU-1001", quantity: 3)]))
            let fo = try #require(try await sim.fulfillmentOrders(orderId: order.legacyResourceId).first)
            _ = try await FulfillmentTests.fulfill(client, fo: fo.id, lines: [(fo.lines[0].id, 1)])
            let refund = try await sim.refundOrder(
                order.legacyResourceId, lines: [.init(sku: "SKU-1001", quantity: 2)], restock: true, note: "damaged box"
            )
            #expect(refund.hasPrefix("gid://shopify/Refund/"))

            let reply = try await client.graphQL(
                """
                { order(id: "\(order.id)") { displayFinancialStatus displayFulfillmentStatus
                  lineItems(first: 5) { nodes { quantity currentQuantity unfulfilledQuantity } }
                  refunds { id refundLineItems(first: 5) { nodes { quantity restockType lineItem { sku } } } } } }
                """)
            let refunded = try #require(try reply.answer(Refunded.self).data?.order)
            #expect(refunded.displayFinancialStatus == "PARTIALLY_REFUNDED")
            #expect(refunded.displayFulfillmentStatus == "FULFILLED")
            let line = try #require(refunded.lineItems.nodes.first)
            #expect((line.quantity, line.currentQuantity, line.unfulfilledQuantity) == (3, 1, 0))
            #expect(refunded.refunds.map(\.id) == [refund])
            #expect(refunded.refunds.first?.refundLineItems.nodes.first?.quantity == 2)
            #expect(refunded.refunds.first?.refundLineItems.nodes.first?.restockType == "CANCEL")
            #expect(try await sim.fulfillmentOrders(orderId: order.legacyResourceId).first?.status == "CLOSED")
            let level = try #require(await sim.inventoryLevels(sku: "SKU-1001").first)
            #expect(level.quantities["available"] == before - 1)
            #expect(level.quantities["committed"] == 0)
        }
    }
}
