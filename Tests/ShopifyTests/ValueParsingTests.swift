import Foundation
import Testing

@testable import Shopify

/// Ids, money and times as Shopify writes them.
@Suite struct ValueParsingTests {
    @Test func gidsParseTheirTypeAndAnInt64PastTwoToThe53() throws {
        let gid = try #require(ShopifyGID("gid://shopify/Order/9007199254740993"))
        #expect(gid.type == "Order")
        #expect(gid.legacyID == 9_007_199_254_740_993)
        #expect(ShopifyGID("gid://shopify/Order/820982911946154508")?.legacyID == 820_982_911_946_154_508)
        #expect(ShopifyGID("gid://shopify/InventoryLevel/12?inventory_item_id=34")?.legacyID == 12)
        #expect(ShopifyGID(type: "LineItem", id: 7).rawValue == "gid://shopify/LineItem/7")
        for bad in [
            "", "gid://shopify/Order/", "gid://shopify/Order/12a", "gid://other/Order/1", "5512345678901",
            "gid://shopify/Order/99999999999999999999", "gid://shopify//1",
        ] {
            #expect(ShopifyGID(bad) == nil, "\(bad)")
        }
    }

    @Test func moneyIsExactWhateverItsPrecision() throws {
        #expect(ShopifyDecimal.parse("29.99") == Decimal(string: "29.99"))
        #expect(ShopifyDecimal.parse("679.0") == 679)
        #expect(ShopifyDecimal.parse("-0.50") == Decimal(string: "-0.5"))
        let sum = try #require(ShopifyDecimal.parse("0.1")) + #require(ShopifyDecimal.parse("0.2"))
        #expect(sum == ShopifyDecimal.parse("0.3"))
        #expect(ShopifyDecimal.parse("123456789012345678.99") == Decimal(string: "123456789012345678.99"))
        for bad in ["", "1e3", "1,5", "abc", "1.2.3", "-"] {
            #expect(ShopifyDecimal.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func timesWithZOrAnOffsetNameTheSameInstant() throws {
        let utc = try #require(ShopifyDate.parse("2022-01-01T00:00:00Z"))
        #expect(ShopifyDate.parse("2021-12-31T19:00:00-05:00") == utc)
        #expect(ShopifyDate.parse("2022-01-01T05:30:00+0530") == utc)
        #expect(ShopifyDate.parse("2022-01-01T00:00:00.250Z") == utc.addingTimeInterval(0.25))
        #expect(ShopifyDate.parse("2022-01-01T00:00:00") == nil)
        #expect(ShopifyDate.format(utc) == "2022-01-01T00:00:00Z")
        #expect(ShopifyDate.format(utc.addingTimeInterval(0.4), roundingUp: true) == "2022-01-01T00:00:01Z")
    }

    @Test func orderSearchQuotesItsDates() throws {
        let from = try #require(ShopifyDate.parse("2026-12-01T00:00:00Z"))
        let to = try #require(ShopifyDate.parse("2026-12-02T00:00:00Z"))
        let query = ShopifyOrderQuery(updatedFrom: from, updatedTo: to, test: false)
        #expect(
            query.searchString
                == "updated_at:>='2026-12-01T00:00:00Z' updated_at:<='2026-12-02T00:00:00Z' test:false")
        #expect(ShopifyOrderQuery().searchString == nil)
    }

    @Test func openEnumsKeepUnknownValues() throws {
        struct Holder: Decodable { var status: ShopifyOrderFulfillmentStatus }
        let known = try JSONDecoder().decode(Holder.self, from: Data(#"{"status":"PARTIALLY_FULFILLED"}"#.utf8))
        #expect(known.status == .partiallyFulfilled)
        let unknown = try JSONDecoder().decode(Holder.self, from: Data(#"{"status":"RESTOCKED"}"#.utf8))
        #expect(unknown.status.rawValue == "RESTOCKED")
        #expect(ShopifyWebhookTopic(restName: "orders/updated") == .ordersUpdated)
        #expect(ShopifyWebhookTopic.appUninstalled.restName == "app/uninstalled")
        #expect(
            ShopifyWebhookTopic(rawValue: "FULFILLMENT_ORDERS_PLACED_ON_HOLD").restName
                == "fulfillment_orders/placed_on_hold")
    }

    @Test func idempotencyKeysKeepOnlyCharactersSafeInTheQuery() {
        #expect(ShopifyClient.idempotencyKeyText("push-42:a.b_c") == "push-42:a.b_c")
        #expect(ShopifyClient.idempotencyKeyText("a\"b) { x }") == "abx")
    }
}

/// Nothing the client prints carries the token.
@Suite struct SecretHandlingTests {
    @Test func aConfigurationPrintsWithoutItsToken() {
        let configuration = ShopifyConfiguration(shopURL: "https://example.myshopify.com", accessToken: "shpat_abc123")
        for text in [
            "\(configuration)", String(reflecting: configuration),
            String(describing: Mirror(reflecting: configuration).children.map(\.value)),
        ] {
            #expect(!text.contains("shpat_abc123"), "\(text)")
        }
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains("shpat_abc123"))
    }

    @Test func anErrorDescribesShopOperationCodesAndRequestID() {
        let error = ShopifyError(
            kind: .userErrors, shop: "https://example.myshopify.com", operation: "InventorySetQuantities",
            userErrors: [
                .init(field: ["input", "quantities", "0"], message: "stale", code: "CHANGE_FROM_QUANTITY_STALE")
            ],
            requestID: "abc-1")
        #expect(
            error.description
                == "Shopify user_errors error from https://example.myshopify.com: InventorySetQuantities "
                + "[CHANGE_FROM_QUANTITY_STALE] (input.quantities.0) stale request abc-1")
        #expect(error.isPermanent)
        #expect(error.codes == ["CHANGE_FROM_QUANTITY_STALE"])
    }

    @Test func aShopDomainBecomesItsBaseURL() {
        #expect(
            ShopifyConfiguration.shopURL(forDomain: "Logix-Demo.myshopify.com/") == "https://logix-demo.myshopify.com")
        #expect(ShopifyConfiguration.shopURL(forDomain: "logix-demo") == "https://logix-demo.myshopify.com")
        #expect(throws: ShopifyError.self) {
            try ShopifyClient(configuration: .init(shopURL: "https://x.myshopify.com/admin", accessToken: "t"))
        }
        #expect(throws: ShopifyError.self) {
            try ShopifyClient(configuration: .init(shopURL: "https://x.myshopify.com", accessToken: " "))
        }
    }
}
