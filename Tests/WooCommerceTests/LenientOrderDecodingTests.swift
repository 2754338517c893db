import Foundation
import Testing

@testable import WooCommerce

/// The lenient rules of order decoding, field by field, with the values they must give: how real stores bend
/// their own schema (numbers as strings, `null` or `[]` where an object is promised, WordPress booleans) and
/// what still fails an order (no id, a list that is not a list).
@Suite struct LenientOrderDecodingTests {
    private func order(_ members: String) throws -> WooOrder {
        try WooOrder.decode(from: Data(#"{"id": 7\#(members.isEmpty ? "" : ", ")\#(members)}"#.utf8))
    }

    @Test func missingFieldsTakeTheirEmptyValues() throws {
        let order = try order("")
        #expect(order.id == 7)
        #expect(order.number == "7")
        #expect(order.parentID == 0 && order.customerID == 0)
        #expect(order.status == WooOrderStatus(rawValue: ""))
        #expect(order.billing == WooAddress() && order.shipping == WooAddress())
        #expect(order.total == .zero && order.currencySymbol == nil)
        #expect(order.dateModified == nil && !order.pricesIncludeTax)
        #expect(order.lineItems.isEmpty && order.metaData.isEmpty && order.refunds.isEmpty)
        #expect(try WooOrder.decode(from: Data(#"{"id": "12"}"#.utf8)).id == 12)
    }

    @Test func integersAcceptNumericStringsAndTruncateFractions() throws {
        let strings = try order(#""parent_id": "42", "customer_id": " 7 ""#)
        #expect(strings.parentID == 42 && strings.customerID == 7)
        let money = try order(#""parent_id": "12.50", "customer_id": "abc""#)
        #expect(money.parentID == 12 && money.customerID == 0)
        let fractions = try order(#""parent_id": 3.7, "customer_id": -3.7"#)
        #expect(fractions.parentID == 3 && fractions.customerID == -3)
        let empty = try order(#""parent_id": "", "customer_id": null"#)
        #expect(empty.parentID == 0 && empty.customerID == 0)
    }

    @Test func stringsAcceptNumbersAndBooleans() throws {
        let order = try order(#""number": 109, "version": 10.5, "order_key": true, "currency": false"#)
        #expect(order.number == "109")
        #expect(order.version == "10.5")
        #expect(order.orderKey == "true" && order.currency == "false")
        #expect(try self.order(#""number": null"#).number == "7")
    }

    @Test func booleansReadAsWordPressWritesThem() throws {
        let words = try order(
            #""prices_include_tax": "yes", "is_editable": "ON", "needs_payment": "no", "needs_processing": """#)
        #expect(words.pricesIncludeTax && words.isEditable && !words.needsPayment && !words.needsProcessing)
        let numbers = try order(#""prices_include_tax": 1, "is_editable": 0, "needs_payment": 2"#)
        #expect(numbers.pricesIncludeTax && !numbers.isEditable && numbers.needsPayment)
        let odd = try order(#""prices_include_tax": "maybe", "is_editable": [], "needs_payment": null"#)
        #expect(!odd.pricesIncludeTax && !odd.isEditable && !odd.needsPayment)
    }

    @Test func moneyIsExactFromStringsAndNumbersAndZeroWhenUnreadable() throws {
        let order = try order(
            #""total": 12.5, "total_tax": "-0.00", "cart_tax": "", "shipping_tax": "abc", "discount_total": "1e3","#
                + #" "shipping_total": " 12.50 ""#)
        #expect(order.total == WooMoney("12.5"))
        #expect(order.totalTax == .zero && order.cartTax == .zero && order.shippingTax == .zero)
        #expect(order.discountTotal == WooMoney(1000))
        #expect(order.shippingTotal == WooMoney("12.50"))
        let line = try self.order(#""line_items": [{"id": 1, "price": 0.30000000000000004, "quantity": "2"}]"#)
        #expect(line.lineItems.first?.quantity == 2)
        #expect(line.lineItems.first?.price == WooMoney(Decimal(string: "0.30000000000000004")!))
    }

    @Test func datesComeFromTheGMTFieldsAndAreNilWhenUnreadable() throws {
        let order = try order(
            #""date_created_gmt": "2026-11-24T21:56:36", "date_modified_gmt": "2026-11-24T21:56:36Z","#
                + #" "date_paid_gmt": "garbage", "date_completed_gmt": 12345, "date_created": "2020-01-01T00:00:00""#)
        let expected = Date(timeIntervalSince1970: 1_795_557_396)
        #expect(order.dateCreated == expected)
        #expect(order.dateModified == expected)
        #expect(order.datePaid == nil && order.dateCompleted == nil)
    }

    @Test func nullOrAnEmptyArrayWhereAnObjectIsPromisedIsEmpty() throws {
        let order = try order(
            #""billing": [], "shipping": null, "meta_data": null, "line_items": null, "fee_lines": null"#)
        #expect(order.billing == WooAddress() && order.shipping == WooAddress())
        #expect(order.metaData.isEmpty && order.lineItems.isEmpty && order.feeLines.isEmpty)
        let image = try self.order(#""line_items": [{"id": 1, "image": []}, {"id": 2, "image": {"id": "12"}}]"#)
        #expect(image.lineItems.first?.image == nil)
        #expect(image.lineItems.last?.image?.id == 12)
    }

    @Test func metaValuesKeepTheirJSONShape() throws {
        let order = try order(
            #""meta_data": [{"id": 1, "key": "a", "value": "text"}, {"id": 2, "key": "b", "value": 5},"#
                + #" {"id": 3, "key": "c", "value": [1, "a", null, {"k": true}]}]"#)
        #expect(order.meta("a") == .string("text"))
        #expect(order.meta("b") == .int(5))
        #expect(order.meta("c") == .array([.int(1), .string("a"), .null, .object(["k": .bool(true)])]))
    }

    @Test func statusesDropTheirWCPrefix() throws {
        #expect(try order(#""status": "wc-processing""#).status == .processing)
        #expect(try order(#""status": "awaiting-pickup""#).status == WooOrderStatus(rawValue: "awaiting-pickup"))
    }

    @Test(arguments: [
        #"{}"#, #"{"id": null}"#, #"{"id": "abc"}"#, #"{"id": true}"#, #"{"id": []}"#,
        #"{"id": 1, "line_items": {}}"#, #"{"id": 1, "meta_data": "x"}"#, #"{"id": 1, "refunds": 5}"#,
        #"{"id": 1, "line_items": [null]}"#, #"{"id": 1, "line_items": [{}]}"#, #"{"id": 1, "tax_lines": [[]]}"#,
        #"{"id": 1, "fee_lines": [{"name": "x"}]}"#, #"{"id": 1, "refunds": [{"total": "1"}]}"#,
        #"null"#, #"[]"#, #"5"#, #"{"id": 1"#, #"{"id":1} x"#,
    ])
    func whatAnOrderCannotBeIsRejected(_ json: String) {
        #expect(throws: (any Error).self) { try WooOrder.decode(from: Data(json.utf8)) }
    }

    @Test func listsFollowTheSameRules() throws {
        let orders = try WooOrder.decodeList(from: Data(#"[{"id": 1}, {"id": "2", "total": 3}]"#.utf8))
        #expect(orders.map(\.id) == [1, 2])
        #expect(orders.last?.total == WooMoney(3))
        for json in [#"[{"id": 1}, null]"#, #"[{"id": 1}, {}]"#, #"{"id": 1}"#, #"null"#, #"[[]]"#] {
            #expect(throws: (any Error).self) { try WooOrder.decodeList(from: Data(json.utf8)) }
        }
    }

    @Test func recordedWebhookOrderBodiesDecode() throws {
        let names = try RecordedSamples.webhookNames().filter { $0.contains("-order-") && !$0.contains("ping") }
        #expect(names.count >= 3)
        for name in names {
            let body = try RecordedSamples.webhook(name).body
            let order = try WooOrder.decode(from: body)
            #expect(Int64(order.id) == (try WooWebhookDelivery.resourceID(in: body)), "\(name)")
            #expect(order.dateModified != nil, "\(name)")
        }
    }

    @Test func decodingErrorsNameTheField() throws {
        let data = Data(#"{"id": 1, "line_items": [{"id": 1}, {"name": "no id"}]}"#.utf8)
        let error = try #require(throws: (any Error).self) { try WooOrder.decode(from: data) }
        #expect(WooJSON.describe(error).contains("line_items"))
    }
}
