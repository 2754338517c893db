import Foundation
import Testing

@testable import WooCommerce

/// Every body recorded from the real store decodes into its model (or into WooCommerce's error body).
@Suite struct SampleDecodingTests {
    /// Which model each successful sample is, by file-name prefix. A new sample not listed here fails the test,
    /// so it cannot slip past undecoded.
    static let models: [(prefix: String, decode: @Sendable (Data) throws -> Int)] = [
        ("01-orders", { try decodeCount([WooOrder].self, $0) }),
        ("04-order-get", { try decodeCount(WooOrder.self, $0) }),
        ("04-order-refunds-list", { try decodeCount([WooRefund].self, $0) }),
        ("05-order-put", { try decodeCount(WooOrder.self, $0) }),
        ("06-order-notes-get", { try decodeCount([WooOrderNote].self, $0) }),
        ("06-order-notes-post", { try decodeCount(WooOrderNote.self, $0) }),
        ("07-products", { try decodeCount([WooProduct].self, $0) }),
        ("07-variations-list", { try decodeCount([WooVariation].self, $0) }),
        ("08-product-put-stock", { try decodeCount(WooProduct.self, $0) }),
        ("09-products-batch-update", { try decodeCount(WooBatchResponseBody<WooProduct>.self, $0) }),
        ("10-variation-put-stock", { try decodeCount(WooVariation.self, $0) }),
        ("11-variations-batch-update", { try decodeCount(WooBatchResponseBody<WooVariation>.self, $0) }),
        ("12-customers", { try decodeCount([WooCustomer].self, $0) }),
        ("13-system-status", { try decodeCount(WooSystemStatus.self, $0) }),
        ("15-orders-_fields", { try decodeCount([WooOrderVersion].self, $0) + decodeCount([WooOrder].self, $0) }),
        ("28-ok-querystring", { try decodeCount([WooOrder].self, $0) }),
        ("40-oauth-client-get-orders", { try decodeCount([WooOrder].self, $0) }),
        ("41-oauth-client-put-order", { try decodeCount(WooOrder.self, $0) }),
        ("44-oauth-manual", { try decodeCount([WooOrder].self, $0) }),
        ("45-oauth-manual", { try decodeCount([WooOrder].self, $0) }),
        ("62-webhook-create", { try decodeCount(WooWebhook.self, $0) }),
        ("64-webhook-get", { try decodeCount(WooWebhook.self, $0) }),
        ("64-webhooks-list", { try decodeCount([WooWebhook].self, $0) }),
        ("69-webhook-get", { try decodeCount(WooWebhook.self, $0) }),
        ("71-webhook-delete", { try decodeCount(WooWebhook.self, $0) }),
    ]

    static func decodeCount<T: Decodable>(_ type: T.Type, _ data: Data) throws -> Int {
        let value = try WooJSON.decoder.decode(T.self, from: data)
        if let array = value as? [Any] { return array.count }
        return 1
    }

