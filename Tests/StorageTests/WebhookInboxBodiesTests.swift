import Foundation
import LogixTestSupport
import SQLKit
import Testing

@testable import Storage

/// Webhook bodies kept apart from their deliveries' state (migration 13, issue 14), on both engines: bodies
/// stored before the split are kept, a delivery reads back with its body, a delivery stored as processed keeps
/// none, and a deleted integration takes its bodies with it.
@Suite struct WebhookInboxBodiesTests {
    static let received = Date(timeIntervalSince1970: 1_790_000_000)

    static func delivery(_ index: Int, integrationID: Int64) -> InboxDelivery {
        InboxDelivery(
            integrationID: integrationID, deliveryKey: "key-\(index)", deliveryID: "delivery-\(index)",
            topic: "order.updated", resourceID: Int64(index),
            body: Data(#"{"id":\#(index),"note":"Zoë \#(String(repeating: "x", count: 2_500))"}"#.utf8),
            receivedAt: received)
    }

    @Test(arguments: TestEngine.allCases)
    func bodiesStoredBeforeTheSplitAreKept(engine: TestEngine) async throws {
        try await TestDatabases.with(engine, migrate: false) { database in
            // Every step before the split, and the later column today's integration fixture writes.
            let before = Migrator.all.filter {
                $0.version < SplitWebhookInboxBodies().version || $0.version == AddChannelSettings().version
            }
            try await Migrator(database: database, migrations: before).migrate()
            let user = try await TestFixtures.user(in: database)
            let integration = try await TestFixtures.integration(userID: user.id, in: database).id
            let old = Self.delivery(1, integrationID: integration)
            // As the receiver stored it before: the body in the delivery's row.
            try await database.transaction { sql in
                try await sql.insert(into: "webhook_inbox")
                    .columns(
                        "integration_id", "delivery_key", "delivery_id", "topic", "resource_id", "body", "state",
                        "received_at", "attempts"
                    )
                    .values(
                        SQLBind(integration), SQLBind(old.deliveryKey), SQLBind(old.deliveryID), SQLBind(old.topic),
                        SQLBind(old.resourceID), SQLBind(old.body), SQLBind("pending"),
                        SQLBind(old.receivedAt.unixSeconds), SQLBind(0)
                    ).run()
            }
            try await Migrator(database: database).migrate()
            let new = Self.delivery(2, integrationID: integration)
            let stored = try await database.transaction { sql in
                try await WebhookInboxRecords().insert(batch: [new, new, old], on: sql)
            }
            #expect(stored == [new.deliveryKey], "the old delivery is still known, the new one stored once")
            let claimed = try await database.transaction { sql in
                try await WebhookInboxRecords().claimPending(
                    limit: 10, leaseUntil: Self.received.addingTimeInterval(60), now: Self.received, on: sql)
            }
            #expect(claimed.map(\.value.body) == [old.body, new.body])
            #expect(claimed.map(\.value.deliveryKey) == [old.deliveryKey, new.deliveryKey])
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aDeletedIntegrationTakesItsBodiesWithIt(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let user = try await TestFixtures.user(in: database)
            let integration = try await TestFixtures.integration(userID: user.id, in: database).id
            _ = try await database.transaction { sql in
                try await WebhookInboxRecords().insert(
                    batch: (0..<3).map { Self.delivery($0, integrationID: integration) }, on: sql)
            }
            func bodies() async throws -> Int {
                try await database.read { sql in
                    try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                        .from("webhook_inbox_bodies").first(decodingColumn: "n", as: Int.self) ?? -1
                }
            }
            #expect(try await bodies() == 3)
            try await database.transaction { sql in
                try await sql.delete(from: "integrations").where("id", .equal, integration).run()
            }
            #expect(try await bodies() == 0)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aDeliveryStoredAsProcessedKeepsNoBody(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let user = try await TestFixtures.user(in: database)
            let integration = try await TestFixtures.integration(userID: user.id, in: database).id
            let applied = {
                var delivery = Self.delivery(1, integrationID: integration)
                delivery.state = .processed
                return delivery
            }()
            let pending = Self.delivery(2, integrationID: integration)
            let stored = try await database.transaction { sql in
                try await WebhookInboxRecords().insert(batch: [applied, pending], on: sql)
            }
            #expect(stored == [applied.deliveryKey, pending.deliveryKey], "both are known, to refuse them again")
            let bodies = try await database.read { sql in
                try await sql.select().column("inbox_id").from("webhook_inbox_bodies").all(
                    decodingColumn: "inbox_id", as: Int64.self)
            }
            #expect(bodies.count == 1)
            let claimed = try await database.transaction { sql in
                try await WebhookInboxRecords().claimPending(
                    limit: 10, leaseUntil: Self.received.addingTimeInterval(60), now: Self.received, on: sql)
            }
            #expect(claimed.map(\.value.deliveryKey) == [pending.deliveryKey])
            #expect(claimed.map(\.value.body) == [pending.body])
            #expect(claimed.map(\.id) == bodies)
        }
    }
}
