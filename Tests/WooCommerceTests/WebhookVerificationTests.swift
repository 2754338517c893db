import Foundation
import Testing

@testable import WooCommerce

/// Signature checks and parsing against the deliveries a real store sent.
@Suite struct WebhookVerificationTests {
    static let deliveries = [
        "65-webhook-delivery-order-created-order384", "65-webhook-delivery-order-updated-order384",
        "65-webhook-delivery-product-updated-order384", "66-webhook-delivery-order-updated-after-put-completed",
    ]

    @Test(arguments: deliveries)
    func recordedDeliveryVerifiesAndDecodes(_ name: String) throws {
        let record = try RecordedSamples.webhook(name)
        guard case .delivery(let delivery) = WooWebhookMessage.classify(headers: record.headerPairs, body: record.body)
        else {
            Issue.record("\(name) not recognised as a delivery")
            return
        }
        #expect(delivery.verify(body: record.body, secret: RecordedSamples.webhookSecret))
        #expect(delivery.source == "https://127.0.0.1:8443/")
        #expect(delivery.deliveryID.count == 32)
        #expect(delivery.webhookID != nil)
        #expect(delivery.userAgent?.hasPrefix("WooCommerce/10.0.2 Hookshot") == true)
        switch delivery.resource {
        case "order":
            let order = try WooJSON.decoder.decode(WooOrder.self, from: record.body)
            #expect(order.id == 384)
            #expect(delivery.topic == "order.\(delivery.event)")
        case "product":
            let product = try WooJSON.decoder.decode(WooProduct.self, from: record.body)
            #expect(product.id > 0)
            #expect(delivery.topic == "product.updated")
        default:
            Issue.record("unexpected resource \(delivery.resource)")
        }
    }

    @Test(arguments: deliveries)
    func resourceIDOfRecordedDeliveryMatchesFoundation(_ name: String) throws {
        let record = try RecordedSamples.webhook(name)
        let object = try JSONSerialization.jsonObject(with: record.body) as? [String: Any]
        let expected = (object?["id"] as? NSNumber)?.int64Value
        #expect(expected != nil)
        #expect(try WooWebhookDelivery.resourceID(in: record.body) == expected)
    }

    @Test func resourceIDReadsOnlyTheTopLevelAndRejectsWhatIsNotJSON() throws {
        func id(_ text: String) throws -> Int64? { try WooWebhookDelivery.resourceID(in: Data(text.utf8)) }
        #expect(try id(#"{"id":42}"#) == 42)
        #expect(try id(#"{"webhook_id":7}"#) == nil)  // a ping
        #expect(try id(#"{"line_items":[{"id":9}],"id":"17"}"#) == 17)
        #expect(try id(#"{"parent":{"id":3}}"#) == nil)
        #expect(try id(#"[{"id":1}]"#) == nil)
        #expect(try id(#"{"id":1,"id":2}"#) == 1)  // the first of duplicate keys, as JSONDecoder keeps
        for malformed in [#"{"id":42"#, #"{"id":42}}"#, "", "id=42", #"{"id":4 2}"#, #"{"a":tru}"#] {
            #expect(throws: (any Error).self, "\(malformed)") { try id(malformed) }
        }
        // Deeper than the fast reader goes: Foundation reads it.
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(try id(#"{"id":5,"deep":\#(deep)}"#) == 5)
    }

    @Test func tamperedBodyOrWrongSecretFails() throws {
        let record = try RecordedSamples.webhook(Self.deliveries[0])
        let delivery = try #require(WooWebhookDelivery(headers: record.headerPairs))
        var tampered = record.body
        tampered[tampered.index(tampered.startIndex, offsetBy: 10)] ^= 0x01
        #expect(!delivery.verify(body: tampered, secret: RecordedSamples.webhookSecret))
        #expect(!delivery.verify(body: record.body, secret: RecordedSamples.webhookSecret + "x"))
        #expect(!WooWebhookSignature.isValid(signature: "not base64!", body: record.body, secret: "s"))
        #expect(!WooWebhookSignature.isValid(signature: "", body: record.body, secret: "s"))
    }

    /// Header names in any case, lower case as HTTP/2 and Hummingbird give them, and a signature with spaces or
    /// tabs around it (a proxy may fold the header): all verify as the store sent them.
    @Test func headerNamesInAnyCaseAndAPaddedSignatureVerify() throws {
        let record = try RecordedSamples.webhook(Self.deliveries[1])
        let signature = try #require(WooWebhookDelivery(headers: record.headerPairs)?.signature)
        for caseOf in [{ (name: String) in name.lowercased() }, { $0.uppercased() }] {
            let headers = record.headerPairs.map { (name: caseOf($0.name), value: $0.value) }
            let delivery = try #require(WooWebhookDelivery(headers: headers))
            #expect(delivery.topic == "order.updated")
            #expect(delivery.signature == signature)
            #expect(delivery.verify(body: record.body, secret: RecordedSamples.webhookSecret))
        }
        for padded in [" \(signature)", "\(signature)\t", "\t \(signature) "] {
            #expect(
                WooWebhookSignature.isValid(signature: padded, body: record.body, secret: RecordedSamples.webhookSecret)
            )
        }
        #expect(!WooWebhookSignature.isValid(signature: " ", body: record.body, secret: RecordedSamples.webhookSecret))
    }

    @Test func signMatchesRecordedHeader() throws {
        let record = try RecordedSamples.webhook(Self.deliveries[2])
        let header = try #require(WooWebhookDelivery(headers: record.headerPairs)?.signature)
        #expect(WooWebhookSignature.sign(body: record.body, secret: RecordedSamples.webhookSecret) == header)
    }

    @Test func pingIsRecognisedAsPing() throws {
        let record = try RecordedSamples.webhook("63-webhook-ping-order-created")
        #expect(WooWebhookMessage.classify(headers: record.headerPairs, body: record.body) == .ping(webhookID: 2))
        #expect(WooWebhookMessage.classify(headers: [], body: Data("hello".utf8)) == nil)
    }

    @Test(arguments: try RecordedSamples.webhookNames())
    func everyRecordedWebhookIsClassified(_ name: String) throws {
        let record = try RecordedSamples.webhook(name)
        #expect(WooWebhookMessage.classify(headers: record.headerPairs, body: record.body) != nil)
    }
}
