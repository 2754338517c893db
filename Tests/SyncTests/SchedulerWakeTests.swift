import Foundation
import Logging
import LogixTestSupport
import Synchronization
import Testing
import WooSim

@testable import Sync

/// The scheduler's loop wakes when a job falls due, not at the next poll: with a 30 s poll and one-minute
/// intervals, sleeping whole polls made 1,000 integrations' syncs start a median 40 s late.
@Suite struct SchedulerWakeTests {
    @Test func sleepsUntilTheEarliestDueTimeWithinAPoll() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(SyncScheduler.wait(until: now.addingTimeInterval(9), now: now, poll: 30) == 9)
        #expect(SyncScheduler.wait(until: now.addingTimeInterval(300), now: now, poll: 30) == 30)
        // Due already (held by another scheduler, say): a short pause, not a tight loop.
        #expect(SyncScheduler.wait(until: now.addingTimeInterval(-5), now: now, poll: 30) == 0.25)
    }

    /// The first sync falls due 279 s after start (0.31 of a 15-minute interval): it starts then, not at the
    /// 300 s poll. The clock moves a second at a time, each time once the loop sleeps again.
    @Test(arguments: TestEngine.allCases)
    func aSyncStartsWhenDue(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 24, orders: 5)) { harness in
            let t0 = Date.wholeSecondNow
            let clock = TestClock(t0)
            let runs = Mutex<[ScheduledJobRun]>([])
            var logger = Logger(label: "logix.scheduler.tests")
            logger.logLevel = .error
            let scheduler = SyncScheduler(
                database: harness.database, clients: SimStoreClients(sim: harness.sim), clock: clock,
                random: { 0.31 }, logger: logger, observer: { run in runs.withLock { $0.append(run) } })
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await scheduler.run() }
                var elapsed = 0
                while runs.withLock({ $0.isEmpty }), elapsed < 400 {
                    try await LeaseAndBreakerTests.waitFor("the scheduler asleep") { clock.sleeperCount > 0 }
                    clock.advance(by: 1)
                    elapsed += 1
                }
                try await LeaseAndBreakerTests.waitFor("the first sync run") { runs.withLock { !$0.isEmpty } }
                group.cancelAll()
            }
            let first = try #require(runs.withLock { $0.first })
            #expect(first.job == .sync)
            #expect(first.dueAt == t0.addingTimeInterval(279))
            #expect(first.startedAt == t0.addingTimeInterval(279))
            #expect(first.result == .succeeded)
            #expect(try await harness.orderCount() > 0)
        }
    }

    @Test func statisticsOfSpreadLatenessAndStarvation() {
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        let interval: TimeInterval = 60
        var runs: [ScheduledJobRun] = []
        // Integrations 1…10, due every 6 s through the interval, twice; integration k starts k/10 s late.
        for round in 0..<2 {
            for k in 1...10 {
                let due = t0.addingTimeInterval(Double(round) * interval + Double(k - 1) * 6 + 1)
                runs.append(
                    ScheduledJobRun(
                        integrationID: Int64(k), job: .sync, dueAt: due,
                        startedAt: due.addingTimeInterval(Double(k) / 10),
                        finishedAt: due.addingTimeInterval(2), result: .succeeded))
            }
        }
        // Integration 11 starts 61 s late; 12 never runs; 13 runs but is left overdue at the end; a
        // reconciliation and a sync outside the window do not count.
        runs.append(
            ScheduledJobRun(
                integrationID: 11, job: .sync, dueAt: t0.addingTimeInterval(-60), startedAt: t0.addingTimeInterval(1.5),
                finishedAt: t0.addingTimeInterval(2), result: .succeeded))
        runs.append(
            ScheduledJobRun(
                integrationID: 13, job: .sync, dueAt: t0.addingTimeInterval(1), startedAt: t0.addingTimeInterval(1.5),
                finishedAt: t0.addingTimeInterval(2), result: .succeeded))
        runs.append(
            ScheduledJobRun(
                integrationID: 1, job: .reconcile, dueAt: t0, startedAt: t0.addingTimeInterval(59),
                finishedAt: t0.addingTimeInterval(60), result: .succeeded))
        runs.append(
            ScheduledJobRun(
                integrationID: 1, job: .sync, dueAt: t0, startedAt: t0.addingTimeInterval(130),
                finishedAt: t0.addingTimeInterval(131), result: .succeeded))
        let statistics = ScheduleStatistics(
            runs: runs, integrations: Set(1...13), window: t0..<t0.addingTimeInterval(120), interval: interval,
            origin: t0, pending: [13: t0.addingTimeInterval(50), 2: t0.addingTimeInterval(125)])
        #expect(statistics.syncs == 22)
        #expect(statistics.sliceCounts == [4, 2, 2, 2, 2, 2, 2, 2, 2, 2])
        #expect(statistics.sliceMaxOverMin == 2)
        #expect(abs(statistics.sliceCoefficientOfVariation - 0.6 / 2.2) < 1e-9)
        #expect(statistics.latenessP50 == 0.5)
        #expect(statistics.latenessP99 == 61.5)
        #expect(statistics.latenessMax == 61.5)
        #expect(statistics.starved == [11, 12, 13])

        let even = ScheduleStatistics(
            runs: Array(runs.prefix(20)), integrations: Set(1...10), window: t0..<t0.addingTimeInterval(120),
            interval: interval, origin: t0)
        #expect(even.sliceCounts == Array(repeating: 2, count: 10))
        #expect(even.sliceCoefficientOfVariation == 0)
        #expect(even.sliceMaxOverMin == 1)
        #expect(even.starved.isEmpty)
        #expect(abs(even.latenessP99 - 1.0) < 1e-9)
    }
}
