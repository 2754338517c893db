import Foundation
import LogixTestSupport
import Storage
import Testing

/// Version 6 on both engines: an integration's `allow_read_only`, and the store's refusal of writes kept in its
/// health (failing) until a write succeeds (issue 11, E).
@Suite struct StoreWriteAccessRecordsTests {
    @Test(arguments: TestEngine.allCases)
    func readOnlyAllowanceAndRefusedWritesAreKept(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let alice = try await TestFixtures.user("alice@example.test", in: database)
            var new = IntegrationRecordsTests.record(userID: alice.id)
            new.allowsReadOnly = true
            let created = try await TestFixtures.integration(new, in: database)
            let records = IntegrationRecords()
            #expect(try await database.read { try await records.find(id: created.id, on: $0) }?.allowsReadOnly == true)
            var change = created
            change.allowsReadOnly = false
            let changed = change
            #expect(try await database.transaction { try await records.update(changed, on: $0) })
            #expect(
                try await database.read { try await records.find(id: created.id, on: $0) }?.allowsReadOnly == false)

            let health = IntegrationHealthRecords()
            let at = Date(timeIntervalSince1970: 1_795_000_100)
            try await database.transaction { sql in
                try await health.recordSuccess(integrationID: created.id, at: at, on: sql)
                try await health.recordWritesRefused(
                    integrationID: created.id, code: "woocommerce_rest_authentication_error",
                    message: "no write permission", at: at, on: sql)
                // A later import succeeding does not heal writes.
                try await health.recordSuccess(integrationID: created.id, at: at.addingTimeInterval(60), on: sql)
            }
            let refused = try await database.read { try await health.health(integrationID: created.id, on: $0) }
            #expect(refused.isFailing)
            #expect(refused.writesRefused?.code == "woocommerce_rest_authentication_error")
            #expect(refused.writesRefused?.at == at)

            try await database.transaction { try await health.clearWritesRefused(integrationID: created.id, on: $0) }
            let healed = try await database.read { try await health.health(integrationID: created.id, on: $0) }
            #expect(healed.writesRefused == nil)
            #expect(!healed.isFailing)
        }
    }
}
