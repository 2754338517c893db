import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import LogixTestSupport
import Storage
import Sync
import Testing
import WooCommerce

@testable import LogixServer
@testable import WooSim

/// The outbox seen through the API while the store misbehaves: a backlog that drains in order once the store
/// recovers, dead items with their error, and a retry — over real HTTP, on both engines. The sender runs on a
/// hand-moved clock, so back-off takes no real time.
@Suite struct OutboxAPITests {
    static func sender(_ server: ServerHarness, clock: TestClock) -> OutboxSender {
        var logger = Logger(label: "logix.outbox.e2e")
        logger.logLevel = .critical
        return OutboxSender(
            database: server.services.database, clients: UnretriedStoreClients(services: server.services),
            clock: clock, random: { 0.5 }, logger: logger)
    }

    /// Places `count` orders in the store, imports them, and ships each in Logix; returns (store id, Logix id).
    static func shippedOrders(_ server: ServerHarness, integration: Int64, count: Int) async throws -> [(Int, Int)] {
        let sim = try #require(server.sim)
        var placed: [Int] = []
        for _ in 0..<count {
            placed.append(try await sim.placeOrder(WooSimNewOrder(lines: [WooSimOrderLine(sku: "TEA-EGR-100")])))
        }
        try await server.syncOrders(integration: integration)
        let orders = try await server.logixOrders(integration: integration)
        var pairs: [(Int, Int)] = []
        for external in placed {
            let id = try #require(orders[external]?["id"] as? Int)
            try await server.ship(id, tracking: "T-\(external)")
            pairs.append((external, id))
        }
        return pairs
    }