    @Test(arguments: try RecordedSamples.responseNames())
    func recordedResponseDecodes(_ name: String) throws {
        let data = try RecordedSamples.body(name)
        let status = try RecordedSamples.status(name)
        if status >= 400 {
            let error = try WooJSON.decoder.decode(WooErrorBody.self, from: data)
            #expect(!error.code.isEmpty)
            #expect(!error.message.isEmpty)
            #expect(
                error.status == status, "\(name): data.status \(String(describing: error.status)) vs HTTP \(status)")
            return
        }
        let model = try #require(
            Self.models.first { name.hasPrefix($0.prefix) }, "no model registered for sample \(name)")
        let count = try model.decode(data)
        let raw = try JSONSerialization.jsonObject(with: data)
        if let array = raw as? [Any] {
            #expect(count == array.count * (name.hasPrefix("15-") ? 2 : 1))
        }
    }

    @Test func orderFieldsAreExactAndUTC() throws {
        let order = try WooJSON.decoder.decode(WooOrder.self, from: RecordedSamples.body("04-order-get"))
        #expect(order.id == 109)
        #expect(order.number == "109")
        #expect(order.status == .processing)
        #expect(order.total == WooMoney("167.20"))
        #expect(order.total.formatted() == "167.20")
        #expect(order.shippingTotal.description == "19.9")
        // date_created is 22:56:36 store-local (Europe/Berlin); the model takes the UTC twin.
        #expect(order.dateCreated == WooDate.parseGMT("2026-11-24T21:56:36"))
        #expect(WooDate.formatGMT(try #require(order.dateModified)) == "2026-11-24T21:56:36")
        #expect(order.dateCompleted == nil)
        #expect(order.billing.company == "Acme & Sons, Inc.")
        #expect(order.billing.email == "john.obrien@example.test")
        #expect(order.shipping.email == nil)
        #expect(order.customerNote == "Please ring twice.")
        #expect(order.lineItems.count == 3)
        let shirt = order.lineItems[0]
        #expect(shirt.sku == "APP-TSHIRT-BLK-L")
        #expect(shirt.variationID == 93)
        #expect(shirt.price == WooMoney("24.9"))
        #expect(shirt.meta("pa_color") == .string("black"))
        #expect(order.lineItems[1].image?.id == nil)  // "" in the body
        #expect(order.feeLines.first?.total == WooMoney("-5.00"))
        #expect(order.feeLines.first?.amount == nil)
        #expect(order.shippingLines.first?.instanceID == "5")
        #expect(order.meta("sales_channel") == .string("phone"))
    }

    @Test func refundsAreNegativeInOrdersAndPositiveInRefunds() throws {
        let order = try WooJSON.decoder.decode(WooOrder.self, from: RecordedSamples.body("04-order-get-refunded"))
        #expect(order.refunds.first?.total == WooMoney("-99.80"))
        #expect(order.refundedTotal == WooMoney("99.80"))
        #expect(order.billing.firstName == "雷")
        let refunds = try WooJSON.decoder.decode([WooRefund].self, from: RecordedSamples.body("04-order-refunds-list"))
        #expect(refunds.first?.amount == WooMoney("99.80"))
    }

    @Test func moneyIsExactForUnroundedPrices() throws {
        struct Holder: Decodable { var price: WooMoney }
        let holder = try JSONDecoder().decode(Holder.self, from: Data(#"{"price": 33.333333333333336}"#.utf8))
        #expect(holder.price.value == Decimal(string: "33.333333333333336"))
        #expect(WooMoney("0.1")! + WooMoney("0.2")! == WooMoney("0.3"))
        #expect(WooMoney("19.999")!.formatted(decimals: 2) == "20.00")
        #expect(WooMoney("abc") == nil)
    }

    @Test func variationStockCanLiveOnTheParent() throws {
        let json = #"{"id": 7, "sku": "", "manage_stock": "parent", "stock_quantity": "12", "parent_id": 5}"#
        let variation = try WooJSON.decoder.decode(WooVariation.self, from: Data(json.utf8))
        #expect(variation.manageStock == .parent)
        #expect(variation.stockQuantity == 12)
        #expect(variation.parentID == 5)
    }

    @Test func lenientFieldsSurviveOddStores() throws {
        let json = #"""
            {"id": "12", "number": 12, "status": "wc-shipped", "total": "", "prices_include_tax": "yes",
             "billing": [], "shipping": null, "fee_lines": null, "date_modified_gmt": "",
             "line_items": [{"id": 1, "sku": null, "product_id": 0, "quantity": "2", "price": "5.5"}]}
            """#
        let order = try WooJSON.decoder.decode(WooOrder.self, from: Data(json.utf8))
        #expect(order.id == 12)
        #expect(order.number == "12")
        #expect(order.status == "shipped")
        #expect(order.total == .zero)
        #expect(order.pricesIncludeTax)
        #expect(order.billing.isEmpty)
        #expect(order.feeLines.isEmpty)
        #expect(order.dateModified == nil)
        #expect(order.lineItems.first?.sku == nil)
        #expect(order.lineItems.first?.quantity == 2)
        #expect(order.lineItems.first?.price == WooMoney("5.5"))
    }

    @Test func batchAnswersListPerItemErrors() throws {
        let body = try WooJSON.decoder.decode(
            WooBatchResponseBody<WooProduct>.self, from: RecordedSamples.body("09-products-batch-update"))
        let result = WooBatchResult(outcomes: body.update)
        #expect(result.updated.map(\.id) == [71, 72])
        #expect(result.updated.first?.stockQuantity == 77)
        #expect(result.failures.map(\.id) == [999999])
        #expect(result.failures.first?.error.code == "woocommerce_rest_product_invalid_id")
    }

    @Test func systemStatusSaysVersionsHPOSAndCurrency() throws {
        let status = try WooJSON.decoder.decode(WooSystemStatus.self, from: RecordedSamples.body("13-system-status"))
        #expect(status.wooCommerceVersion == "10.0.2")
        #expect(status.wordPressVersion == "6.8.8")
        #expect(status.hposEnabled == true)
        #expect(status.currency == "EUR")
    }

    @Test func errorBodyCarriesParameterDetails() throws {
        let error = try WooJSON.decoder.decode(WooErrorBody.self, from: RecordedSamples.body("25-err-per_page-101"))
        #expect(error.code == "rest_invalid_param")
        #expect(error.params["per_page"]?.contains("between 1") == true)
        let missing = try WooJSON.decoder.decode(
            WooErrorBody.self, from: RecordedSamples.body("06-order-note-post-empty"))
        #expect(missing.params.keys.contains("note"))
    }

    @Test func webhookDisabledByTheStoreDecodes() throws {
        let webhook = try WooJSON.decoder.decode(WooWebhook.self, from: RecordedSamples.body("69-webhook-get-disabled"))
        #expect(webhook.status == .disabled)
        #expect(webhook.topic == "order.updated")
    }
}
