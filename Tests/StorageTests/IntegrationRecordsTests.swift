import Foundation
import LogixCore
import LogixTestSupport
import SQLKit
import Storage
import Testing

@Suite struct IntegrationRecordsTests {
    static func record(userID: Int64, name: String = "Coffee Shop") -> NewIntegration {
        NewIntegration(
            userID: userID, platform: "woocommerce", storeURL: "https://shop.example", name: name,
            createdAt: Date(timeIntervalSince1970: 1_795_000_000))
    }

    /// An integration's own records, read in a read of their own.
    struct Reads {
        let database: LogixDatabase
        let records = IntegrationRecords()

        func find(id: Int64, userID: Int64) async throws -> IntegrationRecord? {
            try await database.read { try await records.find(id: id, userID: userID, on: $0) }
        }
        func find(id: Int64) async throws -> IntegrationRecord? {
            try await database.read { try await records.find(id: id, on: $0) }
        }
        func list(userID: Int64) async throws -> [IntegrationRecord] {
            try await database.read { try await records.list(userID: userID, on: $0) }
        }
        func update(_ record: IntegrationRecord) async throws -> Bool {
            try await database.transaction { try await records.update(record, on: $0) }
        }
        func delete(id: Int64, userID: Int64) async throws -> Bool {
            try await database.transaction { try await records.delete(id: id, userID: userID, on: $0) }
        }
    }

    @Test(arguments: TestEngine.allCases)
    func scopedToTheirOwner(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let alice = try await TestFixtures.user("alice@example.test", in: database)
            let bob = try await TestFixtures.user("bob@example.test", in: database)
            let integrations = Reads(database: database)
            let created = try await TestFixtures.integration(Self.record(userID: alice.id), in: database)
            let id = created.id

            #expect(try await integrations.find(id: id, userID: alice.id) == created)
            #expect(try await integrations.find(id: id, userID: bob.id) == nil)
            #expect(try await integrations.list(userID: bob.id).isEmpty)
            #expect(try await integrations.list(userID: alice.id).map(\.id) == [id])

            var stolen = created
            stolen.userID = bob.id
            stolen.name = "mine now"
            #expect(try await integrations.update(stolen) == false)
            #expect(try await integrations.delete(id: id, userID: bob.id) == false)

            var renamed = created
            renamed.name = "Kaffeerösterei"
            renamed.autoSync = false
            #expect(try await integrations.update(renamed))
            #expect(try await integrations.find(id: id)?.name == "Kaffeerösterei")
            #expect(try await integrations.find(id: id)?.autoSync == false)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func cursorOnlyMovesForward(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let user = try await TestFixtures.user("c@example.test", in: database)
            let integrations = Reads(database: database)
            let id = try await TestFixtures.integration(Self.record(userID: user.id), in: database).id
            let now = Date(timeIntervalSince1970: 1_795_600_000)
            for seconds in [1_795_557_396.0, 1_795_500_000.0] {
                try await database.transaction { sql in
                    try await IntegrationRecords().advanceCursor(
                        integrationID: id, to: Date(timeIntervalSince1970: seconds), syncedAt: now, on: sql)
                }
            }
            #expect(try await integrations.find(id: id)?.ordersCursor == Date(timeIntervalSince1970: 1_795_557_396))
            #expect(try await integrations.find(id: id)?.lastSyncAt == now)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func deletingAnIntegrationRemovesItsOrders(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let user = try await TestFixtures.user("d@example.test", in: database)
            let integrations = Reads(database: database)
            let id = try await TestFixtures.integration(Self.record(userID: user.id), in: database).id
            let records = OrderRecords()
            _ = try await database.transaction { sql in
                try await records.insert([OrderRecordsTests.sampleOrder(integrationID: id, externalID: 5)], on: sql)
            }
            #expect(try await integrations.delete(id: id, userID: user.id))
            let remaining = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM order_lines").first(decodingColumn: "n", as: Int.self)
            }
            #expect(remaining == 0)
            #expect(try await integrations.find(id: id) == nil)
        }
    }
}
