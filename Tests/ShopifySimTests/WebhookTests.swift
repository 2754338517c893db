import Crypto
import Foundation
import HTTPTypes
import LogixTestSupport
import Testing

@testable import ShopifySim

@Suite("ShopifySim webhooks: subscriptions, signed REST deliveries, retries and faults")
struct WebhookTests {
    struct Created: Decodable {
        var webhookSubscriptionCreate: Payload

        struct Payload: Decodable {
            var webhookSubscription: Subscription?
            var userErrors: [UserErrorBody]
        }
    }

    struct Subscription: Decodable {
        var id: String
        var topic: String
        var uri: String
    }

    /// The REST body of an order webhook, as a receiver decodes it.
    struct OrderBody: Decodable {
        var id: Int64
        var adminGraphqlApiId: String
        var name: String
        var createdAt: String
        var tags: String
        var totalPrice: String
        var lineItems: [Line]

        struct Line: Decodable {
            var id: Int64
            var variantId: Int64?
            var sku: String?
            var quantity: Int
            var currentQuantity: Int
            var fulfillableQuantity: Int
            var price: String
        }
    }

    static func subscribe(_ client: ShopifyTestClient, topic: String, uri: String) async throws -> Created.Payload {
        let reply = try await client.graphQL(
            """
            mutation ($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) {
              webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) {
                webhookSubscription { id topic uri } userErrors { field message } } }
            """, variables: "{\"topic\":\"\(topic)\",\"sub\":{\"uri\":\"\(uri)\",\"format\":\"JSON\"}}")
        return try #require(try reply.answer(Created.self).data?.webhookSubscriptionCreate)
    }

