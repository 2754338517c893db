import Foundation
import Logging
import LogixTestSupport
import SQLKit
import Storage
import Testing
import WooCommerce
import WooSim

@testable import Sync

/// Self-healing webhooks against a simulated store that really delivers (to a closed port, so every delivery
/// fails) and disables a webhook on the 7th failure in a row, on SQLite and PostgreSQL.
@Suite struct WebhookHealthCheckTests {
    /// Nothing listens here: deliveries are refused at once.
    static func deliveryURL(_ id: Int64) -> String { "http://127.0.0.1:9/receive?integration=\(id)" }

    struct Setup {
        var record: IntegrationRecord
        var registrar: WebhookRegistrar
        var check: WebhookHealthCheck
    }

    /// Real credentials sealed with a webhook secret, and a registrar that uses them.
    static func sealed(
        _ harness: ImportHarness
    ) async throws -> (record: IntegrationRecord, secret: Secret, registrar: WebhookRegistrar) {
        let credentials = IntegrationCredentials(
            vault: try CredentialVault(keyRing: KeyRing(current: .generate())), database: harness.database)
        let stored = try #require(
            try await harness.database.read { try await IntegrationRecords().find(id: harness.integrationID, on: $0) })
        let record = try await credentials.replace(
            stored,
            with: StoreCredentials(
                consumerKey: Secret(harness.sim.readWriteKeys.consumerKey),
                consumerSecret: Secret(harness.sim.readWriteKeys.consumerSecret)))
        let registrar = WebhookRegistrar(credentials: credentials)
        let (withSecret, opened) = try await registrar.credentialsWithWebhookSecret(record)
        return (withSecret, try #require(opened.webhookSecret), registrar)
    }

    /// Seals real credentials with a webhook secret, registers the default webhooks and imports the store.
    static func setUp(_ harness: ImportHarness) async throws -> Setup {
        let (withSecret, secret, registrar) = try await sealed(harness)
        let credentials = registrar.credentials
        let registered = try await registrar.register(
            withSecret, deliveryURL: deliveryURL(harness.integrationID), secret: secret, client: harness.client,
            at: Date())
        #expect(registered.map(\.action) == Array(repeating: .created, count: WebhookRegistrar.defaultTopics.count))
        var logger = Logger(label: "logix.webhooks.tests")
        logger.logLevel = .error
        let check = WebhookHealthCheck(
            database: harness.database, clients: SimStoreClients(sim: harness.sim), credentials: credentials,
            deliveryURL: { id, _ in deliveryURL(id) }, logger: logger)
        _ = try await harness.importer().run(.full)
        return Setup(record: withSecret, registrar: registrar, check: check)
    }

