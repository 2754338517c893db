import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import NIOCore
import Storage
import Sync
import Testing
import WooCommerce
import WooSim

@testable import LogixServer

/// The receiver with the deliveries a real WooCommerce store sent, and end to end with the simulated store.
@Suite struct WebhookReceiverTests {
    /// A delivery as recorded from a real store (`../shared/woocommerce-samples/webhooks`).
    struct Recorded: Decodable {
        var headers: [[String]]
        var bodyBase64: String
        enum CodingKeys: String, CodingKey {
            case headers
            case bodyBase64 = "body_b64"
        }
        var body: Data { Data(base64Encoded: bodyBase64) ?? Data() }

        static let secret = "wcreal-webhook-secret-2025"

        static func load(_ name: String) throws -> Recorded {
            let url = TestDatabases.repositoryRoot.deletingLastPathComponent()
                .appendingPathComponent("shared/woocommerce-samples/webhooks/\(name).json")
            return try JSONDecoder().decode(Recorded.self, from: Data(contentsOf: url))
        }

        /// The recorded headers a client sets (not the connection's own).
        var requestHeaders: HTTPFields {
            var fields = HTTPFields()
            for pair in headers where pair.count == 2 {
                guard !["host", "content-length", "connection"].contains(pair[0].lowercased()),
                    let name = HTTPField.Name(pair[0])
                else { continue }
                fields[name] = pair[1]
            }
            return fields
        }
    }

