import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import LogixTestSupport
import Storage
import Sync
import Synchronization
import Testing
import WooCommerce
import WooSim

@testable import LogixServer

/// Setting a status in the store from Logix, and a whole scenario's logs searched for secrets.
@Suite struct OrderStatusAndLogTests {
    /// A status set by hand goes out through the outbox like every store write: 202 with the queued updates,
    /// or with `?wait=true` 200 once they were sent, the order holding the store's answer.
    @Test func aStatusSetThroughTheAPIIsQueuedAndReachesTheStoreAndLogix() async throws {
        try await ServerHarness.with(live: true) { server in
            let sim = try #require(server.sim)
            let id = try await server.createIntegration()
            _ = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/sync?wait=true", token: server.alice,
                json: #"{"mode": "full"}"#)
            let ready = try await server.request(.get, "/api/v1/orders?status=ready&per_page=2", token: server.alice)
            let orders = try #require(try ready.json()["items"] as? [[String: Any]])
            let external = try #require(orders.first?["external_id"] as? Int)

            let uri = "/api/v1/woocommerce/integrations/\(id)/orders/\(external)/status"
            let held = try await server.request(
                .put, uri + "?wait=true", token: server.alice,
                json: #"{"status": "on-hold", "note": "Waiting for the customer's call", "customer_note": false}"#)
            #expect(held.status == .ok, "\(held.text)")
            let answer = try held.json()
            #expect(answer["settled"] as? Bool == true)
            let updates = try #require(answer["store_updates"] as? [[String: Any]])
            #expect(updates.map { $0["kind"] as? String } == ["order_update", "order_note"])
            #expect(updates.allSatisfy { $0["state"] as? String == "done" }, "\(updates)")
            let order = try #require(answer["order"] as? [String: Any])
            #expect(order["status"] as? String == "on_hold")
            #expect(order["store_status"] as? String == "on-hold")
            let store = try JSONDecoder().decode(WooOrder.self, from: try #require(await sim.orderJSON(external)))
            #expect(store.status == .onHold)

            // Without waiting: accepted, queued, not yet settled as far as the answer knows.
            let second = try #require(orders.last?["external_id"] as? Int)
            let queued = try await server.request(
                .put, "/api/v1/woocommerce/integrations/\(id)/orders/\(second)/status", token: server.alice,
                json: #"{"status": "on-hold"}"#)
            #expect(queued.status == .accepted, "\(queued.text)")
            let queuedUpdates = try #require(try queued.json()["store_updates"] as? [[String: Any]])
            #expect(queuedUpdates.count == 1)
            #expect(queuedUpdates.first?["external_order_id"] as? Int == second)

            #expect(
                try await server.request(.put, uri, token: server.alice, json: #"{"status": "sideways"}"#).status
                    == .unprocessableContent)
            #expect(
                try await server.request(
                    .put, uri + "?wait=true&wait_seconds=0", token: server.alice,
                    json: #"{"status": "on-hold"}"#
                ).status == .unprocessableContent)
            #expect(
                try await server.request(.put, uri, token: server.bob, json: #"{"status": "on-hold"}"#).status
                    == .notFound)
            let unknown = "/api/v1/woocommerce/integrations/\(id)/orders/99999999/status"
            #expect(
                try await server.request(.put, unknown, token: server.alice, json: #"{"status": "on-hold"}"#).status
                    == .notFound)
        }
    }

    /// Waiting for a queued status is bounded on the server's clock: with no sender running the answer comes
    /// when the bound has passed, 202 with the update still pending.
    @Test func waitingForAStatusIsBoundedOnTheServersClock() async throws {
        let clock = TestClock(Date())
        try await ServerHarness.with(clock: clock) { server in
            let id = try await server.createIntegration()
            try await server.syncOrders(integration: id)
            let external = try #require(try await server.logixOrders(integration: id).keys.min())
            let response = try await withThrowingTaskGroup(of: TestResponse?.self) { group in
                group.addTask {
                    try await server.request(
                        .put, "/api/v1/woocommerce/integrations/\(id)/orders/\(external)/status?wait=1&wait_seconds=5",
                        token: server.alice, json: #"{"status": "on-hold"}"#)
                }
                group.addTask {
                    // The request is asleep on the clock until the bound: move the clock past it.
                    while clock.sleeperCount == 0 { await Task.yield() }
                    clock.advance(by: 5)
                    return nil
                }
                var answer: TestResponse?
                for try await result in group { answer = answer ?? result }
                return try #require(answer)
            }
            #expect(response.status == .accepted, "\(response.text)")
            #expect(try response.json()["settled"] as? Bool == false)
            let updates = try #require(try response.json()["store_updates"] as? [[String: Any]])
            #expect(updates.map { $0["state"] as? String } == ["pending"])
        }
    }

    /// Every log line of a full scenario, at trace level, searched for the secrets it handled.
    @Test func noSecretInAnyLogLine() async throws {
        let lines = LogLines()
        let logger = Logger(label: "logix.captured") { label in
            var handler = CapturingLogHandler(label: label, lines: lines)
            handler.logLevel = .trace
            return handler
        }
        let secrets = Mutex<[String]>([])
        try await ServerHarness.with(logger: logger) { server in
            let sim = try #require(server.sim)
            secrets.withLock { $0 = [sim.readWriteKeys.consumerSecret, sim.readWriteKeys.consumerKey, server.alice] }
            let id = try await server.createIntegration()
            _ = try await server.request(
                .post, "/api/v1/woocommerce/integrations", token: server.alice,
                json: """
                    {"store_url": "\(sim.baseURL)", "consumer_key": "\(sim.readWriteKeys.consumerKey)",
                     "consumer_secret": "cs_wrong_secret_value", "integration_name": "x"}
                    """)
            _ = try await server.request(.post, "/api/v1/woocommerce/integrations/\(id)/test", token: server.alice)
            _ = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/sync?wait=true", token: server.alice,
                json: #"{"mode": "full"}"#)
            let hooks = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/webhooks", token: server.alice, json: "{}")
            #expect(hooks.status == .ok)
            let record = try #require(
                try await server.services.database.read { try await IntegrationRecords().find(id: id, on: $0) })
            let webhookSecret = try #require(
                try IntegrationCredentials(vault: server.services.vault, database: server.services.database)
                    .credentials(of: record).webhookSecret?.revealed)
            secrets.withLock { $0 += [webhookSecret, "cs_wrong_secret_value", ServerHarness.password] }
            _ = try await server.request(
                .post, "/api/v1/auth/token", token: nil,
                json: #"{"email": "alice@example.test", "password": "\#(ServerHarness.password)"}"#)
        }
        let captured = lines.all
        #expect(captured.count >= 5, "the scenario logged")
        for secret in secrets.withLock({ $0 }) {
            #expect(
                !captured.contains { $0.contains(secret) },
                "a log line holds a secret: \(captured.first { $0.contains(secret) }.map { String($0.suffix(900)) } ?? "")"
            )
        }
    }
}

/// Lines shared by the handlers of one logger.
final class LogLines: Sendable {
    let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// Keeps every log line, message and metadata, in memory.
struct CapturingLogHandler: LogHandler {
    let label: String
    let lines: LogLines
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        lines.append("\(label) \(event.level) \(event.message) \(all)")
    }
}
