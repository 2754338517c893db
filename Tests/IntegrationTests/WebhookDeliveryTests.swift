import Foundation
import LogixTestSupport
import Testing
import WooCommerce
import WooSim

/// Webhooks end to end: registered through the client, delivered by the simulated store to a real receiver,
/// verified and decoded by the client library.
@Suite struct WebhookDeliveryTests {
    @Test func pingThenSignedDeliveriesForANewOrder() async throws {
        try await WebhookReceiver.with { receiver in
            try await StoreHarness.with { store in
                let secret = "LogixSecret42abc"
                for topic in ["order.created", "order.updated"] {
                    _ = try await store.client.createWebhook(
                        WooWebhookCreate(
                            name: "logix \(topic)", topic: topic, deliveryURL: receiver.url + "/hooks", secret: secret))
                }
                let pings = try await receiver.next(2)
                #expect(pings.count == 2)
                for ping in pings {
                    guard case .ping = WooWebhookMessage.classify(headers: ping.headerPairs, body: ping.data) else {
                        Issue.record("expected a ping")
                        continue
                    }
                }

                let orderID = try await store.sim.placeOrder()
                let deliveries = try await receiver.next(2)
                #expect(deliveries.count == 2)
                var topics: [String] = []
                for received in deliveries {
                    guard
                        case .delivery(let delivery) = WooWebhookMessage.classify(
                            headers: received.headerPairs, body: received.data)
                    else {
                        Issue.record("expected a delivery")
                        continue
                    }
                    topics.append(delivery.topic)
                    #expect(delivery.verify(body: received.data, secret: secret))
                    #expect(!delivery.verify(body: received.data, secret: "wrong"))
                    #expect(delivery.source == store.sim.baseURL + "/")
                    let order = try JSONDecoder().decode(WooOrder.self, from: received.data)
                    #expect(order.id == orderID)
                }
                #expect(Set(topics) == ["order.created", "order.updated"])
            }
        }
    }

    @Test func webhookIsDisabledOnTheSeventhConsecutiveFailure() async throws {
        try await StoreHarness.with { store in
            // Nothing listens on this port: every delivery fails.
            let dead = try await WebhookReceiver.start()
            let deadURL = dead.url + "/hooks"
            await dead.stop()  // returns once the port is closed

            let webhook = try await store.client.createWebhook(
                WooWebhookCreate(name: "doomed", topic: "order.created", deliveryURL: deadURL, secret: "abc123"))
            for _ in 0..<6 { _ = try await store.sim.placeOrder() }
            try await waitForDeliveryAttempts(store.sim, webhookID: webhook.id, count: 6)
            #expect(try await store.client.webhook(id: webhook.id).status == .active)

            _ = try await store.sim.placeOrder()
            try await waitForDeliveryAttempts(store.sim, webhookID: webhook.id, count: 7)
            #expect(try await store.client.webhook(id: webhook.id).status == .disabled)

            // Re-enabling does not reset the count: one more failure disables it again.
            _ = try await store.client.updateWebhook(id: webhook.id, WooWebhookUpdate(status: .active))
            _ = try await store.sim.placeOrder()
            try await waitForDeliveryAttempts(store.sim, webhookID: webhook.id, count: 8)
            #expect(try await store.client.webhook(id: webhook.id).status == .disabled)
        }
    }

    private func waitForDeliveryAttempts(_ sim: WooSim, webhookID: Int, count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            let attempts = await sim.webhookDeliveries.filter { $0.webhookID == webhookID && !$0.isPing }.count
            if attempts >= count { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("only saw fewer than \(count) delivery attempts")
    }
}