    /// An integration whose webhook secret is the recorded store's (its store is never called here).
    func recordedIntegration(_ server: ServerHarness) async throws -> Int64 {
        let created = try await server.request(
            .post, "/api/v1/woocommerce/integrations", token: server.alice,
            json: """
                {"store_url": "https://127.0.0.1:8443", "consumer_key": "ck_x", "consumer_secret": "cs_x",
                 "integration_name": "Recorded", "verify": false}
                """)
        #expect(created.status == .created, "\(created.text)")
        let id = try #require(try created.json()["id"] as? Int).int64
        let credentials = IntegrationCredentials(vault: server.services.vault, database: server.services.database)
        let record = try #require(
            try await server.services.database.read { try await IntegrationRecords().find(id: id, on: $0) })
        var secrets = try credentials.credentials(of: record)
        secrets.webhookSecret = Secret(Recorded.secret)
        _ = try await credentials.replace(record, with: secrets)
        return id
    }

    func post(_ server: ServerHarness, integration: Int64?, body: Data, headers: HTTPFields) async throws
        -> TestResponse
    {
        try await server.client.execute(
            uri: "/api/v1/woocommerce/webhooks/receive" + (integration.map { "?integration=\($0)" } ?? ""),
            method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }

    func inbox(_ server: ServerHarness) async throws -> [InboxDelivery.State: Int] {
        try await server.services.database.read { sql in try await WebhookInboxRecords().countByState(on: sql) }
    }

    @Test(arguments: TestEngine.allCases)
    func recordedDeliveriesAreVerifiedStoredOnceAndApplied(engine: TestEngine) async throws {
        try await ServerHarness.with(engine, store: false) { server in
            let id = try await recordedIntegration(server)
            let created = try Recorded.load("65-webhook-delivery-order-created-order384")

            let first = try await post(server, integration: id, body: created.body, headers: created.requestHeaders)
            #expect(first.status == .ok, "\(first.text)")
            #expect(try first.json()["duplicate"] as? Bool == false)
            let again = try await post(server, integration: id, body: created.body, headers: created.requestHeaders)
            #expect(again.status == .ok)
            #expect(try again.json()["duplicate"] as? Bool == true)
            // The body is the whole order: applied in the commit that stored it, before the 200.
            #expect(try await inbox(server) == [.processed: 1])
            let placed = try await server.request(.get, "/api/v1/orders?integration_id=\(id)", token: server.alice)
            #expect((try placed.json()["items"] as? [[String: Any]])?.first?["external_id"] as? Int == 384)

            // Tampered, unsigned, wrongly signed, unknown integration: 401 and nothing stored.
            var tampered = created.body
            tampered[tampered.index(tampered.startIndex, offsetBy: 20)] ^= 1
            var unsigned = created.requestHeaders
            unsigned[HTTPField.Name("X-WC-Webhook-Signature")!] = nil
            var wrong = created.requestHeaders
            wrong[HTTPField.Name("X-WC-Webhook-Signature")!] = WooWebhookSignature.sign(
                body: created.body, secret: "other")
            for (integration, body, headers) in [
                (id, tampered, created.requestHeaders), (id, created.body, unsigned), (id, created.body, wrong),
                (999, created.body, created.requestHeaders), (nil, created.body, created.requestHeaders),
            ] {
                let refused = try await post(server, integration: integration, body: body, headers: headers)
                #expect(refused.status == .unauthorized)
            }
            #expect(try await inbox(server) == [.processed: 1])

            // A ping: 200, nothing stored.
            let ping = try await post(
                server, integration: id, body: Data("webhook_id=17".utf8),
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(ping.status == .ok)

            // Over the limit: 413.
            let huge = Data(repeating: UInt8(ascii: " "), count: 2 * 1024 * 1024 + 1)
            var hugeHeaders = created.requestHeaders
            hugeHeaders[HTTPField.Name("X-WC-Webhook-Signature")!] = WooWebhookSignature.sign(
                body: huge, secret: Recorded.secret)
            let tooBig = try await post(server, integration: id, body: huge, headers: hugeHeaders)
            #expect(tooBig.status == .contentTooLarge)

            // Validly signed but not JSON: 200 (the store must not count a failure), stored as failed.
            let garbage = Data("{not json".utf8)
            var garbageHeaders = created.requestHeaders
            garbageHeaders[HTTPField.Name("X-WC-Webhook-Signature")!] = WooWebhookSignature.sign(
                body: garbage, secret: Recorded.secret)
            let malformed = try await post(server, integration: id, body: garbage, headers: garbageHeaders)
            #expect(malformed.status == .ok)
            #expect(try await inbox(server) == [.processed: 1, .failed: 1])

            // The other recorded deliveries, then the applier, which has only the product delivery left (a product
            // body is not an order): order 384 is in Logix at its newest version.
            for name in [
                "65-webhook-delivery-order-updated-order384", "65-webhook-delivery-product-updated-order384",
                "66-webhook-delivery-order-updated-after-put-completed",
            ] {
                let recorded = try Recorded.load(name)
                let response = try await post(
                    server, integration: id, body: recorded.body, headers: recorded.requestHeaders)
                #expect(response.status == .ok, "\(name)")
            }
            #expect(try await server.services.inboxApplier.drain() == 1)
            #expect(try await inbox(server) == [.processed: 4, .failed: 1])
            let orders = try await server.request(.get, "/api/v1/orders?integration_id=\(id)", token: server.alice)
            let items = try #require(try orders.json()["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["external_id"] as? Int == 384)
            let newest = try JSONDecoder().decode(
                WooOrder.self, from: try Recorded.load("66-webhook-delivery-order-updated-after-put-completed").body)
            #expect(items.first?["store_status"] as? String == newest.status.rawValue)

            // Replaying an older delivery afterwards changes nothing (ARCHITECTURE.md, "Idempotent import").
            let older = try Recorded.load("65-webhook-delivery-order-updated-order384")
            var replay = older.requestHeaders
            replay[HTTPField.Name("X-WC-Webhook-Delivery-ID")!] = "replayed"
            let replayed = try await post(
                server, integration: id, body: older.body + Data(" ".utf8),
                headers: {
                    var headers = replay
                    headers[HTTPField.Name("X-WC-Webhook-Signature")!] = WooWebhookSignature.sign(
                        body: older.body + Data(" ".utf8), secret: Recorded.secret)
                    return headers
                }())
            #expect(replayed.status == .ok)
            try await server.services.inboxApplier.drain()
            let after = try await server.request(.get, "/api/v1/orders?integration_id=\(id)", token: server.alice)
            #expect(
                ((try after.json()["items"] as? [[String: Any]])?.first)?["store_status"] as? String
                    == newest.status.rawValue)
        }
    }

    /// Concurrent deliveries are written in group commits: every one answered after it is stored, each
    /// distinct delivery stored once however many copies arrive at the same moment.
    @Test func concurrentDeliveriesAreStoredOnceEach() async throws {
        try await ServerHarness.with(store: false) { server in
            let id = try await recordedIntegration(server)
            let answers = try await withThrowingTaskGroup(of: Bool?.self) { group in
                for copy in 0..<2 {
                    for index in 0..<100 {
                        group.addTask {
                            let body = Data(#"{"id": \#(index), "status": "processing", "copy": 0}"#.utf8)
                            _ = copy
                            let headers: HTTPFields = [
                                HTTPField.Name("X-WC-Webhook-Topic")!: "order.updated",
                                HTTPField.Name("X-WC-Webhook-Signature")!: WooWebhookSignature.sign(
                                    body: body, secret: Recorded.secret),
                                .contentType: "application/json",
                            ]
                            let response = try await post(server, integration: id, body: body, headers: headers)
                            return response.status == .ok ? try response.json()["duplicate"] as? Bool : nil
                        }
                    }
                }
                var answers: [Bool?] = []
                for try await answer in group { answers.append(answer) }
                return answers
            }
            #expect(answers.count == 200)
            #expect(answers.filter { $0 == false }.count == 100)
            #expect(answers.filter { $0 == true }.count == 100)
            #expect(try await inbox(server) == [.pending: 100])
        }
    }

    /// A delivery for an integration deleted a moment ago (its secret still cached) is refused, not stored.
    @Test func deliveriesForADeletedIntegrationAreRefused() async throws {
        try await ServerHarness.with(store: false) { server in
            let id = try await recordedIntegration(server)
            let created = try Recorded.load("65-webhook-delivery-order-created-order384")
            #expect(
                try await post(server, integration: id, body: created.body, headers: created.requestHeaders).status
                    == .ok)
            #expect(
                try await server.request(.delete, "/api/v1/woocommerce/integrations/\(id)", token: server.alice).status
                    == .noContent)
            let updated = try Recorded.load("65-webhook-delivery-order-updated-order384")
            let refused = try await post(server, integration: id, body: updated.body, headers: updated.requestHeaders)
            #expect(refused.status == .unauthorized)
            #expect(refused.errorCode == "unknown_integration")
            #expect(try await inbox(server).isEmpty)
        }
    }

    /// Deleting an integration evicts its webhook secret from the receiver's cache at once: a ping or a
    /// delivery right after the delete is refused, not answered 200 from the cached secret.
    @Test(arguments: TestEngine.allCases)
    func aDeletedIntegrationsSecretDoesNotLingerInTheReceiversCache(engine: TestEngine) async throws {
        // A clock that stands still: the cache's lifetime never runs out by itself here (removing the webhooks
        // from the unreachable store takes longer than it in real time).
        try await ServerHarness.with(engine, store: false, clock: TestClock()) { server in
            let id = try await recordedIntegration(server)
            let ping = {
                try await post(
                    server, integration: id, body: Data("webhook_id=17".utf8),
                    headers: [.contentType: "application/x-www-form-urlencoded"])
            }
            #expect(try await ping().status == .ok)  // the secret is now cached
            #expect(
                try await server.request(.delete, "/api/v1/woocommerce/integrations/\(id)", token: server.alice).status
                    == .noContent)
            let refusedPing = try await ping()
            #expect(refusedPing.status == .unauthorized)
            #expect(refusedPing.errorCode == "unknown_integration")
            let created = try Recorded.load("65-webhook-delivery-order-created-order384")
            let refused = try await post(server, integration: id, body: created.body, headers: created.requestHeaders)
            #expect(refused.status == .unauthorized)
            #expect(refused.errorCode == "unknown_integration")
            #expect(try await inbox(server).isEmpty)
        }
    }

    /// End to end, no polling: register webhooks at the store, the store takes orders, they appear in the API.
    @Test func ordersPlacedInTheStoreArriveByWebhook() async throws {
        try await ServerHarness.with(live: true) { server in
            let sim = try #require(server.sim)
            let id = try await server.createIntegration()
            let registered = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/webhooks", token: server.alice, json: "{}")
            #expect(registered.status == .ok, "\(registered.text)")
            let hooks = try #require(try registered.json()["webhooks"] as? [[String: Any]])
            #expect(hooks.count == WebhookRegistrar.defaultTopics.count)
            #expect(hooks.allSatisfy { $0["action"] as? String == "created" })
            // Again: repaired, never duplicated.
            let again = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/webhooks", token: server.alice, json: "{}")
            let kept = try #require(try again.json()["webhooks"] as? [[String: Any]])
            #expect(Set(kept.compactMap { $0["id"] as? Int }) == Set(hooks.compactMap { $0["id"] as? Int }))

            var placed: [Int] = []
            for _ in 0..<3 { placed.append(try await sim.placeOrder(WooSimNewOrder(status: "processing"))) }
            try await waitUntil("the placed orders arrived through the receiver without any sync") {
                let orders = try await server.request(.get, "/api/v1/orders?per_page=100", token: server.alice)
                let items = try orders.json()["items"] as? [[String: Any]] ?? []
                return Set(items.compactMap { $0["external_id"] as? Int }) == Set(placed)
            }
            let runs = try await server.request(
                .get, "/api/v1/woocommerce/integrations/\(id)/sync-logs", token: server.alice)
            #expect(try runs.json()["total"] as? Int == 0, "no sync ran")
        }
    }
}
