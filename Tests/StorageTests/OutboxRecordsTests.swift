import Foundation
import LogixTestSupport
import SQLKit
import Storage
import Testing

/// The outbox table's rules on both engines: coalescing, revisions, per-order ordering, leases, retry.
@Suite struct OutboxRecordsTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func stock(_ integrationID: Int64, _ sku: String) -> NewOutboxItem {
        NewOutboxItem(
            integrationID: integrationID, kind: .stock, payload: "{\"sku\":\"\(sku)\"}", dedupeKey: "stock:" + sku)
    }

    static func note(_ integrationID: Int64, order: Int64, _ text: String) -> NewOutboxItem {
        NewOutboxItem(integrationID: integrationID, kind: .orderNote, payload: text, externalOrderID: order)
    }

    /// A claim whose lease ran out unsettled belonged to a sender that died while sending: the store may have
    /// the update, so the next claim counts it as an attempt (and the sender looks before re-sending a note).
    @Test(arguments: TestEngine.allCases)
    func aLeaseThatRanOutUnsettledCountsAsAnAttempt(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let integrationID = try await OrderRecordsTests.integration(database)
            let records = OutboxRecords()
            let now = self.now
            _ = try await database.transaction { sql in
                try await records.enqueue([Self.note(integrationID, order: 7, "Shipped with DHL")], at: now, on: sql)
            }
            let first = try await database.transaction { sql in
                try await records.claimDue(now: now, limit: 10, leaseSeconds: 60, on: sql)
            }
            #expect(first.map(\.attempts) == [0])
            // The sender holding it is killed: nothing settles it, its lease runs out, another sender claims it.
            let taken = try await database.transaction { sql in
                try await records.claimDue(now: now.addingTimeInterval(61), limit: 10, leaseSeconds: 60, on: sql)
            }
            #expect(taken.map(\.id) == first.map(\.id))
            #expect(taken.map(\.attempts) == [1])
        }
    }

    @Test(arguments: TestEngine.allCases)
    func pendingStockItemsCoalesceAndANewerRevisionIsNotMarkedDone(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let integrationID = try await OrderRecordsTests.integration(database)
            let records = OutboxRecords()
            let now = self.now
            let first = try await database.transaction { sql in
                try await records.enqueue(
                    [Self.stock(integrationID, "A"), Self.stock(integrationID, "B"), Self.stock(integrationID, "A")],
                    at: now, on: sql)
            }
            #expect(first.count == 3)
            #expect(first[0] == first[2])
            let claimed = try await database.transaction { sql in
                try await records.claimDue(now: now, limit: 10, leaseSeconds: 60, on: sql)
            }
            #expect(claimed.count == 2)
            // A change arrives while the claimed items are being sent.
            let again = try await database.transaction { sql in
                try await records.enqueue([Self.stock(integrationID, "A")], at: now.addingTimeInterval(5), on: sql)
            }
            #expect(again == [first[0]])
            let done = try await database.transaction { sql in
                try await records.markDone(claimed.map { ($0.id, $0.revision) }, at: now, on: sql)
            }
            #expect(done == [first[1]])
            let items = try await database.read { sql in try await records.fetch(ids: [first[0]], on: sql) }
            #expect(items.first?.state == .pending)
            #expect(items.first?.revision == claimed.first { $0.id == first[0] }!.revision + 1)
            // Released and due again at once, for the newer value.
            let reclaimed = try await database.transaction { sql in
                try await records.claimDue(now: now.addingTimeInterval(5), limit: 10, leaseSeconds: 60, on: sql)
            }
            #expect(reclaimed.map(\.id) == [first[0]])
            // Once done, a new change makes a new row.
            try await database.transaction { sql in
                _ = try await records.markDone(reclaimed.map { ($0.id, $0.revision) }, at: now, on: sql)
            }
            let third = try await database.transaction { sql in
                try await records.enqueue([Self.stock(integrationID, "A")], at: now, on: sql)
            }
            #expect(third != [first[0]])
        }
    }

    @Test(arguments: TestEngine.allCases)
    func anOrdersLaterItemWaitsForItsEarlierOne(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let integrationID = try await OrderRecordsTests.integration(database)
            let records = OutboxRecords()
            let now = self.now
            let ids = try await database.transaction { sql in
                try await records.enqueue(
                    [
                        Self.note(integrationID, order: 1, "first"), Self.note(integrationID, order: 1, "second"),
                        Self.note(integrationID, order: 2, "other"),
                    ], at: now, on: sql)
            }
            func claim(at date: Date) async throws -> [Int64] {
                try await database.transaction { sql in
                    try await records.claimDue(now: date, limit: 10, leaseSeconds: 60, on: sql)
                }.map(\.id)
            }
            #expect(try await claim(at: now) == [ids[0], ids[2]])
            // The other order's item is sent; the first fails and backs off: the second still waits, even once
            // the lease is over.
            try await database.transaction { sql in
                _ = try await records.markDone(id: ids[2], revision: 0, at: now, on: sql)
                try await records.reschedule(
                    id: ids[0], attempts: 1, notBefore: now.addingTimeInterval(100), lastError: "HTTP 503", at: now,
                    on: sql)
            }
            #expect(try await claim(at: now.addingTimeInterval(61)) == [])
            #expect(try await claim(at: now.addingTimeInterval(100)) == [ids[0]])
            // Dead, the earlier item no longer holds the order back.
            try await database.transaction { sql in
                try await records.markDead(id: ids[0], lastError: "HTTP 404", at: now, on: sql)
            }
            #expect(try await claim(at: now.addingTimeInterval(100)) == [ids[1]])
            let counts = try await database.read { sql in
                try await records.counts(integrationID: integrationID, on: sql)
            }
            #expect(counts == OutboxCounts(pending: 1, dead: 1))
            let page = try await database.read { sql in
                try await records.list(integrationIDs: [integrationID], state: .dead, page: 1, perPage: 10, on: sql)
            }
            #expect(page.total == 1)
            #expect(page.items.map(\.lastError) == ["HTTP 404"])
        }
    }

    @Test(arguments: TestEngine.allCases)
    func retryingADeadStockItemDefersToAPendingOne(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let integrationID = try await OrderRecordsTests.integration(database)
            let records = OutboxRecords()
            let now = self.now
            let dead = try await database.transaction { sql in
                let id = try await records.enqueue([Self.stock(integrationID, "A")], at: now, on: sql)[0]
                try await records.markDead(id: id, lastError: "HTTP 400", at: now, on: sql)
                return id
            }
            let pending = try await database.transaction { sql in
                try await records.enqueue([Self.stock(integrationID, "A")], at: now, on: sql)[0]
            }
            #expect(pending != dead)
            let retried = try await database.transaction { sql in try await records.retry(id: dead, at: now, on: sql) }
            #expect(retried?.id == pending)
            let old = try await database.read { sql in try await records.fetch(ids: [dead], on: sql) }
            #expect(old.first?.state == .done)
        }
    }

    /// Several senders claiming at once (PostgreSQL: SKIP LOCKED; SQLite: one writer) never share an item.
    @Test(arguments: TestEngine.allCases)
    func concurrentClaimsNeverReturnTheSameItem(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let integrationID = try await OrderRecordsTests.integration(database)
            let records = OutboxRecords()
            let now = self.now
            let ids = try await database.transaction { sql in
                try await records.enqueue(
                    (0..<300).map { Self.note(integrationID, order: Int64($0), "n\($0)") }, at: now, on: sql)
            }
            let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var mine: [Int64] = []
                        while true {
                            let batch = try await database.transaction { sql in
                                try await records.claimDue(now: now, limit: 7, leaseSeconds: 60, on: sql)
                            }
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.id)
                        }
                    }
                }
                var all: [[Int64]] = []
                for try await claim in group { all.append(claim) }
                return all
            }
            let flat = claims.flatMap { $0 }
            #expect(flat.count == 300)
            #expect(Set(flat) == Set(ids))
        }
    }
}