    /// Waits (without blocking a thread) until the store lists the topic's webhook as disabled.
    static func waitUntilDisabled(_ topic: String, _ harness: ImportHarness) async throws -> WooWebhook {
        for _ in 0..<600 {
            let hooks = try await harness.client.listWebhooks().items
            if let hook = hooks.first(where: { $0.topic == topic && $0.status == .disabled }) { return hook }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestDatabaseError("the store never disabled the \(topic) webhook")
    }

    @Test(arguments: TestEngine.allCases)
    func aWebhookDisabledByFailuresIsReenabledThenRecreatedAndTheGapBackfilled(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 41, orders: 20)) { harness in
            let setup = try await Self.setUp(harness)
            let before = try await harness.orderCount()

            // Seven orders, seven failed order.created deliveries: the store disables the webhook.
            var placed: [Int64] = []
            for _ in 0..<7 { placed.append(Int64(try await harness.sim.placeOrder())) }
            let disabled = try await Self.waitUntilDisabled("order.created", harness)
            // Placed while it is disabled: never delivered at all.
            for _ in 0..<2 { placed.append(Int64(try await harness.sim.placeOrder())) }

            let report = try await setup.check.check(setup.record)
            let created = try #require(report.webhooks?.topics.first { $0.topic == "order.created" })
            #expect(created.status == .disabled)
            #expect(created.action == .reenabled)
            #expect(created.webhookID == disabled.id)
            let backfill = try #require(report.backfill)
            #expect(backfill.mode == .incremental)
            #expect(backfill.counts.created == placed.count)
            #expect(try await harness.orderCount() == before + placed.count)
            let stored = try await harness.storedOrders()
            #expect(placed.allSatisfy { stored[$0] != nil })
            #expect(try await harness.client.webhook(id: disabled.id).status == .active)

            // Health remembers it; one more failure disables it again (the store's count was not reset) …
            let health = try await harness.database.read {
                try await IntegrationHealthRecords().health(integrationID: harness.integrationID, on: $0)
            }
            #expect(health.webhooks?.topics.first { $0.topic == "order.created" }?.reenabledWebhookID == disabled.id)
            #expect(health.webhooks?.topics.count == WebhookRegistrar.defaultTopics.count)
            let last = Int64(try await harness.sim.placeOrder())
            _ = try await Self.waitUntilDisabled("order.created", harness)

            // … so this time it is deleted and created anew, and the order is backfilled.
            let second = try await setup.check.check(setup.record)
            let recreated = try #require(second.webhooks?.topics.first { $0.topic == "order.created" })
            #expect(recreated.action == .recreated)
            let newID = try #require(recreated.webhookID)
            #expect(newID != disabled.id)
            let hooks = try await harness.client.listWebhooks().items.filter { $0.topic == "order.created" }
            #expect(hooks.map(\.id) == [newID])
            #expect(hooks.first?.status == .active)
            #expect(try await harness.storedOrders()[last] != nil)
        }
    }

    /// WooCommerce pings the delivery URL inside each create call: one topic after another, a registration took
    /// as long as every ping together, which from a busy host was longer than its caller waited.
    @Test func aRegistrationAsksForItsTopicsAtOnce() async throws {
        try await ImportHarness.with(.sqlite, store: .store(seed: 42, orders: 0)) { harness in
            let (record, secret, registrar) = try await Self.sealed(harness)
            // Each request takes long enough that the topics' requests overlap only if they are sent together.
            await harness.sim.setFaults(WooSimFaults(latencyMilliseconds: 200))
            await harness.sim.resetPeakConcurrentRequests()
            let registered = try await registrar.register(
                record, deliveryURL: Self.deliveryURL(harness.integrationID), secret: secret, client: harness.client,
                at: Date())
            #expect(registered.map(\.topic) == WebhookRegistrar.defaultTopics)
            #expect(registered.allSatisfy { $0.action == .created })
            #expect(await harness.sim.peakConcurrentRequests > 1)
            #expect(try await harness.client.listWebhooks().items.count == WebhookRegistrar.defaultTopics.count)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aDeletedWebhookIsRecreatedAndHealthyOnesAreKept(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 42, orders: 5)) { harness in
            let setup = try await Self.setUp(harness)
            let productHook = try #require(
                try await harness.client.listWebhooks().items.first { $0.topic == "product.updated" })
            try await harness.client.deleteWebhook(id: productHook.id)
            let paused = try #require(
                try await harness.client.listWebhooks().items.first { $0.topic == "order.deleted" })
            _ = try await harness.client.updateWebhook(id: paused.id, WooWebhookUpdate(status: .paused))

            let report = try await setup.check.check(setup.record)
            let byTopic = Dictionary(uniqueKeysWithValues: (report.webhooks?.topics ?? []).map { ($0.topic, $0) })
            #expect(byTopic["product.updated"]?.status == .missing)
            #expect(byTopic["product.updated"]?.action == .created)
            #expect(byTopic["order.deleted"]?.status == .paused)
            #expect(byTopic["order.deleted"]?.action == .reenabled)
            #expect(byTopic["order.created"]?.action == .kept)
            #expect(report.backfill != nil)

            let hooks = try await harness.client.listWebhooks().items
            #expect(hooks.map(\.topic).sorted() == WebhookRegistrar.defaultTopics.sorted())
            #expect(hooks.allSatisfy { $0.status == .active })

            // Recorded in the integration's health; a second check finds all well and repairs nothing.
            let health = try await harness.database.read {
                try await IntegrationHealthRecords().health(integrationID: harness.integrationID, on: $0)
            }
            #expect(health.webhooks?.topics.map(\.topic) == WebhookRegistrar.defaultTopics)
            #expect(health.webhooksCheckedAt != nil)
            let again = try await setup.check.check(setup.record)
            #expect(again.webhooks?.repaired == false)
            #expect(again.backfill == nil)

            // Registering again (the API's repair) duplicates nothing.
            let (_, opened) = try await setup.registrar.credentialsWithWebhookSecret(setup.record)
            let registered = try await setup.registrar.register(
                setup.record, deliveryURL: Self.deliveryURL(harness.integrationID),
                secret: try #require(opened.webhookSecret), client: harness.client, at: Date())
            #expect(registered.allSatisfy { $0.action == .kept })
            #expect(try await harness.client.listWebhooks().items.count == WebhookRegistrar.defaultTopics.count)
        }
    }

    /// An integration without registered webhooks is left alone.
    @Test func anIntegrationWithoutWebhooksIsNotChecked() async throws {
        try await ImportHarness.with(.sqlite, store: .store(seed: 43, orders: 1)) { harness in
            let credentials = IntegrationCredentials(
                vault: try CredentialVault(keyRing: KeyRing(current: .generate())), database: harness.database)
            let check = WebhookHealthCheck(
                database: harness.database, clients: SimStoreClients(sim: harness.sim), credentials: credentials,
                deliveryURL: { id, _ in Self.deliveryURL(id) })
            let record = try #require(
                try await harness.database.read {
                    try await IntegrationRecords().find(id: harness.integrationID, on: $0)
                })
            let report = try await check.check(record)
            #expect(report.webhooks == nil)
            #expect(try await harness.client.listWebhooks().items.isEmpty)
        }
    }
}

