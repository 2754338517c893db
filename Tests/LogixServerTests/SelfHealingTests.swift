import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import Storage
import Sync
import Testing
import WooCommerce
import WooSim

@testable import LogixServer

/// The server heals what the store broke: webhooks the store disabled after failed deliveries are found by the
/// scheduler's health check, re-enabled, and the orders placed meanwhile are imported — live, on both engines.
@Suite struct SelfHealingTests {
    @Test(arguments: TestEngine.allCases)
    func webhooksDisabledByFailuresAreReenabledAndTheMissedOrdersImported(engine: TestEngine) async throws {
        let gate = ReceiverGate()
        @Sendable func withoutScheduler(_ configuration: inout ServerConfiguration) {
            configuration.schedulerEnabled = false  // driven by hand below
        }
        try await ServerHarness.with(
            engine, storeConfiguration: .small, live: true, receiverGate: gate, configure: withoutScheduler
        ) { server in
            let sim = try #require(server.sim)
            let integration = try await server.createIntegration()
            let registered = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(integration)/webhooks", token: server.alice, json: "{}")
            #expect(registered.status == .ok, "\(registered.text)")
            let arrived = try await sim.placeOrder()
            _ = try await server.waitForOrder(arrived, integration: integration)

            // The receiver is down: seven failed deliveries in a row and the store disables the webhooks. Each
            // order fires order.created and order.updated; both must be disabled before the receiver is back, or
            // an order.updated still queued at the store (a loaded machine) delivers a missed order after all.
            gate.set(open: false)
            var missed: [Int] = []
            for _ in 0..<7 { missed.append(try await sim.placeOrder()) }
            try await waitUntil("the store disabled the order webhooks") {
                let disabled = try await server.storeWebhooks().filter { $0.status == .disabled }.map(\.topic)
                return Set(["order.created", "order.updated"]).isSubset(of: disabled)
            }
            // Placed while it is disabled: the store does not even try.
            for _ in 0..<2 { missed.append(try await sim.placeOrder()) }
            gate.set(open: true)
            try await server.waitForAppliedInbox()
            let before = try await server.logixOrders(integration: integration)
            #expect(Set(missed).isDisjoint(with: before.keys), "nothing missed has arrived yet")

            // The scheduler's pass finds the webhooks disabled, re-enables them and imports the gap.
            let scheduler = server.services.scheduler(options: .init(webhookCheckInterval: .seconds(60)))
            let now = Date()
            // On a loaded machine more than a minute may have passed since the webhooks were registered: then the
            // first pass already checks them and re-enables, and the second finds them active ("kept"). Either
            // pass's action is the one to look at.
            func orderCreatedAction() async throws -> String? {
                let health = try await server.health(integration: integration)
                let topics = (health["webhooks"] as? [String: Any])?["topics"] as? [[String: Any]]
                return topics?.first { $0["topic"] as? String == "order.created" }?["action"] as? String
            }
            let first = try await scheduler.tick(now: now)
            let firstAction = try await orderCreatedAction()
            let outcomes = try await scheduler.tick(now: now.addingTimeInterval(2 * 86_400))
            #expect(
                (first + outcomes).contains { $0.job == .webhookCheck && $0.result == .succeeded }, "\(outcomes)")
            let hooks = try await server.storeWebhooks()
            #expect(!hooks.isEmpty && hooks.allSatisfy { $0.status == .active }, "\(hooks.map(\.status))")
            let secondAction = try await orderCreatedAction()
            #expect([firstAction, secondAction].contains("reenabled"), "\([firstAction, secondAction])")

            let after = try await server.logixOrders(integration: integration)
            #expect(Set(missed).isSubset(of: after.keys), "every order placed meanwhile is imported")
            #expect(after.values.filter { missed.contains($0["external_id"] as? Int ?? 0) }.count == missed.count)

            // Deliveries flow again: the next order arrives by webhook, without a sync.
            let next = try await sim.placeOrder()
            _ = try await server.waitForOrder(next, integration: integration)
        }
    }
}
