import Foundation
import LogixCore
import LogixTestSupport
import SQLKit
import Storage
import Testing

/// Orders survive a round trip through both engines exactly: every field, every line, exact money.
@Suite struct OrderRecordsTests {
    static func integration(_ database: LogixDatabase) async throws -> Int64 {
        let user = try await database.transaction {
            try await UserRecords().create(
                email: "ops@example.test", passwordHash: "x", at: Date(timeIntervalSince1970: 1_795_000_000), on: $0)
        }
        let created = try await database.transaction {
            try await IntegrationRecords().insert(
                IntegrationRecordsTests.record(userID: user.id), on: $0)
        }
        return created.id
    }

    static func sampleOrder(integrationID: Int64, externalID: Int64, modified: TimeInterval = 1_795_557_396) -> Order {
        Order(
            integrationID: integrationID, externalID: externalID, number: "\(externalID)", status: .ready,
            storeStatus: "processing", currency: "EUR", total: Decimal(string: "167.20")!,
            subtotal: Decimal(string: "152.30")!, shippingTotal: Decimal(string: "19.90")!, taxTotal: 0,
            discountTotal: 0, feeTotal: Decimal(string: "-5.00")!, refundedTotal: Decimal(string: "0.3")!,
            customer: Customer(name: "Zoë Müller", email: "zoe@example.test", phone: "+49 30 1234"),
            billingAddress: PostalAddress(
                firstName: "Zoë", lastName: "Müller", company: "Acme & Sons", address1: "Straße 1", city: "Berlin",
                postcode: "10115", country: "DE", phone: "+49", email: "zoe@example.test"),
            shippingAddress: PostalAddress(
                firstName: "雷", lastName: "李", address1: "建国路88号", city: "北京市", country: "CN"),
            shippingMethod: "International",
            lines: [
                OrderLine(
                    externalLineID: 77, sku: "APP-TSHIRT-BLK-L", name: "Barista T-Shirt - Black, L", quantity: 2,
                    unitPrice: Decimal(string: "24.9")!, externalProductID: 90, externalVariationID: 93),
                OrderLine(
                    externalLineID: 78, sku: nil, name: "Deleted product", quantity: 1,
                    unitPrice: Decimal(string: "33.333333333333336")!, refundedQuantity: 1),
            ],
            customerNote: "Please ring twice.",
            review: nil,
            storeModifiedAt: Date(timeIntervalSince1970: modified),
            createdAt: Date(timeIntervalSince1970: 1_795_557_000),
            updatedAt: Date(timeIntervalSince1970: 1_795_557_500))
    }

    @Test(arguments: TestEngine.allCases)
    func roundTripIsExact(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let integrationID = try await Self.integration(database)
            let records = OrderRecords()
            let orders = (1...3).map { Self.sampleOrder(integrationID: integrationID, externalID: Int64(100 + $0)) }
            let stored = try await database.transaction { sql in try await records.insert(orders, on: sql) }
            #expect(stored.allSatisfy { $0.id != nil })
            let fetched = try await database.read { sql in
                try await records.fetch(integrationID: integrationID, externalIDs: [101, 102, 103, 999], on: sql)
            }
            #expect(fetched.count == 3)
            for order in stored {
                #expect(fetched[order.externalID] == order)
            }
        }
    }

    @Test(arguments: TestEngine.allCases)
    func updateReplacesFieldsAndLines(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let integrationID = try await Self.integration(database)
            let records = OrderRecords()
            var order = try await database.transaction { sql in
                try await records.insert([Self.sampleOrder(integrationID: integrationID, externalID: 7)], on: sql)[0]
            }
            order.lines.removeLast()
            order.lines[0].quantity = 5
            order.shippingAddress.city = "Shanghai"
            order.status = .picking
            order.review = ReviewFlag(
                reason: ReviewReason(rawValue: "store_edit_after_picking"),
                changes: [FieldChange(field: "shippingAddress.city", old: "北京市", new: "Shanghai")])
            let updated = order
            try await database.transaction { sql in _ = try await records.upsert([updated], on: sql) }
            let fetched = try await database.read { sql in try await records.fetch(id: updated.id!, on: sql) }
            #expect(fetched == updated)

            let flagged = try await database.read { sql in
                try await records.list(OrderFilter(flaggedForReview: true), page: 1, perPage: 10, on: sql)
            }
            #expect(flagged.total == 1)
            #expect(flagged.orders.first?.review?.changes.first?.new == "Shanghai")
            let picking = try await database.read { sql in
                try await records.list(
                    OrderFilter(integrationIDs: [integrationID], status: .ready), page: 1, perPage: 10, on: sql)
            }
            #expect(picking.total == 0)

            // An upsert that does not know the id still finds the order: same id, lines replaced, not doubled.
            var edit = updated
            edit.id = nil
            edit.lines[0].quantity = 9
            let again = edit
            let written = try await database.transaction { sql in try await records.upsert([again], on: sql) }
            #expect(written.first?.id == updated.id)
            let reread = try await database.read { sql in try await records.fetch(id: updated.id!, on: sql) }
            #expect(reread?.lines.map(\.quantity) == [9])
            #expect(try await database.read { try await records.count(integrationID: integrationID, on: $0) } == 1)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func duplicateExternalIDIsRefusedAndRolledBack(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let integrationID = try await Self.integration(database)
            let records = OrderRecords()
            _ = try await database.transaction { sql in
                try await records.insert([Self.sampleOrder(integrationID: integrationID, externalID: 1)], on: sql)
            }
            await #expect(throws: (any Error).self) {
                try await database.transaction { sql in
                    _ = try await records.insert(
                        [
                            Self.sampleOrder(integrationID: integrationID, externalID: 2),
                            Self.sampleOrder(integrationID: integrationID, externalID: 1),
                        ], on: sql)
                }
            }
            let count = try await database.read { sql in try await records.count(integrationID: integrationID, on: sql)
            }
            #expect(count == 1)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func listPagesNewestFirst(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let integrationID = try await Self.integration(database)
            let records = OrderRecords()
            let orders = (1...25).map {
                Self.sampleOrder(
                    integrationID: integrationID, externalID: Int64($0), modified: 1_795_000_000 + Double($0))
            }
            _ = try await database.transaction { sql in try await records.insert(orders, on: sql) }
            let page2 = try await database.read { sql in
                try await records.list(OrderFilter(integrationIDs: [integrationID]), page: 2, perPage: 10, on: sql)
            }
            #expect(page2.total == 25)
            #expect(page2.orders.map(\.externalID) == Array((6...15).reversed()))
            let other = try await database.read { sql in
                try await records.list(OrderFilter(integrationIDs: []), page: 1, perPage: 10, on: sql)
            }
            #expect(other.total == 0)
        }
    }
}
