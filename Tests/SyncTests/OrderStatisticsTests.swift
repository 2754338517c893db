import Foundation
import LogixCore
import LogixTestSupport
import Storage
import Sync
import Testing

/// The figures behind the console's charts, on both engines, against the injected clock's today.
@Suite struct OrderStatisticsTests {
    static let day: TimeInterval = 86_400

    /// A user with two stores, and another user with one.
    struct Fixture {
        var userID: Int64
        var first: Int64
        var second: Int64
        var strangersStore: Int64
    }

    static func fixture(_ database: LogixDatabase) async throws -> Fixture {
        let user = try await TestFixtures.user(in: database)
        let stranger = try await TestFixtures.user("stranger@example.test", in: database)
        return Fixture(
            userID: user.id, first: try await TestFixtures.integration(userID: user.id, in: database).id,
            second: try await TestFixtures.integration(userID: user.id, name: "Second", in: database).id,
            strangersStore: try await TestFixtures.integration(userID: stranger.id, in: database).id)
    }

    static func order(_ integrationID: Int64, _ externalID: Int64, placed: Date?, created: Date? = nil) -> Order {
        Order(
            integrationID: integrationID, externalID: externalID, number: "\(externalID)", status: .ready,
            storeStatus: "processing", currency: "EUR",
            lines: [OrderLine(externalLineID: 1, sku: "SKU-\(externalID)", name: "Thing", quantity: 1, unitPrice: 1)],
            storeModifiedAt: placed ?? created ?? Date(timeIntervalSince1970: 0),
            createdAt: created ?? placed ?? Date(timeIntervalSince1970: 0), updatedAt: placed ?? Date(),
            placedAt: placed)
    }

    @Test(arguments: TestEngine.allCases)
    func countsOrdersPerStoreAndDay(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let fixture = try await Self.fixture(database)
            let clock = TestClock()  // 2027-01-15 08:00 UTC
            let today = Date(
                timeIntervalSince1970: (clock.now().timeIntervalSince1970 / Self.day).rounded(.down) * Self.day)
            let orders = [
                Self.order(fixture.first, 1, placed: today.addingTimeInterval(60)),
                Self.order(fixture.first, 2, placed: today.addingTimeInterval(7 * 3_600)),
                Self.order(fixture.first, 3, placed: today.addingTimeInterval(-60)),
                Self.order(fixture.first, 4, placed: today.addingTimeInterval(-10 * Self.day)),
                // No placed date from the store: its created date stands in.
                Self.order(fixture.first, 5, placed: nil, created: today.addingTimeInterval(-2 * Self.day + 5)),
                Self.order(fixture.second, 6, placed: today.addingTimeInterval(-Self.day)),
                Self.order(fixture.strangersStore, 7, placed: today.addingTimeInterval(120)),
            ]
            _ = try await database.transaction { sql in
                for order in orders { _ = try await OrderRecords().insert([order], on: sql) }
            }
            let statistics = OrderStatistics(database: database, clock: clock)
            let counts = try await statistics.ordersPerDay(userID: fixture.userID, days: 7)
            #expect(
                counts == [
                    DailyOrderCount(
                        integrationID: fixture.first, day: today.addingTimeInterval(-2 * Self.day), count: 1),
                    DailyOrderCount(integrationID: fixture.first, day: today.addingTimeInterval(-Self.day), count: 1),
                    DailyOrderCount(integrationID: fixture.second, day: today.addingTimeInterval(-Self.day), count: 1),
                    DailyOrderCount(integrationID: fixture.first, day: today, count: 2),
                ])
            #expect(try await statistics.ordersPerDay(userID: fixture.userID, days: 1).map(\.count) == [2])
            clock.advance(by: Self.day)
            #expect(try await statistics.ordersPerDay(userID: fixture.userID, days: 1) == [])
            await #expect(throws: SyncError.self) { try await statistics.ordersPerDay(userID: fixture.userID, days: 0) }
        }
    }

    @Test(arguments: TestEngine.allCases)
    func measuresTheTimeFromOrderToFirstShipment(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let fixture = try await Self.fixture(database)
            let clock = TestClock()
            let statistics = OrderStatistics(database: database, clock: clock)
            let empty = try await statistics.timeToShipment(userID: fixture.userID, days: 7)
            #expect(empty.samples == 0 && empty.median == nil && empty.p90 == nil)
            #expect(empty.buckets.map(\.label) == ["<1h", "1–4h", "4–12h", "12–24h", "1–2d", "2–3d", ">3d"])
            #expect(empty.buckets.allSatisfy { $0.count == 0 })

            let placed = clock.now().addingTimeInterval(-5 * Self.day)
            // Seconds to the first parcel; order 2 sends a second parcel later, which does not count.
            let delays: [Int64: [TimeInterval]] = [
                1: [1_800], 2: [7_200, 180_000], 3: [18_000], 4: [72_000], 5: [108_000], 6: [180_000], 7: [360_000],
            ]
            try await database.transaction { sql in
                for (externalID, waits) in delays.sorted(by: { $0.key < $1.key }) {
                    let integrationID = externalID.isMultiple(of: 2) ? fixture.second : fixture.first
                    let order = try await OrderRecords().insert(
                        [Self.order(integrationID, externalID, placed: placed)], on: sql)[0]
                    for wait in waits {
                        _ = try await ShipmentRecords().insert(
                            Shipment(
                                carrier: "DHL", trackingNumber: "T\(externalID)", items: [],
                                shippedAt: placed.addingTimeInterval(wait)),
                            orderID: try #require(order.id), on: sql)
                    }
                }
                // Shipped long ago, and another user's: neither counts.
                let old = try await OrderRecords().insert(
                    [Self.order(fixture.first, 8, placed: placed.addingTimeInterval(-30 * Self.day))], on: sql)[0]
                _ = try await ShipmentRecords().insert(
                    Shipment(
                        carrier: "DHL", trackingNumber: "OLD", items: [],
                        shippedAt: placed.addingTimeInterval(-29 * Self.day)),
                    orderID: try #require(old.id), on: sql)
                let strangers = try await OrderRecords().insert(
                    [Self.order(fixture.strangersStore, 9, placed: placed)], on: sql)[0]
                _ = try await ShipmentRecords().insert(
                    Shipment(carrier: "DHL", trackingNumber: "X", items: [], shippedAt: placed.addingTimeInterval(60)),
                    orderID: try #require(strangers.id), on: sql)
            }
            let times = try await statistics.timeToShipment(userID: fixture.userID, days: 7)
            #expect(times.samples == 7)
            #expect(times.median == .seconds(72_000))
            #expect(times.p90 == .seconds(360_000))
            #expect(times.buckets.map(\.count) == [1, 1, 1, 1, 1, 1, 1])
            // A window of one day holds none of them (the last left 0.8 days ago, yesterday).
            #expect(try await statistics.timeToShipment(userID: fixture.userID, days: 1).samples == 0)
        }
    }
}
