import Foundation
import LogixCore
import Testing

@Suite struct OrderCodableTests {
    static func sample() -> Order {
        var order = SampleOrders.order(status: .packed)
        order.total = Decimal(string: "0.1")! + Decimal(string: "0.2")!
        order.feeTotal = Decimal(string: "-1234567890.123456789")!
        order.customer.name = "山田 太郎 👋"
        order.customerNote = "Ünïcödé \"quotes\" and\nnewlines"
        order.review = ReviewFlag(
            reason: .storeEditAfterFulfillmentStarted,
            changes: [FieldChange(field: "shippingAddress.city", old: "München", new: "Köln")]
        )
        return order
    }

    @Test func roundTripsExactly() throws {
        let order = Self.sample()
        let data = try JSONEncoder().encode(order)
        let decoded = try JSONDecoder().decode(Order.self, from: data)
        #expect(decoded == order)
        #expect(decoded.total == Decimal(string: "0.3")!)
        #expect(decoded.customer.name == "山田 太郎 👋")
    }

    @Test func moneyIsWrittenAsDecimalStrings() throws {
        let json = try #require(String(data: JSONEncoder().encode(Self.sample()), encoding: .utf8))
        #expect(json.contains(#""total":"0.3""#))
        #expect(json.contains(#""feeTotal":"-1234567890.123456789""#))
        #expect(json.contains(#""unitPrice":"19.99""#))
    }

    @Test func anOrderNeverStoredHasNoID() throws {
        var order = Self.sample()
        order.id = nil
        order.shippingMethod = nil
        let decoded = try JSONDecoder().decode(Order.self, from: JSONEncoder().encode(order))
        #expect(decoded.id == nil)
        #expect(decoded == order)
    }

    @Test(arguments: ["12abc", "1,50", "", ".5", "5.", "1e3", "NaN", "--1", "1.2.3"])
    func malformedMoneyIsRefused(_ text: String) throws {
        var object = try #require(
            JSONSerialization.jsonObject(with: JSONEncoder().encode(Self.sample())) as? [String: Any]
        )
        object["total"] = text
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Order.self, from: data) }
    }

    @Test func aLineNormalizesWhatStoresSendInTwoWays() throws {
        let line = OrderLine(sku: "", name: "x", quantity: 3, unitPrice: 1, refundedQuantity: -2)
        #expect(line.sku == nil)
        #expect(line.refundedQuantity == 2)
        #expect(line.openQuantity == 1)
        var over = line
        over.refundedQuantity = 9
        #expect(over.openQuantity == 0)
    }

    @Test func anUnknownReviewReasonStillDecodes() throws {
        let data = Data(#"{"reason":"from_a_newer_version","changes":[]}"#.utf8)
        let flag = try JSONDecoder().decode(ReviewFlag.self, from: data)
        #expect(flag.reason == ReviewReason(rawValue: "from_a_newer_version"))
    }
}
