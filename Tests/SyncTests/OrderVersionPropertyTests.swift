import Foundation
import LogixCore
import LogixTestSupport
import Storage
import Testing

@testable import Sync

/// ARCHITECTURE.md, "Idempotent import", as a property: whatever sequence of versions arrives — created, updated,
/// duplicated, stale, reordered, in batches of any size — Logix ends holding each order's newest version, with
/// tasks and stock that agree with it.
@Suite struct OrderVersionPropertyTests {
    static let cases: [(TestEngine, UInt64)] = TestEngine.allCases.flatMap { engine in
        [1, 2, 3, 4].map { (engine, UInt64($0)) }
    }

    @Test(arguments: cases)
    func anySequenceOfVersionsEndsAtTheNewest(engine: TestEngine, seed: UInt64) async throws {
        var random = SplitMix64(seed: seed)
        try await TestDatabases.with(engine) { database in
            let integrationID = try await makeIntegration(database)
            let histories = (1...15).map { id in Self.history(of: Int64(id), integrationID: integrationID, &random) }

            // Every version at least once, some twice or three times, all shuffled: duplicates, stale and
            // reordered deliveries in one.
            var deliveries: [Order] = histories.flatMap { $0 }
            for _ in 0..<(deliveries.count / 2) { deliveries.append(deliveries[random.next(below: deliveries.count)]) }
            deliveries.shuffle(using: &random)

            let applier = OrderApplier(database: database, integrationID: integrationID)
            var start = 0
            while start < deliveries.count {
                let size = 1 + random.next(below: 12)
                let batch = Array(deliveries[start..<min(start + size, deliveries.count)])
                start += size
                try await applier.apply(
                    batch.map { .success($0) }, at: Date(), readFromStore: random.next(below: 2) == 0)
            }

            let stored = try await database.read { sql in
                try await OrderRecords().list(
                    OrderFilter(integrationIDs: [integrationID]), page: 1, perPage: 1000, on: sql
                ).orders
            }
            #expect(stored.count == histories.count)
            let byID = Dictionary(uniqueKeysWithValues: stored.map { ($0.externalID, $0) })
            for history in histories {
                let newest = try #require(history.last)
                let mine = try #require(byID[newest.externalID])
                #expect(mine.hasSameStoreData(as: newest), "order \(newest.externalID), seed \(seed)")
                #expect(mine.status == newest.status, "order \(newest.externalID), seed \(seed)")
                #expect(mine.storeModifiedAt == newest.storeModifiedAt)
                #expect(mine.review == nil)
            }
            try await expectTasksAndStockMatch(database)
        }
    }

    /// Two to six versions of one order, one to three seconds apart, each changing its status (among the
    /// commercial statuses, all of which may follow each other), its address or its lines.
    static func history(of id: Int64, integrationID: Int64, _ random: inout SplitMix64) -> [Order] {
        let statuses: [(OrderStatus, String)] = [
            (.awaitingPayment, "pending"), (.onHold, "on-hold"), (.ready, "processing"), (.cancelled, "cancelled"),
        ]
        let skus = ["MUG", "TEE-S", "TEE-M", "CAP"]
        func line(_ lineID: Int64, _ random: inout SplitMix64) -> OrderLine {
            OrderLine(
                externalLineID: lineID, sku: skus[random.next(below: skus.count)], name: "Item \(lineID)",
                quantity: 1 + random.next(below: 4), unitPrice: Decimal(5 + random.next(below: 20)),
                externalProductID: 10 + Int64(random.next(below: 5)))
        }
        let first = statuses[random.next(below: statuses.count)]
        let created = Date(timeIntervalSince1970: 1_780_000_000 + TimeInterval(id * 1000))
        var order = Order(
            integrationID: integrationID, externalID: id, number: "\(id)", status: first.0, storeStatus: first.1,
            currency: "EUR", total: 10, shippingAddress: PostalAddress(city: "Utrecht", country: "NL"),
            lines: [line(id * 100, &random)], storeModifiedAt: created, createdAt: created, updatedAt: created)
        var versions = [order]
        for _ in 0..<(1 + random.next(below: 5)) {
            order.storeModifiedAt.addTimeInterval(TimeInterval(1 + random.next(below: 3)))
            switch random.next(below: 4) {
            case 0:
                let status = statuses[random.next(below: statuses.count)]
                (order.status, order.storeStatus) = status
            case 1:
                order.shippingAddress.city = ["Utrecht", "Gouda", "Delft", "Breda"][random.next(below: 4)]
            case 2:
                order.lines.append(line(id * 100 + Int64(order.lines.count), &random))
            default:
                order.lines[random.next(below: order.lines.count)].quantity = 1 + random.next(below: 5)
            }
            order.total += 1
            versions.append(order)
        }
        return versions
    }
}

/// A small seeded generator (SplitMix64), so a failing sequence can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
