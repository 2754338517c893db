import Foundation
import Testing

@testable import Shopify

/// GraphQL answers read into the typed models.
@Suite struct ModelDecodingTests {
    @Test func anOrderNodeReadsIdsMoneyStatusesLinesAndAddress() throws {
        let order = try JSONDecoder().decode(ShopifyOrder.self, from: Data(RecordedBodies.order.utf8))
        #expect(order.id.rawValue == "gid://shopify/Order/9007199254740993")
        #expect(order.legacyID == 9_007_199_254_740_993)
        #expect(order.name == "#1001")
        #expect(order.updatedAt == ShopifyDate.parse("2026-12-01T10:15:30Z"))
        #expect(order.cancelledAt == nil && order.closedAt == nil && !order.test)
        #expect(order.tags == ["wholesale", "vip"])
        #expect(order.financialStatus == .paid)
        #expect(order.fulfillmentStatus == .unfulfilled)
        #expect(order.totalPrice == 679)
        #expect(order.currencyCode == "EUR")
        #expect(order.shippingAddress?.countryCodeV2 == "DE")
        #expect(order.shippingLines.first?.price == Decimal(string: "4.9"))
        #expect(order.customer?.firstName == "Ann")
        #expect(order.lineItems.count == 2)
        #expect(order.hasMoreLineItems)
        #expect(order.lineItemsEndCursor == "eyJsYXN0X2lkIjoyfQ==")
        let shirt = order.lineItems[0]
        #expect(shirt.variantSKU == "ABC-1" && shirt.effectiveSKU == "ABC-1")
        #expect(shirt.quantity == 3 && shirt.currentQuantity == 2 && shirt.unfulfilledQuantity == 2)
        #expect(shirt.unitPrice == Decimal(string: "29.99"))
        #expect(shirt.variantID?.legacyID == 21)
        // A deleted variant and a blank SKU: no SKU to match by.
        #expect(order.lineItems[1].variantID == nil)
        #expect(order.lineItems[1].effectiveSKU == nil)
    }

    @Test func withoutLegacyResourceIDTheNumberComesFromTheGIDAndUnknownReasonsAreKept() throws {
        let withoutLegacy = RecordedBodies.order.replacingOccurrences(
            of: #""legacyResourceId":"9007199254740993","#, with: "")
        #expect(
            try JSONDecoder().decode(ShopifyOrder.self, from: Data(withoutLegacy.utf8)).legacyID
                == 9_007_199_254_740_993)
        let cancelled = RecordedBodies.order.replacingOccurrences(
            of: #""cancelReason":null"#, with: #""cancelReason":"CHARGEBACK""#)
        let order = try JSONDecoder().decode(ShopifyOrder.self, from: Data(cancelled.utf8))
        #expect(order.cancelReason?.rawValue == "CHARGEBACK")
        let badLegacy = RecordedBodies.order.replacingOccurrences(
            of: #""9007199254740993","name""#, with: #""x","name""#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ShopifyOrder.self, from: Data(badLegacy.utf8)) }
    }

    @Test func fulfillmentOrdersReadLocationHoldsAndLines() throws {
        struct Payload: Decodable {
            struct Order: Decodable { var fulfillmentOrders: Connection<ShopifyFulfillmentOrder> }
            var order: Order
        }
        let page = try JSONDecoder().decode(Payload.self, from: Data(RecordedBodies.fulfillmentOrders.utf8))
        let orders = page.order.fulfillmentOrders.nodes
        #expect(orders.count == 2)
        #expect(orders[0].status == .open && orders[0].status.canFulfill)
        #expect(orders[0].locationID?.legacyID == 7)
        #expect(orders[0].lineItems.first?.remainingQuantity == 2)
        #expect(orders[0].lineItems.first?.lineItemID?.legacyID == 11)
        #expect(orders[1].status == .onHold && !orders[1].status.canFulfill)
        #expect(orders[1].holdReasons == ["AWAITING_PAYMENT"])
    }
}