    @Test(arguments: TestEngine.allCases)
    func aStoreThatFailsForAWhileGetsEverythingInOrderOnceItRecovers(engine: TestEngine) async throws {
        // One clock for the server and the sender: what the API queues is due on the sender's clock at once.
        let clock = TestClock(Date())
        try await ServerHarness.with(engine, storeConfiguration: .small, clock: clock) { server in
            let sim = try #require(server.sim)
            let integration = try await server.createIntegration()
            let orders = try await Self.shippedOrders(server, integration: integration, count: 3)
            let sender = Self.sender(server, clock: clock)

            // The store answers 5xx for a while: nothing gets through, nothing is lost.
            await sim.setFaults(WooSimFaults(serverErrorRate: 1))
            for _ in 0..<4 {
                try await sender.sendDue()
                clock.advance(by: 120)
            }
            #expect(try await server.outbox(integration: integration, state: "pending").count == 6)
            #expect(try await server.outbox(integration: integration, state: "dead").isEmpty)
            let backlog = try await server.health(integration: integration)
            #expect(backlog["outbox_pending"] as? Int == 6, "\(backlog)")
            #expect(backlog["outbox_dead"] as? Int == 0)
            for (external, _) in orders { #expect(try await server.storeOrder(external).status == .processing) }

            // It recovers: everything arrives, each order's status before its note.
            await sim.setFaults(.none)
            for _ in 0..<30 {
                clock.advance(by: 1_000)
                try await sender.sendDue()
                if try await server.outbox(integration: integration, state: "pending").isEmpty { break }
            }
            #expect(try await server.outbox(integration: integration, state: "pending").isEmpty)
            #expect(try await server.outbox(integration: integration, state: "done").count == 6)
            // Each request as `METHOD /path`, without its query (the client signs with OAuth 1 over http).
            let log = await sim.requestLog.map { $0.split(separator: "?", maxSplits: 1).first.map(String.init) ?? $0 }
            for (external, _) in orders {
                #expect(try await server.storeOrder(external).status == .completed)
                let notes = try await server.storeNotes(external).filter { $0.contains("T-\(external)") }
                #expect(notes.count == 1, "one tracking note on \(external): \(notes)")
                let updates = log.indices.filter { log[$0] == "PUT /wp-json/wc/v3/orders/\(external)" }
                let notePosts = log.indices.filter { log[$0] == "POST /wp-json/wc/v3/orders/\(external)/notes" }
                #expect(!updates.isEmpty && !notePosts.isEmpty)
                #expect((updates.max() ?? .max) < (notePosts.min() ?? .min), "status before note for \(external)")
            }
            let healed = try await server.health(integration: integration)
            #expect(healed["outbox_pending"] as? Int == 0, "\(healed)")
        }
    }

    @Test(arguments: TestEngine.allCases)
    func permanentFailuresAreDeadVisibleAndCanBeRetried(engine: TestEngine) async throws {
        let clock = TestClock(Date())
        try await ServerHarness.with(engine, storeConfiguration: .small, clock: clock) { server in
            let sim = try #require(server.sim)
            let integration = try await server.createIntegration()
            let sender = Self.sender(server, clock: clock)

            // An order deleted in the store meanwhile: the store answers 404, the items are dead at once.
            let deleted = try await Self.shippedOrders(server, integration: integration, count: 1)[0].0
            _ = try await sim.store.deleteOrder(deleted, force: true)
            try await sender.sendDue()
            let dead = try await server.outbox(integration: integration, state: "dead")
            #expect(dead.count == 2, "\(dead)")
            #expect(dead.allSatisfy { $0["external_order_id"] as? Int == deleted })
            // WooCommerce answers a PUT of a deleted order 400 and a note on it 404, both `…_invalid_id`.
            #expect(
                dead.allSatisfy {
                    ($0["last_error"] as? String)?.contains("woocommerce_rest_shop_order_invalid_id") == true
                },
                "\(dead)")
            #expect(dead.allSatisfy { $0["attempts"] as? Int == 1 })
            var health = try await server.health(integration: integration)
            #expect(health["outbox_dead"] as? Int == 2, "\(health)")
            #expect(health["outbox_pending"] as? Int == 0)

            // One refused once by a misconfigured proxy (404 too), then the store is fine: retried, it goes out.
            let refused = try await Self.shippedOrders(server, integration: integration, count: 1)[0].0
            await sim.failNext(count: 1, status: 404)
            try await sender.sendDue()
            let update = try #require(
                try await server.outbox(integration: integration, state: "dead").first {
                    $0["external_order_id"] as? Int == refused && $0["kind"] as? String == "order_update"
                })
            let updateID = try #require(update["id"] as? Int)
            // Its note waits behind it? It was sent or is pending; either way the status is what is missing.
            #expect(try await server.storeOrder(refused).status == .processing)

            // Only dead items can be retried, and only one's own.
            let bobRetry = try await server.request(.post, "/api/v1/outbox/\(updateID)/retry", token: server.bob)
            #expect(bobRetry.status == .notFound)
            let retried = try await server.json(.post, "/api/v1/outbox/\(updateID)/retry")
            #expect(retried["state"] as? String == "pending", "\(retried)")
            let again = try await server.request(.post, "/api/v1/outbox/\(updateID)/retry", token: server.alice)
            #expect(again.status == .conflict)
            health = try await server.health(integration: integration)
            #expect(health["outbox_pending"] as? Int ?? 0 >= 1, "\(health)")

            try await sender.sendDue()
            #expect(try await server.storeOrder(refused).status == .completed)
            let done = try await server.outbox(integration: integration, state: "done")
            #expect(done.contains { $0["id"] as? Int == updateID })
            // The deleted order's items stay dead, with their error, until someone retries them.
            #expect(try await server.outbox(integration: integration, state: "dead").count == 2)
            let invalid = try await server.request(.get, "/api/v1/outbox?state=lost", token: server.alice)
            #expect(invalid.status == .unprocessableContent)

            // Every dead one of a store at once: Bob cannot, Alice brings both back.
            let bobAll = try await server.request(
                .post, "/api/v1/outbox/retry-dead", token: server.bob, json: #"{"integration_id": \#(integration)}"#)
            #expect(bobAll.status == .notFound)
            let all = try await server.json(.post, "/api/v1/outbox/retry-dead", #"{"integration_id": \#(integration)}"#)
            #expect(all["retried"] as? Int == 2, "\(all)")
            #expect(try await server.outbox(integration: integration, state: "dead").isEmpty)
            #expect(try await server.outbox(integration: integration, state: "pending").count == 2)
            let none = try await server.request(.post, "/api/v1/outbox/retry-dead", token: server.alice, json: "{}")
            #expect(none.status == .unprocessableContent)
        }
    }
}
