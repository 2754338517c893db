import Foundation
import LogixCore
import LogixTestSupport
import Storage
import Testing

/// The orders list's search: a number exactly (with or without `#`), or part of an e-mail or name in any case.
@Suite struct OrderSearchTests {
    @Test(arguments: TestEngine.allCases)
    func findsByNumberEmailAndName(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let integrationID = try await OrderRecordsTests.integration(database)
            let people: [(String, String, String)] = [
                ("1042", "Ada Lovelace", "ada@example.test"), ("10420", "Grace Hopper", "grace@navy.example"),
                ("2001", "Zoë Müller", "zoe_m@example.test"), ("2002", "Alan Turing", "alan%t@example.test"),
            ]
            let orders = people.enumerated().map { index, person in
                var order = OrderRecordsTests.sampleOrder(integrationID: integrationID, externalID: Int64(index + 1))
                order.number = person.0
                order.customer = Customer(name: person.1, email: person.2, phone: "")
                return order
            }
            _ = try await database.transaction { try await OrderRecords().insert(orders, on: $0) }
            func numbers(_ search: String) async throws -> [String] {
                try await database.read { sql in
                    try await OrderRecords().list(
                        OrderFilter(integrationIDs: [integrationID], search: search), page: 1, perPage: 50, on: sql)
                }.orders.map(\.number).sorted()
            }
            #expect(try await numbers("1042") == ["1042"])
            #expect(try await numbers("#2001") == ["2001"])
            #expect(try await numbers("#1042") == ["1042"])
            #expect(try await numbers("NAVY") == ["10420"])
            #expect(try await numbers("lovelace") == ["1042"])
            #expect(try await numbers("example.test") == ["1042", "2001", "2002"])
            // Wildcards typed by a person are literal characters.
            #expect(try await numbers("%") == ["2002"])
            #expect(try await numbers("_m@") == ["2001"])
            #expect(try await numbers("nobody") == [])
            #expect(try await numbers("  ").count == 4)
            let total = try await database.read { sql in
                try await OrderRecords().list(
                    OrderFilter(integrationIDs: [integrationID], search: "example"), page: 1, perPage: 1, on: sql)
            }.total
            #expect(total == 4)
        }
    }
}