@Suite struct WebhookRepairPlanTests {
    typealias Found = WebhookRepairPlan.Found

    @Test func decidesEachTopic() {
        let found = [
            Found(id: 1, topic: "order.created", status: .active),
            Found(id: 2, topic: "order.updated", status: .disabled),
            Found(id: 3, topic: "order.deleted", status: .paused),
            Found(id: 4, topic: "order.deleted", status: .active),
        ]
        let plan = WebhookRepairPlan(
            topics: ["order.created", "order.updated", "order.deleted", "order.restored"], found: found, previous: nil)
        #expect(
            plan.steps == [
                .reenable(id: 2, topic: "order.updated"), .deleteDuplicate(id: 3), .create(topic: "order.restored"),
            ])
        #expect(plan.topics.map(\.action) == [.kept, .reenabled, .kept, .created])
        #expect(plan.topics.map(\.status) == [.active, .disabled, .active, .missing])
    }

    @Test func recreatesOnlyTheWebhookItReenabledBefore() {
        let previous = WebhookHealth(
            topics: [
                WebhookHealth.Topic(
                    topic: "order.updated", status: .disabled, action: .reenabled, webhookID: 2, reenabledWebhookID: 2)
            ],
            checkedAt: Date())
        let again = WebhookRepairPlan(
            topics: ["order.updated"], found: [Found(id: 2, topic: "order.updated", status: .disabled)],
            previous: previous)
        #expect(again.steps == [.recreate(id: 2, topic: "order.updated")])
        // Still active: kept, and still remembered.
        let active = WebhookRepairPlan(
            topics: ["order.updated"], found: [Found(id: 2, topic: "order.updated", status: .active)],
            previous: previous)
        #expect(active.steps.isEmpty)
        #expect(active.topics.first?.reenabledWebhookID == 2)
        // Another webhook (someone recreated it): a plain re-enable.
        let other = WebhookRepairPlan(
            topics: ["order.updated"], found: [Found(id: 9, topic: "order.updated", status: .disabled)],
            previous: previous)
        #expect(other.steps == [.reenable(id: 9, topic: "order.updated")])
    }
}
