import Foundation
import LogixTestSupport
import SQLKit
import Storage
import Testing

/// Claims take the most overdue job of any kind, through each due time's index; leased and manual-sync
/// integrations are passed over; `nextDue` is the earliest claimable due time.
@Suite struct ScheduleClaimTests {
    @Test(arguments: TestEngine.allCases)
    func claimsTheMostOverdueJobOfAnyKind(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let user = try await database.transaction {
                try await UserRecords().create(email: "ops@example.test", passwordHash: "x", at: now, on: $0)
            }
            var ids: [Int64] = []
            for (index, autoSync) in [true, true, true, true, false].enumerated() {
                let record = NewIntegration(
                    userID: user.id, platform: "woocommerce", storeURL: "https://shop\(index).example",
                    name: "Shop \(index)", autoSync: autoSync, createdAt: now)
                ids.append(try await database.transaction { try await IntegrationRecords().insert(record, on: $0).id })
            }
            let records = IntegrationScheduleRecords()
            // 0: sync due 10 s ago; 1: sync in the future but reconciliation due 100 s ago; 2: webhook check due
            // 50 s ago; 3: due longest of all, 500 s ago, but leased by another scheduler; 4: manual sync only.
            let schedules = [
                IntegrationSchedule(
                    integrationID: ids[0], nextSyncAt: now - 10, nextReconcileAt: now + 900),
                IntegrationSchedule(
                    integrationID: ids[1], nextSyncAt: now + 60, nextReconcileAt: now - 100),
                IntegrationSchedule(
                    integrationID: ids[2], nextSyncAt: now + 30, nextWebhookCheckAt: now - 50),
                IntegrationSchedule(integrationID: ids[3], nextSyncAt: now - 500),
                IntegrationSchedule(integrationID: ids[4], nextSyncAt: now - 1000),
            ]
            for schedule in schedules {
                try await database.transaction { try await records.initialize(schedule, on: $0) }
            }
            let other = try await database.transaction {
                try await records.claimNextDue(now: now, leaseUntil: now + 90, owner: "other", on: $0)
            }
            #expect(other?.integrationID == ids[3])

            #expect(try await database.read { try await records.nextDue(now: now, on: $0) } == now - 100)
            var order: [Int64] = []
            while let claimed = try await database.transaction({
                try await records.claimNextDue(now: now, leaseUntil: now + 90, owner: "me", on: $0)
            }) {
                order.append(claimed.integrationID)
            }
            #expect(order == [ids[1], ids[2], ids[0]])
            // All claimable ones are held now: nothing is due for another scheduler.
            #expect(try await database.read { try await records.nextDue(now: now, on: $0) } == nil)
        }
    }
}

extension Date {
    fileprivate static func - (date: Date, seconds: TimeInterval) -> Date { date.addingTimeInterval(-seconds) }
    fileprivate static func + (date: Date, seconds: TimeInterval) -> Date { date.addingTimeInterval(seconds) }
}