    @Test("create, list and delete subscriptions; a repeat address for a topic is taken")
    func subscriptions() async throws {
        try await withSim { _, client in
            let created = try await Self.subscribe(client, topic: "ORDERS_UPDATED", uri: "https://example.com/hooks")
            #expect(created.userErrors.isEmpty)
            let subscription = try #require(created.webhookSubscription)
            #expect(subscription.topic == "ORDERS_UPDATED")
            let again = try await Self.subscribe(client, topic: "ORDERS_UPDATED", uri: "https://example.com/hooks")
            #expect(again.webhookSubscription == nil)
            #expect(again.userErrors.first?.message == "Address for this topic has already been taken")

            struct List: Decodable { var webhookSubscriptions: Connection<Subscription> }
            let listed = try await client.graphQL(
                "{ webhookSubscriptions(first: 10) { nodes { id topic uri } pageInfo { hasNextPage endCursor } } }")
            #expect(try listed.answer(List.self).data?.webhookSubscriptions.nodes.map(\.id) == [subscription.id])

            struct Deleted: Decodable {
                var webhookSubscriptionDelete: Payload
                struct Payload: Decodable {
                    var deletedWebhookSubscriptionId: String?
                    var userErrors: [UserErrorBody]
                }
            }
            let delete =
                "mutation ($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { field message } } }"
            let deleted = try await client.graphQL(delete, variables: "{\"id\":\"\(subscription.id)\"}")
            #expect(
                try deleted.answer(Deleted.self).data?.webhookSubscriptionDelete.deletedWebhookSubscriptionId
                    == subscription.id)
            let gone = try await client.graphQL(delete, variables: "{\"id\":\"\(subscription.id)\"}")
            #expect(try gone.answer(Deleted.self).data?.webhookSubscriptionDelete.userErrors.isEmpty == false)
        }
    }

    @Test("a placed order is delivered REST-shaped with every header and a valid base64 HMAC of the raw body")
    func signedDelivery() async throws {
        try await WebhookReceiver.with { receiver in
            try await withSim { sim, client in
                _ = try await Self.subscribe(client, topic: "ORDERS_CREATE", uri: receiver.url + "/create")
                let order = try await sim.placeOrder(
                    ShopifySimNewOrder(lines: [.init(sku: "SKU-1001", quantity: 2)], tags: ["vip", "b2b"]))
                let delivery = try #require(try await receiver.next(1).first)
                #expect(delivery.path == "/create")
                #expect(delivery.header("X-Shopify-Topic") == "orders/create")
                #expect(delivery.header("X-Shopify-Shop-Domain") == sim.shopDomain)
                #expect(delivery.header("X-Shopify-API-Version") == "2026-04")
                #expect(delivery.header("X-Shopify-Webhook-Id")?.count == 36)
                #expect(delivery.header("X-Shopify-Event-Id")?.count == 36)
                #expect(delivery.header("X-Shopify-Triggered-At")?.hasSuffix("Z") == true)
                let expected = Data(
                    HMAC<SHA256>.authenticationCode(
                        for: delivery.body, using: SymmetricKey(data: Data(sim.apiSecret.utf8)))
                ).base64EncodedString()
                #expect(delivery.header("X-Shopify-Hmac-Sha256") == expected)

                let decoder = JSONDecoder()
                decoder.keyDecodingStrategy = .convertFromSnakeCase
                let body = try decoder.decode(OrderBody.self, from: Data(delivery.body))
                #expect(body.id == order.legacyResourceId)
                #expect(body.adminGraphqlApiId == order.id)
                #expect(body.name == order.name)
                #expect(body.tags == "vip, b2b")
                #expect(body.lineItems.first?.quantity == 2)
                #expect(body.lineItems.first?.fulfillableQuantity == 2)
                #expect(body.lineItems.first?.price.split(separator: ".").last?.count == 2)
                // Shop-offset time (America/New_York), not UTC.
                #expect(body.createdAt.hasSuffix("-05:00") || body.createdAt.hasSuffix("-04:00"))
                // The numeric id survives past 2^53 in the raw text.
                #expect(String(decoding: delivery.body, as: UTF8.self).contains("\"id\":\(order.legacyResourceId)"))
            }
        }
    }

    @Test("a fulfillment through the API fires orders/updated and orders/partially_fulfilled, then orders/fulfilled")
    func fulfillmentEvents() async throws {
        try await WebhookReceiver.with { receiver in
            try await withSim { sim, client in
                for topic in ["ORDERS_UPDATED", "ORDERS_PARTIALLY_FULFILLED", "ORDERS_FULFILLED"] {
                    _ = try await Self.subscribe(client, topic: topic, uri: receiver.url + "/" + topic)
                }
                let order = try await sim.placeOrder(ShopifySimNewOrder(lines: [.init(sku: "SKU-1001", quantity: 2)]))
                let fo = try #require(try await sim.fulfillmentOrders(orderId: order.legacyResourceId).first)
                let line = try #require(fo.lines.first)
                let partial = try await FulfillmentTests.fulfill(client, fo: fo.id, lines: [(line.id, 1)])
                #expect(partial.userErrors.isEmpty)
                let first = try await receiver.next(2)
                #expect(
                    Set(first.compactMap { $0.header("X-Shopify-Topic") }) == [
                        "orders/updated", "orders/partially_fulfilled",
                    ])
                #expect(first[0].header("X-Shopify-Event-Id") != first[1].header("X-Shopify-Event-Id"))
                let decoder = JSONDecoder()
                decoder.keyDecodingStrategy = .convertFromSnakeCase
                let body = try decoder.decode(OrderBody.self, from: Data(first[0].body))
                #expect(body.lineItems.first?.fulfillableQuantity == 1)
                _ = try await FulfillmentTests.fulfill(client, fo: fo.id, lines: nil)
                let second = try await receiver.next(2)
                #expect(
                    Set(second.compactMap { $0.header("X-Shopify-Topic") }) == ["orders/updated", "orders/fulfilled"])
            }
        }
    }

    @Test("a receiver slower than the timeout counts as a failure and is retried")
    func timeout() async throws {
        try await WebhookReceiver.with(delay: .milliseconds(400)) { receiver in
            try await withSim(
                testConfiguration {
                    $0.webhookTimeout = .milliseconds(100)
                    $0.webhookRetrySchedule = Array(repeating: .milliseconds(10), count: 1)
                }
            ) { sim, client in
                _ = try await Self.subscribe(client, topic: "ORDERS_CREATE", uri: receiver.url + "/slow")
                try await sim.placeOrder()
                let attempts = try await receiver.next(2)
                #expect(attempts[0].header("X-Shopify-Webhook-Id") == attempts[1].header("X-Shopify-Webhook-Id"))
                while await sim.pendingWebhookDeliveries > 0 { await Task.yield() }
                let log = await sim.webhookDeliveries
                #expect(log.map(\.outcome) == [.failed, .failed])
                #expect(log.allSatisfy { $0.statusCode == nil && $0.error != nil })
            }
        }
    }

    @Test("failed deliveries are retried with the same webhook id and body until one succeeds")
    func retries() async throws {
        try await WebhookReceiver.with(statuses: [500, 503]) { receiver in
            try await withSim(
                testConfiguration { $0.webhookRetrySchedule = Array(repeating: .milliseconds(20), count: 7) }
            ) { sim, client in
                _ = try await Self.subscribe(client, topic: "ORDERS_CANCELLED", uri: receiver.url + "/cancel")
                let order = try await sim.placeOrder()
                try await sim.cancelOrder(order.legacyResourceId, reason: "FRAUD")
                let attempts = try await receiver.next(3)
                #expect(Set(attempts.map { $0.header("X-Shopify-Webhook-Id") }).count == 1)
                #expect(Set(attempts.map(\.body)).count == 1)
                while await sim.pendingWebhookDeliveries > 0 { await Task.yield() }
                #expect(attempts.allSatisfy { $0.header("X-Shopify-Topic") == "orders/cancelled" })
                let log = await sim.webhookDeliveries
                #expect(log.map(\.outcome) == [.failed, .failed, .delivered])
                #expect(log.map(\.attempt) == [1, 2, 3])
                #expect(await sim.webhookSubscriptions.count == 1)
            }
        }
    }

    @Test("after 8 consecutive failures the subscription is deleted")
    func removal() async throws {
        try await WebhookReceiver.with(statuses: Array(repeating: 500, count: 20)) { receiver in
            try await withSim(
                testConfiguration { $0.webhookRetrySchedule = Array(repeating: .milliseconds(10), count: 7) }
            ) { sim, client in
                _ = try await Self.subscribe(client, topic: "ORDERS_DELETE", uri: receiver.url + "/delete")
                let order = try #require(await sim.orders.first)
                try await sim.deleteOrder(order.legacyResourceId)
                let attempts = try await receiver.next(8)
                #expect(attempts.count == 8)
                #expect(String(decoding: attempts[0].body, as: UTF8.self) == "{\"id\":\(order.legacyResourceId)}")
                // The eighth failure is recorded before the subscription goes; wait for the sender to settle.
                while await sim.pendingWebhookDeliveries > 0 { await Task.yield() }
                #expect(await sim.webhookSubscriptions.isEmpty)
                #expect(await sim.webhookDeliveries.count == 8)
            }
        }
    }

    @Test("faults: a held-back delivery is overtaken by a later one")
    func reordered() async throws {
        try await WebhookReceiver.with { receiver in
            try await withSim { sim, client in
                _ = try await Self.subscribe(client, topic: "ORDERS_UPDATED", uri: receiver.url + "/u")
                let order = try #require(await sim.orders.first)
                // Held back far longer than a loaded machine takes to send the next one (CI ran two cores flat out
                // and 500 ms was not enough), so "overtaken" cannot turn into "sent in order".
                await sim.setFaults(ShopifySimFaults(webhookReorderRate: 1, webhookReorderDelayMilliseconds: 5_000))
                try await sim.editOrder(order.legacyResourceId, ShopifySimOrderEdit(note: "first"))
                await sim.setFaults(.none)
                try await sim.editOrder(order.legacyResourceId, ShopifySimOrderEdit(note: "second"))
                let both = try await receiver.next(2)
                #expect(String(decoding: both[0].body, as: UTF8.self).contains("\"note\":\"second\""))
                #expect(String(decoding: both[1].body, as: UTF8.self).contains("\"note\":\"first\""))
            }
        }
    }

    @Test("faults: a dropped delivery is never sent; a duplicated one arrives twice with one webhook id")
    func dropAndDuplicate() async throws {
        try await WebhookReceiver.with { receiver in
            try await withSim { sim, client in
                _ = try await Self.subscribe(client, topic: "ORDERS_UPDATED", uri: receiver.url + "/u")
                let order = try #require(await sim.orders.first)
                await sim.setFaults(ShopifySimFaults(webhookDropRate: 1))
                try await sim.editOrder(order.legacyResourceId, ShopifySimOrderEdit(note: "lost"))
                #expect(await sim.webhookDeliveries.map(\.outcome) == [.dropped])

                await sim.setFaults(ShopifySimFaults(webhookDuplicateRate: 1))
                try await sim.editOrder(order.legacyResourceId, ShopifySimOrderEdit(note: "twice"))
                let both = try await receiver.next(2)
                #expect(both[0].header("X-Shopify-Webhook-Id") == both[1].header("X-Shopify-Webhook-Id"))
                #expect(both[0].body == both[1].body)
                #expect(String(decoding: both[0].body, as: UTF8.self).contains("twice"))
            }
        }
    }
}
