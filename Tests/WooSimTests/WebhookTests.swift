import Crypto
import Foundation
import HTTPTypes
import LogixTestSupport
import NIOHTTP1
import SimHosting
import Testing

@testable import WooSim

/// Whether `condition` holds within a minute: it returns as soon as it does. A minute, not less: under a full
/// test run on two cores a sim's deliveries to a closed port took longer than 10 s to fail six times.
func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return false
}

@Suite("Webhooks")
struct WebhookTests {
    @Test("create pings with a form body; a new order delivers signed order.created, order.updated, product.updated")
    func pingAndSignedDeliveries() async throws {
        try await WebhookReceiver.with { receiver in
            try await withSim { sim, client in
                for topic in ["order.created", "order.updated", "product.updated"] {
                    let body =
                        "{\"name\":\"t\",\"topic\":\"\(topic)\",\"delivery_url\":\"\(receiver.url)/\(topic)\",\"secret\":\"s3cret\",\"status\":\"paused\"}"
                    let reply = try await client.send(.POST, sim.signed("POST", "/webhooks"), body: body)
                    #expect(reply.status == 201)
                    #expect(try reply.object()["status"] as? String == "active")
                }
                let pings = receiver.all
                try #require(pings.count == 3)
                #expect(String(decoding: pings[0].body, as: UTF8.self) == "webhook_id=1")
                #expect(pings[0].headers[.contentType] == "application/x-www-form-urlencoded")
                #expect(pings[0].headers[HTTPField.Name("X-WC-Webhook-Signature")!] == nil)

                let orderId = try await sim.placeOrder(
                    WooSimNewOrder(lines: [WooSimOrderLine(sku: "COF-ETH-250", quantity: 2)]))
                // The pings came inside the creates: what arrives next are the order's three deliveries.
                _ = try await receiver.next(3)
                let deliveries = try await receiver.next(3)
                #expect(Set(deliveries.map(\.path)) == ["/order.created", "/order.updated", "/product.updated"])
                for delivery in deliveries {
                    let header = { (name: String) in delivery.headers[HTTPField.Name(name)!] }
                    let expected = Data(
                        HMAC<SHA256>.authenticationCode(
                            for: delivery.body, using: SymmetricKey(data: Data("s3cret".utf8)))
                    ).base64EncodedString()
                    #expect(header("X-WC-Webhook-Signature") == expected)
                    #expect(header("X-WC-Webhook-Source") == sim.baseURL + "/")
                    #expect(header("User-Agent") == "WooCommerce/10.0.2 Hookshot (WordPress/6.8.8)")
                    #expect(header("X-WC-Webhook-Delivery-ID")?.count == 32)
                    #expect(header("Content-Type") == "application/json")
                    let json = try #require(
                        try JSONSerialization.jsonObject(with: Data(delivery.body)) as? [String: Any])
                    if delivery.path.hasPrefix("/order") {
                        #expect(json["id"] as? Int == orderId)
                        #expect(header("X-WC-Webhook-Resource") == "order")
                    } else {
                        #expect(json["sku"] as? String == "COF-ETH-250")
                    }
                }
                // The payload is what GET returns at send time.
                let order = try await client.send(.GET, sim.signed("GET", "/orders/\(orderId)"))
                let created = try #require(deliveries.first { $0.path == "/order.created" })
                #expect(created.body == order.body)
            }
        }
    }

    @Test("the 7th consecutive failed delivery disables the webhook; re-enabling keeps the count")
    func disabledAfterSeventhFailure() async throws {
        try await withSim { sim, client in
            let closedPort = try FreePort.find(host: "127.0.0.1")
            let body = "{\"topic\":\"order.created\",\"delivery_url\":\"http://127.0.0.1:\(closedPort)/dead\"}"
            let created = try await client.send(.POST, sim.signed("POST", "/webhooks"), body: body)
            let id = try #require(try created.object()["id"] as? Int)
            func status() async throws -> String? {
                try await client.send(.GET, sim.signed("GET", "/webhooks/\(id)")).object()["status"] as? String
            }
            func failures() async -> Int {
                await sim.webhookDeliveries.filter { $0.webhookId == id && !$0.isPing && $0.outcome == .failed }.count
            }
            for _ in 0..<6 { try await sim.placeOrder() }
            #expect(try await eventually { await failures() == 6 })
            #expect(try await status() == "active")
            try await sim.placeOrder()
            #expect(try await eventually { await failures() == 7 })
            #expect(try await status() == "disabled")

            _ = try await client.send(.PUT, sim.signed("PUT", "/webhooks/\(id)"), body: "{\"status\":\"active\"}")
            #expect(try await status() == "active")
            try await sim.placeOrder()
            #expect(try await eventually { await failures() == 8 })
            #expect(try await status() == "disabled")

            let delete = try await client.send(.DELETE, sim.signed("DELETE", "/webhooks/\(id)"))
            #expect(delete.status == 501)
            #expect(try delete.object()["code"] as? String == "woocommerce_rest_trash_not_supported")
            let invalid = try await client.send(
                .POST, sim.signed("POST", "/webhooks"),
                body: "{\"topic\":\"order.shipped\",\"delivery_url\":\"http://x\"}")
            #expect(try invalid.object()["code"] as? String == "woocommerce_rest_shop_webhook_invalid_topic")
        }
    }

    @Test("webhook faults: dropped and duplicated deliveries are deterministic")
    func webhookFaults() async throws {
        try await WebhookReceiver.with { receiver in
            try await withSim { sim, client in
                let body = "{\"topic\":\"order.updated\",\"delivery_url\":\"\(receiver.url)/u\",\"secret\":\"x\"}"
                _ = try await client.send(.POST, sim.signed("POST", "/webhooks"), body: body)
                await sim.setFaults(WooSimFaults(webhookDuplicateRate: 1))
                try await sim.editOrder(10, status: "on-hold")
                _ = try await receiver.next(3)  // the ping and the two copies
                await sim.setFaults(WooSimFaults(webhookDropRate: 1))
                try await sim.editOrder(11, status: "on-hold")
                #expect(try await eventually { await sim.webhookDeliveries.contains { $0.outcome == .dropped } })
                #expect(receiver.all.count == 3)
            }
        }
    }
}
