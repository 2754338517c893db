import Foundation
import LogixCore
import LogixTestSupport
import SQLKit
import Storage
import Testing
import WooCommerce

@testable import Sync

/// The receiver's group commits (ARCHITECTURE.md, "Nothing lost"): every caller is answered only once the
/// transaction holding its delivery committed, each distinct delivery is stored once, and a transaction that
/// fails answers every delivery in it with an error, none as stored.
@Suite struct WebhookInboxWriterTests {
    static func delivery(_ index: Int, integrationID: Int64) -> InboxDelivery {
        InboxDelivery(
            integrationID: integrationID, deliveryKey: "key-\(index)", deliveryID: "delivery-\(index)",
            topic: "order.updated", resourceID: Int64(index), body: Data(#"{"id":\#(index)}"#.utf8),
            receivedAt: Date(timeIntervalSince1970: 1_790_000_000))
    }

    /// Runs the writer as the server does (a service beside the callers) for `body`'s duration.
    static func withWriter<T: Sendable>(
        _ database: LogixDatabase, _ body: @escaping @Sendable (WebhookInboxWriter) async throws -> T
    ) async throws -> T {
        let writer = WebhookInboxWriter(database: database)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await writer.run()
                return nil
            }
            let result = try await body(writer)
            writer.finish()
            while let next = try await group.next() { if let next { return next } }
            return result
        }
    }

    /// 300 callers at once, each delivery sent twice: 300 answered "stored", 300 "duplicate", 300 rows.
    @Test(arguments: TestEngine.allCases)
    func concurrentDeliveriesAreAllStoredExactlyOnce(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let user = try await TestFixtures.user(in: database)
            let integration = try await TestFixtures.integration(userID: user.id, in: database).id
            let outcomes = try await Self.withWriter(database) { writer in
                try await withThrowingTaskGroup(of: WebhookInboxWriter.Outcome.self) { group in
                    for index in 0..<600 {
                        group.addTask { try await writer.store(Self.delivery(index % 300, integrationID: integration)) }
                    }
                    var outcomes: [WebhookInboxWriter.Outcome] = []
                    for try await outcome in group { outcomes.append(outcome) }
                    return outcomes
                }
            }
            #expect(outcomes.filter { $0 == .stored }.count == 300)
            #expect(outcomes.filter { $0 == .duplicate }.count == 300)
            let counts = try await database.read { try await WebhookInboxRecords().countByState(on: $0) }
            #expect(counts == [.pending: 300])
        }
    }

    /// A transaction that cannot commit (here the inbox table is gone) answers every caller waiting on it with
    /// the error: none is told its delivery was stored, and nothing is.
    @Test(arguments: TestEngine.allCases)
    func aFailedCommitAnswersEveryWaitingCallerWithAnError(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let user = try await TestFixtures.user(in: database)
            let integration = try await TestFixtures.integration(userID: user.id, in: database).id
            try await database.transaction { sql in try await sql.raw("ALTER TABLE webhook_inbox RENAME TO gone").run()
            }
            let results = try await Self.withWriter(database) { writer in
                await withTaskGroup(of: WebhookInboxWriter.Outcome?.self) { group in
                    for index in 0..<200 {
                        group.addTask {
                            // nil: refused with an error, as every one of them must be.
                            try? await writer.store(Self.delivery(index, integrationID: integration))
                        }
                    }
                    var results: [WebhookInboxWriter.Outcome?] = []
                    for await result in group { results.append(result) }
                    return results
                }
            }
            #expect(results.count == 200)
            #expect(results.allSatisfy { $0 == nil }, "no caller was told its delivery was stored")
            try await database.transaction { sql in try await sql.raw("ALTER TABLE gone RENAME TO webhook_inbox").run()
            }
            let counts = try await database.read { try await WebhookInboxRecords().countByState(on: $0) }
            #expect(counts.isEmpty)
        }
    }

    /// The recorded `order.created` delivery of order 384, and the order its body carries as the receiver maps it
    /// for `integration` (WooCommerce's format, the integration's settings).
    static func orderDelivery(
        for integration: IntegrationRecord, settings: IntegrationMappingSettings? = nil
    ) throws -> (InboxDelivery, WebhookInboxWriter.CarriedOrder) {
        let body = try MappingSamples.webhookBody("65-webhook-delivery-order-created-order384.json")
        let mapped = WooCommerceWebhookFormat().wholeOrders(
            [ChannelWebhookBody(topic: "order.created", body: body)], integration: integration)
        let order = try #require(mapped.first ?? nil, "the recorded body is a whole order")
        let delivery = InboxDelivery(
            integrationID: integration.id, deliveryKey: "order-384-created", deliveryID: "recorded",
            topic: "order.created", resourceID: 384, body: body, receivedAt: Date(timeIntervalSince1970: 1_790_000_000))
        return (delivery, .init(order: order, settings: settings ?? integration.mappingSettings))
    }

    static func orderCount(_ integrationID: Int64, in database: LogixDatabase) async throws -> Int {
        try await database.read { try await OrderRecords().count(integrationID: integrationID, on: $0) }
    }

    /// A delivery that comes with the order its body carries is stored as processed, and the order applied, in the
    /// one commit: the order is in Logix when the caller is answered, and nothing is left for the inbox applier.
    /// The same delivery again is a duplicate and applies nothing twice.
    @Test(arguments: TestEngine.allCases)
    func aCarriedOrderIsAppliedInTheCommitThatStoresIt(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let user = try await TestFixtures.user(in: database)
            let integration = try await TestFixtures.integration(userID: user.id, in: database)
            let (delivery, carried) = try Self.orderDelivery(for: integration)
            let outcomes = try await Self.withWriter(database) { writer in
                [
                    try await writer.store(delivery, carrying: carried),
                    try await writer.store(delivery, carrying: carried),
                ]
            }
            #expect(outcomes == [.applied, .duplicate])
            let counts = try await database.read { try await WebhookInboxRecords().countByState(on: $0) }
            #expect(counts == [.processed: 1])
            #expect(try await Self.orderCount(integration.id, in: database) == 1)
            let stored = try await database.read {
                try await OrderRecords().fetch(integrationID: integration.id, externalIDs: [384], on: $0)
            }
            #expect(stored[384]?.storeStatus == "processing")
        }
    }

    /// The integration's mapping settings changed after the receiver mapped the delivery: the order is not
    /// applied with the old ones. The delivery is stored pending, for the inbox applier to map anew.
    @Test(arguments: TestEngine.allCases)
    func anOrderMappedWithSettingsSinceChangedWaitsForTheApplier(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let user = try await TestFixtures.user(in: database)
            let integration = try await TestFixtures.integration(userID: user.id, in: database)
            var before = integration.mappingSettings
            before.statusMappingJSON = #"{"inbound":{"processing":"on_hold"}}"#
            let (delivery, carried) = try Self.orderDelivery(for: integration, settings: before)
            let outcome = try await Self.withWriter(database) { writer in
                try await writer.store(delivery, carrying: carried)
            }
            #expect(outcome == .stored)
            let counts = try await database.read { try await WebhookInboxRecords().countByState(on: $0) }
            #expect(counts == [.pending: 1])
            #expect(try await Self.orderCount(integration.id, in: database) == 0)
        }
    }

    /// Applying fails (here the orders table is gone): the batch is stored again without applying, every
    /// delivery pending, so the inbox applier retries them; none is lost and none is answered as applied.
    @Test(arguments: TestEngine.allCases)
    func aFailedApplyStillStoresEveryDelivery(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let user = try await TestFixtures.user(in: database)
            let integration = try await TestFixtures.integration(userID: user.id, in: database)
            let (delivery, carried) = try Self.orderDelivery(for: integration)
            try await database.transaction { sql in try await sql.raw("ALTER TABLE orders RENAME TO gone").run() }
            let outcomes = try await Self.withWriter(database) { writer in
                [
                    try await writer.store(delivery, carrying: carried),
                    try await writer.store(Self.delivery(1, integrationID: integration.id)),
                ]
            }
            try await database.transaction { sql in try await sql.raw("ALTER TABLE gone RENAME TO orders").run() }
            #expect(outcomes == [.stored, .stored])
            let counts = try await database.read { try await WebhookInboxRecords().countByState(on: $0) }
            #expect(counts == [.pending: 2])
            #expect(try await Self.orderCount(integration.id, in: database) == 0)
        }
    }

    /// Deliveries still waiting when the writer stops are refused, never left unanswered.
    @Test func deliveriesAfterTheWriterStoppedAreRefused() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let user = try await TestFixtures.user(in: database)
            let integration = try await TestFixtures.integration(userID: user.id, in: database).id
            let writer = WebhookInboxWriter(database: database)
            writer.finish()
            await writer.run()
            await #expect(throws: CancellationError.self) {
                try await writer.store(Self.delivery(1, integrationID: integration))
            }
        }
    }
}
