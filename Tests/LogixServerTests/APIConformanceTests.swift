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

/// Every answer of a real session with the simulated store, validated against what `/openapi.json` documents for
/// that operation and status: the schema is checked against the bytes clients get, not against itself.
@Suite struct APIConformanceTests {
    /// Checks responses against the document and remembers which operations and statuses were seen.
    final class Conformance {
        let document: JSONValue
        let validator: SchemaValidator
        /// `METHOD /path/{template} STATUS` of every response checked.
        private(set) var covered: Set<String> = []

        init(document: JSONValue) throws {
            self.document = document
            validator = try SchemaValidator(document: document)
        }

        /// Validates `response` as an answer of `method path`; returns its JSON (`.null` without a body).
        @discardableResult
        func check(
            _ response: TestResponse, _ method: HTTPRequest.Method, _ path: String,
            sourceLocation: SourceLocation = #_sourceLocation
        ) throws -> JSONValue {
            let status = Int(response.status.code)
            covered.insert("\(method.rawValue) \(path) \(status)")
            let operation = document["paths"]?[path]?[method.rawValue.lowercased()]
            guard let documented = operation?["responses"]?[String(status)] else {
                Issue.record(
                    "\(method.rawValue) \(path) answered \(status), which the document does not list: \(response.text)",
                    sourceLocation: sourceLocation)
                return .null
            }
            guard let schema = documented["content"]?["application/json"]?["schema"] else {
                #expect(
                    response.body.readableBytes == 0, "\(status) is documented without a body",
                    sourceLocation: sourceLocation)
                return .null
            }
            #expect(
                response.headers[.contentType]?.hasPrefix("application/json") == true,
                "\(method.rawValue) \(path) \(status): content type \(response.headers[.contentType] ?? "none")",
                sourceLocation: sourceLocation)
            let body = try JSONValue(parsing: Data(response.text.utf8))
            let problems = validator.problems(body, against: schema)
            let listed = problems.joined(separator: "\n")
            #expect(
                problems.isEmpty, "\(method.rawValue) \(path) \(status):\n\(listed)\n\(response.text)",
                sourceLocation: sourceLocation)
            return body
        }
    }

    /// What the brief asks the session below to cover, at the least.
    static let mustCover: Set<String> = [
        "POST /api/v1/auth/token 200", "POST /api/v1/auth/token 401", "POST /api/v1/auth/token 400",
        "POST /api/v1/woocommerce/integrations 201", "POST /api/v1/woocommerce/integrations 422",
        "POST /api/v1/woocommerce/integrations 409", "GET /api/v1/woocommerce/integrations 200",
        "GET /api/v1/woocommerce/integrations/{id} 200",
        "GET /api/v1/woocommerce/integrations/{id} 404", "PATCH /api/v1/woocommerce/integrations/{id} 200",
        "POST /api/v1/woocommerce/integrations/{id}/test 200", "POST /api/v1/woocommerce/integrations/{id}/test 422",
        "POST /api/v1/woocommerce/integrations/{id}/test 502",
        "POST /api/v1/woocommerce/integrations/{id}/sync 200", "POST /api/v1/woocommerce/integrations/{id}/sync 202",
        "GET /api/v1/woocommerce/integrations/{id}/sync/{job} 200",
        "GET /api/v1/woocommerce/integrations/{id}/sync-logs 200",
        "POST /api/v1/woocommerce/integrations/{id}/products/sync 200",
        "POST /api/v1/woocommerce/integrations/{id}/webhooks 200", "POST /api/v1/woocommerce/webhooks/receive 200",
        "POST /api/v1/woocommerce/webhooks/receive 401",
        "PUT /api/v1/woocommerce/integrations/{id}/orders/{order}/status 202", "GET /api/v1/orders 200",
        "GET /api/v1/orders 401", "GET /api/v1/orders 422", "GET /api/v1/orders/{id} 200",
        "POST /api/v1/orders/{id}/fulfillment 200", "POST /api/v1/orders/{id}/fulfillment 409",
        "POST /api/v1/orders/{id}/fulfillment 422", "GET /api/v1/inventory 200", "PUT /api/v1/inventory/{sku} 200",
        "PUT /api/v1/inventory/{sku} 404", "GET /api/v1/outbox 200", "POST /api/v1/outbox/{id}/retry 409",
        "GET /api/v1/orders/{id}/timeline 200", "GET /api/v1/orders/{id}/timeline 404",
        "DELETE /api/v1/woocommerce/integrations/{id} 204", "GET /health 200",
    ]

    @Test func everyAnswerOfARealSessionConformsToTheDocument() async throws {
        try await ServerHarness.with { server in
            let sim = try #require(server.sim)
            let served = try await server.request(.get, "/openapi.json", token: nil)
            let api = try Conformance(document: try JSONValue(parsing: Data(served.text.utf8)))
            let alice = server.alice

            // Service and auth.
            try api.check(try await server.request(.get, "/health", token: nil), .get, "/health")
            let token = try await server.request(
                .post, "/api/v1/auth/token", token: nil,
                json: #"{"email": "alice@example.test", "password": "\#(ServerHarness.password)"}"#)
            #expect(token.status == .ok)
            try api.check(token, .post, "/api/v1/auth/token")
            for json in [#"{"email": "alice@example.test", "password": "wrong"}"#, "not json"] {
                try api.check(
                    try await server.request(.post, "/api/v1/auth/token", token: nil, json: json), .post,
                    "/api/v1/auth/token")
            }

            // Integrations.
            let integrations = "/api/v1/woocommerce/integrations"
            let one = "\(integrations)/{id}"
            let created = try await server.request(
                .post, integrations, token: alice,
                json: """
                    {"store_url": "\(sim.baseURL)", "consumer_key": "\(sim.readWriteKeys.consumerKey)",
                     "consumer_secret": "\(sim.readWriteKeys.consumerSecret)", "integration_name": "Second",
                     "status_mapping": {"inbound": {"shipped-custom": "shipped"}}, "import_statuses": ["processing"],
                     "fulfillment": {"tracking_note": "private", "shipment_tracking_meta": true}}
                    """)
            #expect(created.status == .created, "\(created.text)")
            try api.check(created, .post, integrations)
            let id = try #require(try created.json()["id"] as? Int).int64
            // The same store again: refused, pointing at the integration that has it.
            let again = try await server.request(
                .post, integrations, token: alice,
                json: """
                    {"store_url": "\(sim.baseURL)/", "consumer_key": "\(sim.readWriteKeys.consumerKey)",
                     "consumer_secret": "\(sim.readWriteKeys.consumerSecret)", "integration_name": "Twice"}
                    """)
            #expect(again.status == .conflict, "\(again.text)")
            #expect(again.errorCode == "store_already_connected")
            try api.check(again, .post, integrations)
            try api.check(
                try await server.request(.post, integrations, token: alice, json: #"{"store_url": ""}"#), .post,
                integrations)
            try api.check(try await server.request(.get, integrations, token: alice), .get, integrations)
            try api.check(
                try await server.request(
                    .patch, "\(integrations)/\(id)", token: alice,
                    json: #"{"sync_interval_minutes": 30, "fulfillment": {"tracking_note": "none"}}"#), .patch, one)
            try api.check(
                try await server.request(.post, "\(integrations)/\(id)/test", token: alice), .post, "\(one)/test")
            try api.check(
                try await server.request(.get, "\(integrations)/999999", token: alice), .get, one)
            let unreachable = try await server.request(
                .post, integrations, token: alice,
                json: """
                    {"store_url": "http://127.0.0.1:1", "consumer_key": "ck_x", "consumer_secret": "cs_x",
                     "integration_name": "Nowhere", "verify": false}
                    """)
            let nowhere = try #require(try api.check(unreachable, .post, integrations)["id"]).description
            try api.check(
                try await server.request(.post, "\(integrations)/\(nowhere)/test", token: alice), .post,
                "\(one)/test")
            // A store that fails (not a wrong address or key) is the store's failure: 502.
            await sim.failNext(count: 1, status: 501)
            try api.check(
                try await server.request(.post, "\(integrations)/\(id)/test", token: alice), .post, "\(one)/test")

            // Orders arrive through a sync; the run, its job and the log.
            let waited = try await server.request(
                .post, "\(integrations)/\(id)/sync?wait=true", token: alice, json: #"{"mode": "full"}"#)
            #expect(waited.status == .ok)
            let job = try #require(try api.check(waited, .post, "\(one)/sync")["job_id"]).description
            try api.check(
                try await server.request(.get, "\(integrations)/\(id)/sync/\(job)", token: alice), .get,
                "\(one)/sync/{job}")
            let accepted = try await server.request(
                .post, "\(integrations)/\(id)/sync", token: alice, json: #"{"mode": "incremental"}"#)
            let second = try #require(try api.check(accepted, .post, "\(one)/sync")["job_id"]).description
            for _ in 0..<200 {
                let progress = try await server.request(.get, "\(integrations)/\(id)/sync/\(second)", token: alice)
                if try api.check(progress, .get, "\(one)/sync/{job}")["state"]?.string != "running" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            try api.check(
                try await server.request(.get, "\(integrations)/\(id)/sync-logs?per_page=5", token: alice), .get,
                "\(one)/sync-logs")
            try api.check(
                try await server.request(
                    .post, "\(integrations)/\(id)/products/sync", token: alice, json: #"{"direction": "both"}"#),
                .post, "\(one)/products/sync")

            // One integration again, now with a run behind it: its health.
            try api.check(try await server.request(.get, "\(integrations)/\(id)", token: alice), .get, one)

            // Orders: the list, one, a status set in the store, the warehouse's events.
            let ready = try api.check(
                try await server.request(.get, "/api/v1/orders?status=ready&per_page=2", token: alice), .get,
                "/api/v1/orders")
            let orders = try #require(ready["items"]?.array)
            #expect(orders.count == 2)
            let orderID = try #require(orders.first?["id"]).description
            try api.check(
                try await server.request(.get, "/api/v1/orders/\(orderID)", token: alice), .get, "/api/v1/orders/{id}")
            try api.check(
                try await server.request(.get, "/api/v1/orders?review=maybe&per_page=500", token: alice), .get,
                "/api/v1/orders")
            try api.check(try await server.request(.get, "/api/v1/orders", token: nil), .get, "/api/v1/orders")
            let external = try #require(orders.last?["external_id"]).description
            try api.check(
                try await server.request(
                    .put, "\(integrations)/\(id)/orders/\(external)/status", token: alice,
                    json: #"{"status": "on-hold", "note": "waiting for stock"}"#), .put,
                "\(one)/orders/{order}/status")

            let fulfillment = "/api/v1/orders/\(orderID)/fulfillment"
            for event in [
                #"{"event": "picked"}"#,
                #"{"event": "shipped", "carrier": "DHL", "tracking_number": "JD0001", "tracking_url": "https://t.example/1"}"#,
                #"{"event": "shipped"}"#, #"{"event": "delivered"}"#, #"{"event": "picked"}"#,
            ] {
                try api.check(
                    try await server.request(.post, fulfillment, token: alice, json: event), .post,
                    "/api/v1/orders/{id}/fulfillment")
            }

            // What happened to the order, and what it queued for the store.
            try api.check(
                try await server.request(.get, "/api/v1/orders/\(orderID)/timeline", token: alice), .get,
                "/api/v1/orders/{id}/timeline")
            try api.check(
                try await server.request(.get, "/api/v1/orders/999999/timeline", token: alice), .get,
                "/api/v1/orders/{id}/timeline")
            try api.check(
                try await server.request(.get, "/api/v1/outbox?order_id=\(orderID)", token: alice), .get,
                "/api/v1/outbox")
            try api.check(
                try await server.request(.get, "/api/v1/orders?search=%23\(external)", token: alice), .get,
                "/api/v1/orders")

            // Inventory and the outbox the events and stock filled.
            let stock = try api.check(
                try await server.request(.get, "/api/v1/inventory?per_page=3", token: alice), .get,
                "/api/v1/inventory")
            let sku = try #require(stock["items"]?.array?.first?["sku"]?.string)
            try api.check(
                try await server.request(
                    .put, "/api/v1/inventory/\(sku.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
                    token: alice, json: #"{"on_hand": 12}"#), .put, "/api/v1/inventory/{sku}")
            try api.check(
                try await server.request(.put, "/api/v1/inventory/no-such-sku", token: alice, json: #"{"on_hand": 1}"#),
                .put, "/api/v1/inventory/{sku}")
            let outbox = try api.check(
                try await server.request(.get, "/api/v1/outbox?state=pending", token: alice), .get, "/api/v1/outbox")
            let pending = try #require(outbox["items"]?.array?.first?["id"]).description
            try api.check(
                try await server.request(.post, "/api/v1/outbox/\(pending)/retry", token: alice), .post,
                "/api/v1/outbox/{id}/retry")

            // Webhooks: registered at the store, then a ping, a signed delivery and a forged one at the receiver.
            try api.check(
                try await server.request(.post, "\(integrations)/\(id)/webhooks", token: alice, json: "{}"), .post,
                "\(one)/webhooks")
            let receiver = "/api/v1/woocommerce/webhooks/receive"
            try api.check(
                try await server.client.execute(
                    uri: "\(receiver)?integration=\(id)", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "webhook_id=1")), .post, receiver)
            let record = try #require(
                try await server.services.database.read { try await IntegrationRecords().find(id: id, on: $0) })
            let secret = try #require(
                try IntegrationCredentials(vault: server.services.vault, database: server.services.database)
                    .credentials(of: record).webhookSecret?.revealed)
            let delivery = Data(#"{"id": 424242, "status": "processing"}"#.utf8)
            for signingSecret in [secret, "forged"] {
                try api.check(
                    try await server.client.execute(
                        uri: "\(receiver)?integration=\(id)", method: .post,
                        headers: [
                            .contentType: "application/json",
                            HTTPField.Name("X-WC-Webhook-Topic")!: "order.updated",
                            HTTPField.Name("X-WC-Webhook-Signature")!: WooWebhookSignature.sign(
                                body: delivery, secret: signingSecret),
                        ],
                        body: ByteBuffer(bytes: delivery)), .post, receiver)
            }

            try api.check(try await server.request(.delete, "\(integrations)/\(id)", token: alice), .delete, one)

            let missing = Self.mustCover.subtracting(api.covered)
            #expect(missing.isEmpty, "not exercised: \(missing.sorted())")
        }
    }

    /// The validator itself can fail: a guard against a check that passes everything.
    @Test func theValidatorRefusesWhatTheDocumentDoesNotAllow() throws {
        let document = try JSONValue(parsing: try APIDocument.json())
        let validator = try SchemaValidator(document: document)
        let token = try #require(validator.resolve("#/components/schemas/Token"))
        let good = try JSONValue(parsing: Data(#"{"token": "t", "expires_at": "2025-01-31T12:00:00Z"}"#.utf8))
        #expect(validator.problems(good, against: token).isEmpty)
        for bad in [
            #"{"token": "t"}"#, #"{"token": 1, "expires_at": "2025-01-31T12:00:00Z"}"#,
            #"{"token": "t", "expires_at": "yesterday"}"#,
            #"{"token": "t", "expires_at": "2025-01-31T12:00:00Z", "expiresAt": "2025-01-31T12:00:00Z"}"#,
        ] {
            #expect(!validator.problems(try JSONValue(parsing: Data(bad.utf8)), against: token).isEmpty, "\(bad)")
        }
        let item = try #require(validator.resolve("#/components/schemas/OutboxItem"))
        let outbox = """
            {"id": 1, "integration_id": 2, "kind": "stock", "payload": "{}", "state": "%@", "attempts": true,
             "not_before": "2025-01-31T12:00:00Z", "created_at": "2025-01-31T12:00:00Z",
             "updated_at": "2025-01-31T12:00:00Z"}
            """
        let problems = validator.problems(
            try JSONValue(parsing: Data(outbox.replacingOccurrences(of: "%@", with: "lost").utf8)), against: item)
        #expect(problems.count == 2, "an unknown enum value and a boolean for an integer: \(problems)")
        let order = try #require(validator.resolve("#/components/schemas/Order"))
        #expect(
            validator.problems(.object(["review": .null, "shipping_method": .integer(1)]), against: order)
                .contains { $0.contains("shipping_method") })
    }
}
