import Foundation
import LogixCore
import Testing
import WooCommerce

@testable import Sync

@Suite("OrderMapper: WooCommerce orders → Logix orders")
struct MappingTests {
    let mapper = OrderMapper(integrationID: 7)

    private func dec(_ text: String) -> Decimal { MappingSamples.decimal(text) }

    // MARK: Every recorded order

    @Test(
        "every order of the recorded list pages maps, field by field against its JSON",
        arguments: ["01-orders-per_page100-page3.json", "40-oauth-client-get-orders-page2.json"]
    )
    func mapsEveryRecordedOrder(file: String) throws {
        let orders = try MappingSamples.orders(file)
        #expect(orders.count >= 50)
        for (store, result) in zip(orders, mapper.map(orders)) {
            let order = try result.get()
            #expect(order.integrationID == 7)
            #expect(order.externalID == Int64(store.id))
            #expect(order.number == store.number)
            #expect(order.storeStatus == store.status.rawValue)
            #expect(order.status == StatusMapping.defaultInbound[store.status])
            #expect(order.currency == store.currency)
            #expect(order.total == store.total.value)
            #expect(order.shippingTotal == store.shippingTotal.value)
            #expect(order.taxTotal == store.totalTax.value)
            #expect(order.discountTotal == store.discountTotal.value)
            #expect(order.refundedTotal == -store.refunds.reduce(Decimal.zero) { $0 + $1.total.value })
            #expect(order.refundedTotal >= 0)
            // The totals add up for every recorded order: the subtotal definition is WooCommerce's own.
            #expect(
                order.subtotal - order.discountTotal + order.shippingTotal + order.feeTotal + order.taxTotal
                    == order.total,
                "order \(store.id)"
            )
            #expect(order.customer.email == (store.billing.email ?? ""))
            #expect(order.billingAddress.address1 == store.billing.address1)
            #expect(order.shippingAddress.postcode == store.shipping.postcode)
            #expect(order.customerNote == store.customerNote)
            #expect(order.storeModifiedAt == store.dateModified)
            #expect(order.createdAt == store.dateCreated)
            #expect(order.id == nil)
            #expect(order.review == nil)
            #expect(order.lines.count == store.lineItems.count)
            for (line, item) in zip(order.lines, store.lineItems) {
                #expect(line.externalLineID == Int64(item.id))
                #expect(line.sku == item.sku)
                #expect(line.name == item.name)
                #expect(line.quantity == item.quantity)
                #expect(line.refundedQuantity == 0)
                // Exact when the total divides evenly (almost every line); within half a cent when it does not
                // (order 247: 64.12 ÷ 3).
                #expect(abs(line.unitPrice * Decimal(line.quantity) - item.total.value) < dec("0.005"))
            }
        }
    }

    @Test("the USD order of a EUR store keeps its own currency")
    func multiCurrency() throws {
        let store = try #require(try MappingSamples.orders("01-orders-per_page100-page3.json").first { $0.id == 116 })
        let order = try mapper.map(store).get()
        #expect(order.currency == "USD")
        #expect(order.total == dec("53.31"))
        #expect(order.discountTotal == dec("5.00"))
    }

    // MARK: One order, every field

    @Test("order 109 (04-order-get.json), every field")
    func order109() throws {
        let order = try mapper.map(try MappingSamples.order("04-order-get.json")).get()

        #expect(order.externalID == 109)
        #expect(order.number == "109")
        #expect(order.storeStatus == "processing")
        #expect(order.status == .ready)
        #expect(order.currency == "EUR")
        #expect(order.total == dec("167.20"))
        #expect(order.subtotal == dec("152.30"))
        #expect(order.shippingTotal == dec("19.90"))
        #expect(order.taxTotal == 0)
        #expect(order.discountTotal == 0)
        #expect(order.feeTotal == dec("-5.00"))
        #expect(order.refundedTotal == 0)
        #expect(
            order.customer
                == Customer(name: "John O'Brien", email: "john.obrien@example.test", phone: "+1 212-555-0147"))
        #expect(
            order.billingAddress
                == PostalAddress(
                    firstName: "John",
                    lastName: "O'Brien",
                    company: "Acme & Sons, Inc.",
                    address1: "350 5th Ave",
                    address2: "Suite 5100",
                    city: "New York",
                    state: "NY",
                    postcode: "10118",
                    country: "US",
                    phone: "+1 212-555-0147",
                    email: "john.obrien@example.test"
                )
        )
        #expect(
            order.shippingAddress
                == PostalAddress(
                    firstName: "John",
                    lastName: "O'Brien",
                    company: "Acme & Sons, Inc.",
                    address1: "350 5th Ave",
                    address2: "Suite 5100",
                    city: "New York",
                    state: "NY",
                    postcode: "10118",
                    country: "US",
                    phone: "",
                    email: nil
                )
        )
        #expect(order.shippingMethod == "International")
        #expect(order.customerNote == "Please ring twice.")
        #expect(order.storeModifiedAt == MappingSamples.date("2026-11-24T21:56:36"))
        #expect(order.createdAt == MappingSamples.date("2026-11-24T21:56:36"))
        #expect(order.updatedAt == order.storeModifiedAt)

        // Three product lines; the −5.00 fee is in `feeTotal`, not a line.
        #expect(
            order.lines == [
                OrderLine(
                    externalLineID: 77,
                    sku: "APP-TSHIRT-BLK-L",
                    name: "Barista T-Shirt - Black, L",
                    quantity: 2,
                    unitPrice: dec("24.9"),
                    externalProductID: 90,
                    externalVariationID: 93
                ),
                OrderLine(
                    externalLineID: 78,
                    sku: "COF-GEI-100",
                    name: "Limited Edition Geisha 100g",
                    quantity: 2,
                    unitPrice: 39,
                    externalProductID: 74,
                    externalVariationID: nil
                ),
                OrderLine(
                    externalLineID: 79,
                    sku: "TMB-350",
                    name: "Travel Tumbler 350ml",
                    quantity: 1,
                    unitPrice: dec("24.5"),
                    externalProductID: 89,
                    externalVariationID: nil
                ),
            ]
        )
        #expect(
            order.stockDemand == [
                StockQuantity(sku: "APP-TSHIRT-BLK-L", quantity: 2),
                StockQuantity(sku: "COF-GEI-100", quantity: 2),
                StockQuantity(sku: "TMB-350", quantity: 1),
            ]
        )
    }

    @Test("mapping is deterministic: the same store data gives equal orders")
    func deterministic() throws {
        let store = try MappingSamples.order("04-order-get.json")
        #expect(try mapper.map(store).get() == mapper.map(store).get())
    }

    @Test(
        "a customer's name is trimmed of spaces and tabs as Foundation's whitespaces trims it",
        arguments: [" Zoë ", "\u{00A0}Ada\t", "Jo Ann", "", "   ", "\u{3000}Léa\u{2009}", "x", "Ada\n"])
    func namesAreTrimmedAsFoundationTrimsThem(name: String) {
        #expect(name.trimmingWhitespace() == name.trimmingCharacters(in: .whitespaces))
    }

    @Test("a webhook body (order.created for order 384) maps like a GET; its empty shipping address stays empty")
    func webhookBody() throws {
        let body = try MappingSamples.webhookBody("65-webhook-delivery-order-created-order384.json")
        let order = try mapper.map(try JSONDecoder().decode(WooOrder.self, from: body)).get()
        #expect(order.externalID == 384)
        #expect(order.status == .ready)
        #expect(order.total == dec("19.05"))
        #expect(order.taxTotal == dec("1.25"))
        #expect(order.customer.name == "Zoë Müller")
        #expect(order.billingAddress.city == "Berlin")
        #expect(order.shippingAddress == PostalAddress())
        #expect(order.shippingMethod == nil)
        #expect(order.lines.map(\.sku) == ["TEA-SEN-100"])
        #expect(order.lines.first?.unitPrice == dec("8.9"))
        #expect(order.storeModifiedAt == MappingSamples.date("2026-11-24T22:02:18"))
    }

    // MARK: Refunds

    @Test("refunded order 119 with its refund list: amount from the order, no line quantities in that refund")
    func refundedOrder() throws {
        let store = try MappingSamples.order("04-order-get-refunded.json")
        let refunds = try MappingSamples.refunds("04-order-refunds-list.json")
        #expect(OrderMapper.needsRefundDetails(store))
        #expect(refunds.map(\.amount.value) == [dec("99.80")])

        let order = try mapper.map(store, refunds: refunds).get()
        #expect(order.status == .refunded)
        #expect(order.storeStatus == "refunded")
        #expect(order.refundedTotal == dec("99.80"))
        #expect(order.total == dec("99.80"))
        #expect(order.lines.allSatisfy { $0.refundedQuantity == 0 })
        // Without the refund list the amount is the same; only per-line quantities need it.
        #expect(try mapper.map(store).get() == order)
    }

    /// Order 109 with two refunds listed, and refund objects whose lines name the order lines through
    /// `_refunded_item_id`, as WooCommerce writes them.
    private func partlyRefunded() throws -> (WooOrder, [WooRefund]) {
        let store = try MappingSamples.editedOrder { object in
            object["refunds"] = [
                ["id": 500, "reason": "Wrong size", "total": "-24.90"],
                ["id": 501, "reason": "Damaged", "total": "-49.40"],
            ]
        }
        let refunds = try JSONDecoder().decode(
            [WooRefund].self,
            from: Data(
                """
                [
                  {"id": 501, "amount": "49.40", "reason": "Damaged", "line_items": [
                    {"id": 611, "name": "Barista T-Shirt - Black, L", "product_id": 90, "variation_id": 93,
                     "quantity": -1, "subtotal": "-24.90", "total": "-24.90", "sku": "APP-TSHIRT-BLK-L",
                     "price": -24.9, "meta_data": [{"id": 1, "key": "_refunded_item_id", "value": "77"}]},
                    {"id": 612, "name": "Travel Tumbler 350ml", "product_id": 89, "variation_id": 0,
                     "quantity": -1, "subtotal": "-24.50", "total": "-24.50", "sku": "TMB-350",
                     "price": -24.5, "meta_data": [{"id": 2, "key": "_refunded_item_id", "value": 79}]}
                  ]},
                  {"id": 500, "amount": "24.90", "reason": "Wrong size", "line_items": [
                    {"id": 601, "name": "Barista T-Shirt - Black, L", "product_id": 90, "variation_id": 93,
                     "quantity": -1, "subtotal": "-24.90", "total": "-24.90", "sku": "APP-TSHIRT-BLK-L",
                     "price": -24.9, "meta_data": [{"id": 3, "key": "_refunded_item_id", "value": "77"}]}
                  ]},
                  {"id": 502, "amount": "39.00", "reason": "Not in this version of the order", "line_items": [
                    {"id": 621, "name": "Limited Edition Geisha 100g", "product_id": 74, "quantity": -2,
                     "total": "-78.00", "meta_data": [{"id": 4, "key": "_refunded_item_id", "value": "78"}]}
                  ]}
                ]
                """.utf8
            )
        )
        return (store, refunds)
    }

    @Test("per-line refunded quantities come from the refunds' lines and their _refunded_item_id")
    func perLineRefundedQuantities() throws {
        let (store, refunds) = try partlyRefunded()
        let order = try mapper.map(store, refunds: refunds).get()
        #expect(order.refundedTotal == dec("74.30"))
        // Line 77 refunded twice (2 of 2), line 79 once; refund 502 is not listed by the order, so ignored.
        #expect(order.lines.map(\.refundedQuantity) == [2, 0, 1])
        #expect(order.lines.map(\.openQuantity) == [0, 2, 0])
        #expect(order.stockDemand == [StockQuantity(sku: "COF-GEI-100", quantity: 2)])

        // A page maps refunds by order id.
        let page = mapper.map([store], refunds: [109: refunds])
        #expect(try page.map { try $0.get() } == [order])
    }

    @Test("a refund line without _refunded_item_id, or naming an unknown line, fails the order with its reason")
    func unattributableRefundLines() throws {
        let (store, refunds) = try partlyRefunded()
        var unattributed = refunds
        unattributed[0].lineItems[1].metaData = []
        let failure = try #require(MappingSamples.failure(mapper.map(store, refunds: unattributed)))
        #expect(failure.reason == .refundLineUnattributed(refundID: 501, refundLineID: 612))
        #expect(failure.disposition == .failed)

        var unknown = refunds
        unknown[1].lineItems[0].metaData = [WooMetaData(key: "_refunded_item_id", value: .string("999"))]
        let notFound = try #require(MappingSamples.failure(mapper.map(store, refunds: unknown)))
        #expect(notFound.reason == .refundedItemNotFound(refundID: 500, itemID: 999))
        #expect(notFound.code == "refunded_item_not_found")
    }

    // MARK: Lines

    @Test("a line of a deleted product (sku null, product id 0) is kept with no SKU and no product id")
    func deletedProductLine() throws {
        let store = try MappingSamples.editedOrder { object in
            try MappingSamples.editLine(&object, 1) { line in
                line["sku"] = NSNull()
                line["product_id"] = 0
            }
            try MappingSamples.editLine(&object, 2) { line in line["sku"] = "" }
        }
        let order = try mapper.map(store).get()
        #expect(order.lines.count == 3)
        #expect(order.lines[1].sku == nil)
        #expect(order.lines[1].externalProductID == nil)
        #expect(order.lines[1].name == "Limited Edition Geisha 100g")
        #expect(order.lines[2].sku == nil)
        #expect(order.lines[2].externalProductID == 89)
        // Lines without a SKU reserve no stock.
        #expect(order.stockDemand == [StockQuantity(sku: "APP-TSHIRT-BLK-L", quantity: 2)])
    }

    @Test("the unit price is total ÷ quantity in Decimal, not the store's float-printed `price`")
    func unitPriceFromTotals() throws {
        let store = try #require(try MappingSamples.orders("01-orders-per_page100-page3.json").first { $0.id == 162 })
        // What the store sent: 74.70 ÷ 3 printed from a PHP float.
        #expect(store.lineItems[0].price.value != dec("24.9"))
        let order = try mapper.map(store).get()
        #expect(order.lines.map(\.unitPrice) == [dec("24.9"), dec("26.9"), 28])

        #expect(OrderMapper.unitPrice(total: dec("64.12"), quantity: 3) == dec("21.37333333"))
        #expect(OrderMapper.unitPrice(total: dec("10.00"), quantity: 3) == dec("3.33333333"))
        #expect(OrderMapper.unitPrice(total: dec("20.00"), quantity: 3) == dec("6.66666667"))
        #expect(OrderMapper.unitPrice(total: 0, quantity: 5) == 0)
    }

    @Test("several shipping lines are joined; fees and coupons stay out of the lines")
    func shippingLinesAndFees() throws {
        let store = try MappingSamples.editedOrder { object in
            var shipping = try #require(object["shipping_lines"] as? [[String: Any]])
            shipping.append(["id": 82, "method_title": "Express surcharge", "method_id": "flat_rate", "total": "0.00"])
            shipping.append(["id": 83, "method_title": "", "method_id": "flat_rate", "total": "0.00"])
            object["shipping_lines"] = shipping
            object["coupon_lines"] = [["id": 84, "code": "welcome5", "discount": "5", "discount_tax": "0"]]
        }
        let order = try mapper.map(store).get()
        #expect(order.shippingMethod == "International, Express surcharge")
        #expect(order.lines.count == 3)
    }

    // MARK: Failures and skips

    @Test("an order without date_modified_gmt fails: it has no version")
    func missingModifiedDate() throws {
        let store = try MappingSamples.editedOrder { $0["date_modified_gmt"] = NSNull() }
        let failure = try #require(MappingSamples.failure(mapper.map(store)))
        #expect(failure == MappingFailure(orderID: 109, reason: .missingModifiedDate))
        #expect(failure.disposition == .failed)
        #expect(failure.code == "missing_date_modified")
        #expect(failure.description.contains("order 109 failed"))
        #expect(failure.description.contains("date_modified_gmt"))
    }

    @Test("an order without date_created_gmt fails")
    func missingCreatedDate() throws {
        let store = try MappingSamples.editedOrder { $0.removeValue(forKey: "date_created_gmt") }
        #expect(MappingSamples.failure(mapper.map(store))?.reason == .missingCreatedDate)
    }

    @Test(
        "drafts and trash are skipped, not failed, whatever their data",
        arguments: ["checkout-draft", "wc-checkout-draft", "trash", "auto-draft"]
    )
    func neverImported(status: String) throws {
        let store = try MappingSamples.editedOrder { object in
            object["status"] = status
            object["date_modified_gmt"] = NSNull()
        }
        let failure = try #require(MappingSamples.failure(mapper.map(store)))
        #expect(failure.reason == .statusNeverImported(WooOrderStatus(status)))
        #expect(failure.disposition == .skipped)
    }

    @Test("a line with quantity 0 or below fails the order")
    func badQuantity() throws {
        for quantity in [0, -2] {
            let store = try MappingSamples.editedOrder { object in
                try MappingSamples.editLine(&object, 2) { $0["quantity"] = quantity }
            }
            let failure = try #require(MappingSamples.failure(mapper.map(store)))
            #expect(failure.reason == .invalidQuantity(lineID: 79, quantity: quantity))
            #expect(failure.disposition == .failed)
            #expect(failure.message == "line 79 has quantity \(quantity); it must be at least 1")
        }
    }

    @Test("a currency that is not an ISO 4217 code fails", arguments: ["", "eur", "EURO", "€"])
    func badCurrency(currency: String) throws {
        let store = try MappingSamples.editedOrder { $0["currency"] = currency }
        #expect(MappingSamples.failure(mapper.map(store))?.reason == .invalidCurrency(currency))
    }

    @Test("an order with fees but no product lines is skipped: nothing to fulfil")
    func noLines() throws {
        let store = try MappingSamples.editedOrder { $0["line_items"] = [Any]() }
        let failure = try #require(MappingSamples.failure(mapper.map(store)))
        #expect(failure.reason == .noLines)
        #expect(failure.disposition == .skipped)
    }

    @Test("two lines with one id fail the order")
    func duplicateLineIDs() throws {
        let store = try MappingSamples.editedOrder { object in
            try MappingSamples.editLine(&object, 2) { $0["id"] = 77 }
        }
        #expect(MappingSamples.failure(mapper.map(store))?.reason == .duplicateLineID(77))
    }

    @Test("a custom status is skipped without an override and imported with one")
    func customStatus() throws {
        let store = try MappingSamples.editedOrder { $0["status"] = "shipped" }
        let skipped = try #require(MappingSamples.failure(mapper.map(store)))
        #expect(skipped.reason == .statusUnmapped("shipped"))
        #expect(skipped.disposition == .skipped)
        #expect(skipped.message.contains("override"))

        let mapping = try StatusMapping(inbound: ["wc-shipped": "shipped"], outbound: [:], importedStatuses: nil)
        let order = try OrderMapper(integrationID: 7, statusMapping: mapping).map(store).get()
        #expect(order.status == .shipped)
        #expect(order.storeStatus == "shipped")
    }

    @Test("a status outside the integration's import set is skipped, with the status it would have had")
    func importFilter() throws {
        let mapping = try StatusMapping(inbound: [:], outbound: [:], importedStatuses: ["processing", "on-hold"])
        let filtered = OrderMapper(integrationID: 7, statusMapping: mapping)
        let completed = try MappingSamples.editedOrder { $0["status"] = "completed" }
        let failure = try #require(MappingSamples.failure(filtered.map(completed)))
        #expect(failure.reason == .statusNotImported(.completed, mappedTo: .delivered))
        #expect(failure.disposition == .skipped)
        #expect(try filtered.map(try MappingSamples.order("04-order-get.json")).get().status == .ready)
    }

    @Test("one bad order in a page fails alone; the rest of the page maps")
    func pageWithBadOrder() throws {
        var orders = try MappingSamples.orders("01-orders-per_page100-page3.json")
        orders[3].dateModified = nil
        orders[5].status = .checkoutDraft
        let results = mapper.map(orders)
        #expect(results.count == orders.count)
        #expect(MappingSamples.failure(results[3])?.reason == .missingModifiedDate)
        #expect(MappingSamples.failure(results[3])?.orderID == orders[3].id)
        #expect(MappingSamples.failure(results[5])?.disposition == .skipped)
        #expect(results.enumerated().filter { MappingSamples.failure($0.element) == nil }.count == orders.count - 2)
    }
}

/// The integer path of the unit price gives exactly what `Decimal` division gives.
@Suite struct UnitPriceTests {
    @Test func integerQuotientsMatchDecimalDivision() {
        let totals = ["74.70", "64.12", "0", "100", "0.01", "-49.80", "12345678.90", "1.005", "99999999999.99"]
        for text in totals {
            let total = Decimal(string: text)!
            for quantity in 2...13 {
                let fast = OrderMapper.exactQuotient(total, quantity)
                var slow = total / Decimal(quantity)
                if let fast {
                    #expect(fast == slow, "\(text) ÷ \(quantity)")
                } else {
                    // Not terminating within the scale: the rounded slow path is used instead.
                    var rounded = Decimal()
                    NSDecimalRound(&rounded, &slow, OrderMapper.unitPriceScale, .plain)
                    #expect(OrderMapper.unitPrice(total: total, quantity: quantity) == rounded, "\(text) ÷ \(quantity)")
                }
            }
        }
        #expect(OrderMapper.exactQuotient(Decimal(string: "74.70")!, 3) == Decimal(string: "24.9"))
        #expect(OrderMapper.exactQuotient(Decimal(string: "64.12")!, 3) == nil)
    }
}
