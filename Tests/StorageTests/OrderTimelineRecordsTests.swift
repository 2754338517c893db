import Foundation
import LogixCore
import LogixTestSupport
import SQLKit
import Storage
import Testing

/// Storage writes an order's timeline itself, in the transaction of the change: an event per real change, none for
/// a write that changes nothing the timeline shows.
@Suite struct OrderTimelineRecordsTests {
    @Test(arguments: TestEngine.allCases)
    func everyWriteAddsTheEventsOfItsRealChangesOnly(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let integrationID = try await OrderRecordsTests.integration(database)
            let records = OrderRecords()
            func write(_ order: Order, keepingLines: Bool = false, origin: String) async throws -> Order {
                try await database.transaction { sql in
                    try await records.upsert(
                        [order], keepingLinesOf: keepingLines ? [order.externalID] : [], origin: origin, on: sql)[0]
                }
            }
            var order = OrderRecordsTests.sampleOrder(integrationID: integrationID, externalID: 7)
            order.placedAt = Date(timeIntervalSince1970: 1_795_556_000)
            order = try await write(order, origin: OrderEvent.Origin.storeImport)
            let orderID = try #require(order.id)
            #expect(
                try await database.read { try await records.fetch(id: orderID, on: $0) }?.placedAt == order.placedAt)

            // The same order again (a re-import): nothing happened to it.
            order.updatedAt = order.updatedAt.addingTimeInterval(60)
            order = try await write(order, keepingLines: true, origin: OrderEvent.Origin.storeImport)
            order.status = .picking
            order.updatedAt = order.updatedAt.addingTimeInterval(60)
            order = try await write(order, origin: OrderEvent.Origin.warehouse)
            order.review = ReviewFlag(
                reason: .storeEditAfterFulfillmentStarted,
                changes: [FieldChange(field: "shipping_address.city", old: "Berlin", new: "Hamburg")])
            order.updatedAt = order.updatedAt.addingTimeInterval(60)
            order = try await write(order, origin: OrderEvent.Origin.storeWebhook)
            // The same flag again is not a new one.
            order.storeModifiedAt = order.storeModifiedAt.addingTimeInterval(5)
            order = try await write(order, origin: OrderEvent.Origin.storeWebhook)
            let shippedAt = order.updatedAt.addingTimeInterval(3_600)
            _ = try await database.transaction { sql in
                try await ShipmentRecords().insert(
                    Shipment(
                        carrier: "DHL", trackingNumber: "JD0001",
                        items: [Shipment.Item(sku: "APP-TSHIRT-BLK-L", quantity: 2)],
                        shippedAt: shippedAt), orderID: orderID, on: sql)
            }

            let events = try await database.read { try await OrderEventRecords().events(orderID: orderID, on: $0) }
            #expect(events.map(\.kind) == [.received, .statusChanged, .flagged, .shipped])
            #expect(events[0].toStatus == .ready && events[0].origin == "import")
            #expect(events[1].fromStatus == .ready && events[1].toStatus == .picking && events[1].origin == "warehouse")
            #expect(events[2].origin == "webhook")
            #expect(events[2].detail.contains("store_edit_after_fulfillment_started"))
            #expect(events[2].detail.contains("Hamburg"))
            #expect(events[3].detail == "DHL JD0001" && events[3].at == shippedAt && events[3].origin == "warehouse")
            #expect(events.map(\.at) == events.map(\.at).sorted())
        }
    }

    /// A write that rolls back leaves no event behind: the events share the change's transaction.
    @Test(arguments: TestEngine.allCases)
    func aRolledBackWriteLeavesNoEvent(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let integrationID = try await OrderRecordsTests.integration(database)
            let order = OrderRecordsTests.sampleOrder(integrationID: integrationID, externalID: 8)
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await database.transaction { sql in
                    _ = try await OrderRecords().insert([order], on: sql)
                    throw Abort()
                }
            }
            let count = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM order_events").first(decodingColumn: "n", as: Int.self)
            }
            #expect(count == 0)
        }
    }

    /// Orders stored before the timeline existed get their placed date and a `received` event (and a `shipped` one
    /// per shipment), so no timeline is empty after the upgrade.
    @Test(arguments: TestEngine.allCases)
    func theMigrationBackfillsPlacedDatesAndEvents(engine: TestEngine) async throws {
        try await TestDatabases.with(engine, migrate: false) { database in
            let before = Migrator.all.filter { $0.version < 10 }
            try await Migrator(database: database, migrations: before).migrate()
            let user = try await TestFixtures.user(in: database)
            let integrationID = try await TestFixtures.integrationAtFirstSchema(userID: user.id, in: database)
            let address = String(decoding: try JSONEncoder().encode(PostalAddress()), as: UTF8.self)
            let orderID = try await database.read { sql in
                try await sql.raw(
                    """
                    INSERT INTO orders (integration_id, external_id, number, status, store_status, currency, total, \
                    subtotal, shipping_total, tax_total, discount_total, fee_total, refunded_total, customer_name, \
                    customer_email, customer_phone, billing_address, shipping_address, customer_note, \
                    store_modified_at, created_at, updated_at) VALUES (\(bind: integrationID), 5, '5', 'shipped', \
                    'completed', 'EUR', '1', '1', '0', '0', '0', '0', '0', 'A', 'a@example.test', '', \(bind: address), \(bind: address), '', \
                    1700000100, 1700000000, 1700000200) RETURNING id
                    """
                ).first(decodingColumn: "id", as: Int64.self)
            }
            let id = try #require(orderID)
            try await database.read { sql in
                try await sql.raw(
                    """
                    INSERT INTO shipments (order_id, carrier, tracking_number, items, shipped_at) \
                    VALUES (\(bind: id), 'UPS', '1Z9', '[]', 1700003600)
                    """
                ).run()
            }
            try await Migrator(database: database).migrate()
            let order = try await database.read { try await OrderRecords().fetch(id: id, on: $0) }
            #expect(order?.placedAt == Date(timeIntervalSince1970: 1_700_000_000))
            let events = try await database.read { try await OrderEventRecords().events(orderID: id, on: $0) }
            #expect(events.map(\.kind) == [.received, .shipped])
            #expect(events.last?.detail == "UPS 1Z9")
        }
    }
}
