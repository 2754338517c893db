import Foundation
import Testing

@testable import Shopify

/// Deliveries: the HMAC over raw bytes, the headers, the REST-shaped order body.
@Suite struct WebhookTests {
    let secret = "shpss_0123456789abcdef"
    var body: Data { Data(RecordedBodies.webhookOrder.utf8) }

    @Test func aSignatureMadeWithTheSecretVerifiesAndAKnownVectorMatches() {
        let signature = ShopifyWebhookSignature.sign(body: body, secret: secret)
        #expect(ShopifyWebhookSignature.isValid(signature: signature, body: body, secret: secret))
        // RFC 4231 test case 2, base64: the scheme is plain HMAC-SHA256 over the bytes.
        #expect(
            ShopifyWebhookSignature.sign(body: Data("what do ya want for nothing?".utf8), secret: "Jefe")
                == "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=")
    }

    @Test func aTamperedBodyAWrongSecretOrGarbageFail() {
        let signature = ShopifyWebhookSignature.sign(body: body, secret: secret)
        var tampered = body
        tampered[tampered.startIndex + 10] ^= 0x01
        #expect(!ShopifyWebhookSignature.isValid(signature: signature, body: tampered, secret: secret))
        #expect(!ShopifyWebhookSignature.isValid(signature: signature, body: body, secret: secret + "x"))
        #expect(!ShopifyWebhookSignature.isValid(signature: "not base64!", body: body, secret: secret))
        #expect(!ShopifyWebhookSignature.isValid(signature: "", body: body, secret: secret))
        // Re-encoded JSON is other bytes: the signature is over the raw body only.
        let reencoded = try! JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: body))
        #expect(!ShopifyWebhookSignature.isValid(signature: signature, body: reencoded, secret: secret))
    }

    @Test func duringRotationEitherSecretVerifies() {
        let old = ShopifyWebhookSignature.sign(body: body, secret: "old-secret")
        let new = ShopifyWebhookSignature.sign(body: body, secret: "new-secret")
        #expect(ShopifyWebhookSignature.isValid(signature: old, body: body, secrets: ["new-secret", "old-secret"]))
        #expect(ShopifyWebhookSignature.isValid(signature: new, body: body, secrets: ["new-secret", "old-secret"]))
        #expect(!ShopifyWebhookSignature.isValid(signature: old, body: body, secrets: ["new-secret", ""]))
        #expect(!ShopifyWebhookSignature.isValid(signature: old, body: body, secrets: []))
    }

    @Test func headersAreReadCaseInsensitivelyWithOrWithoutTheXPrefix() throws {
        let signature = ShopifyWebhookSignature.sign(body: body, secret: secret)
        let headers = [
            ("x-shopify-topic", "orders/updated"), ("X-SHOPIFY-HMAC-SHA256", signature),
            ("X-Shopify-Shop-Domain", "logix-demo.myshopify.com"), ("X-Shopify-API-Version", "2026-04"),
            ("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"),
            ("X-Shopify-Triggered-At", "2026-12-05T07:00:00.123456Z"), ("X-Shopify-Event-Id", "98880550-7158-44d4"),
        ].map { (name: $0.0, value: $0.1) }
        let delivery = try #require(ShopifyWebhookDelivery(headers: headers))
        #expect(delivery.topic == "orders/updated")
        #expect(delivery.subscriptionTopic == .ordersUpdated)
        #expect(delivery.shopDomain == "logix-demo.myshopify.com")
        #expect(delivery.apiVersion == "2026-04")
        #expect(delivery.webhookID == "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
        #expect(delivery.eventID == "98880550-7158-44d4")
        #expect(delivery.triggeredAt == ShopifyDate.parse("2026-12-05T07:00:00.123456Z"))
        #expect(delivery.verify(body: body, secrets: [secret]))
        #expect(!delivery.verify(body: body, secrets: ["other"]))

        let events = try #require(
            ShopifyWebhookDelivery(headers: [(name: "Shopify-Topic", value: "app/uninstalled")]))
        #expect(events.subscriptionTopic == .appUninstalled)
        #expect(!events.verify(body: body, secrets: [secret]))
        #expect(ShopifyWebhookDelivery(headers: [(name: "Content-Type", value: "application/json")]) == nil)
    }

    @Test func theRESTOrderBodyKeepsIdsPastTwoToThe53Exact() throws {
        let order = try ShopifyWebhookOrder.decode(from: body)
        #expect(order.id == 820_982_911_946_154_508)
        #expect(order.gid.rawValue == "gid://shopify/Order/820982911946154508")
        #expect(order.name == "#9999")
        // Shop-offset times name the UTC instant.
        #expect(order.createdAt == ShopifyDate.parse("2022-01-01T00:00:00Z"))
        #expect(order.tags == ["tag1", "tag2"])
        #expect(order.test)
        #expect(order.financialStatus == "paid" && order.fulfillmentStatus == nil)
        #expect(order.totalPrice == Decimal(string: "398"))
        #expect(order.lineItems.count == 2)
        #expect(order.lineItems[0].id == 9_007_199_254_740_993)
        #expect(order.lineItems[0].variantID == 9_007_199_254_740_995)
        #expect(order.lineItems[0].currentQuantity == 1 && order.lineItems[0].quantity == 2)
        #expect(order.lineItems[0].price == Decimal(string: "199"))
        #expect(order.lineItems[1].variantID == nil && order.lineItems[1].sku == nil)
        #expect(order.shippingAddress?.name == "Steve Shipper")
        #expect(order.shippingAddress?.countryCodeV2 == "US")
    }

    @Test func aDeleteBodyCarriesOnlyTheIdAndAMismatchedGIDIsRefused() throws {
        let deleted = try ShopifyWebhookOrder.decode(from: Data(#"{"id":9223372036854775807}"#.utf8))
        #expect(deleted.id == Int64.max)
        #expect(deleted.gid.legacyID == Int64.max)
        #expect(deleted.lineItems.isEmpty)
        #expect(throws: DecodingError.self) {
            try ShopifyWebhookOrder.decode(
                from: Data(#"{"id":1,"admin_graphql_api_id":"gid://shopify/Order/2"}"#.utf8))
        }
    }
}
