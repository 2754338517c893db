import Foundation
import LogixTestSupport
import SQLKit
import Storage
import Testing

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
