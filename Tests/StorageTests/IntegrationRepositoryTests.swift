import Foundation
import LogixCore
import LogixTestSupport
import SQLKit
import Storage
import Testing

@Suite struct IntegrationRepositoryTests {
    static func record(userID: Int64, name: String = "Coffee Shop") -> IntegrationRecord {
        IntegrationRecord(
            userID: userID, storeURL: "https://shop.example", consumerKeySealed: "v1:k:AAAA",
            consumerKeyLast4: "cafe", consumerSecretSealed: "v1:k:BBBB", name: name,
            createdAt: Date(timeIntervalSince1970: 1_795_000_000))
    }

    @Test(arguments: TestEngine.allCases)
    func scopedToTheirOwner(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let users = SQLUserRepository(database: database)
            let alice = try await users.create(email: "alice@example.test", passwordHash: "x", at: Date())
            let bob = try await users.create(email: "bob@example.test", passwordHash: "x", at: Date())
            let integrations = SQLIntegrationRepository(database: database)
            let created = try await integrations.create(Self.record(userID: alice.id))
            let id = try #require(created.id)

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
            let user = try await SQLUserRepository(database: database).create(
                email: "c@example.test", passwordHash: "x", at: Date())
            let integrations = SQLIntegrationRepository(database: database)
            let id = try #require(try await integrations.create(Self.record(userID: user.id)).id)
            let now = Date(timeIntervalSince1970: 1_795_600_000)
            for seconds in [1_795_557_396.0, 1_795_500_000.0] {
                try await database.transaction { sql in
                    try await SQLIntegrationRepository.advanceCursor(
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
            let user = try await SQLUserRepository(database: database).create(
                email: "d@example.test", passwordHash: "x", at: Date())
            let integrations = SQLIntegrationRepository(database: database)
            let id = try #require(try await integrations.create(Self.record(userID: user.id)).id)
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
