import Foundation
import Logging
import LogixTestSupport
import SQLKit
import Storage
import Testing
import WooCommerce
import WooSim

@testable import Sync

/// The scheduler against a simulated store over HTTP, with a clock the test moves, on SQLite and PostgreSQL.
@Suite struct SyncSchedulerTests {
    static func scheduler(
        _ harness: ImportHarness, clients: (any SalesChannelProvider)? = nil, random: Double = 0.5,
        owner: String = UUID().uuidString, database: LogixDatabase? = nil, start: Date
    ) -> SyncScheduler {
        var logger = Logger(label: "logix.scheduler.tests")
        logger.logLevel = .error
        return SyncScheduler(
            database: database ?? harness.database, clients: clients ?? SimStoreClients(sim: harness.sim),
            clock: TestClock(start), random: { random }, owner: owner, logger: logger)
    }

    @Test(arguments: TestEngine.allCases)
    func runsIncrementalSyncsWhenDueAndNotBefore(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 21, orders: 40)) { harness in
            let t0 = Date.wholeSecondNow
            let scheduler = Self.scheduler(harness, start: t0)

            // First sight: scheduled at a random point of the 15-minute interval (0.5 → 7.5 min), nothing run.
            #expect(try await scheduler.tick(now: t0).isEmpty)
            let schedule = try #require(try await harness.schedule())
            #expect(schedule.nextSyncAt == t0.addingTimeInterval(450))
            #expect(schedule.nextReconcileAt == t0.addingTimeInterval(1800))
            #expect(schedule.nextWebhookCheckAt == nil)
            #expect(schedule.leaseUntil == nil)
            #expect(try await scheduler.tick(now: t0.addingTimeInterval(449)).isEmpty)
            #expect(try await harness.orderCount() == 0)

            let first = try await scheduler.tick(now: t0.addingTimeInterval(450))
            #expect(
                first == [ScheduledJobOutcome(integrationID: harness.integrationID, job: .sync, result: .succeeded)])
            let imported = try await harness.orderCount()
            #expect(imported > 30)

            // Orders placed now appear at the next due time (an interval later, ±10 %: exactly 900 s at 0.5).
            var placed: [Int64] = []
            for _ in 0..<3 { placed.append(Int64(try await harness.sim.placeOrder())) }
            #expect(try await harness.schedule()?.nextSyncAt == t0.addingTimeInterval(450 + 900))
            #expect(try await scheduler.tick(now: t0.addingTimeInterval(450 + 899)).isEmpty)
            #expect(try await harness.orderCount() == imported)
            let second = try await scheduler.tick(now: t0.addingTimeInterval(450 + 900))
            #expect(second.map(\.job) == [.sync])
            #expect(try await harness.orderCount() == imported + 3)
            let stored = try await harness.storedOrders()
            #expect(placed.allSatisfy { stored[$0] != nil })

            let runs = try await harness.runs()
            #expect(runs.map(\.mode) == ["incremental", "incremental"])
            #expect(runs.allSatisfy { $0.state == .succeeded })
            let health = try await harness.database.read {
                try await IntegrationHealthRecords().health(integrationID: harness.integrationID, on: $0)
            }
            #expect(health.lastSuccessAt != nil)
            #expect(health.lastError == nil)

            // Reconciliation comes due at its own time (4 intervals, first at half of them).
            let third = try await scheduler.tick(now: t0.addingTimeInterval(1800))
            #expect(third.map(\.job) == [.reconcile])
            #expect(try await harness.runs().last?.mode == OrderReconciler.mode)
        }
    }

    /// Two schedulers — two `logix serve` processes — on one database, ticking at once: every integration's
    /// jobs run exactly once and every order is imported exactly once.
    @Test(arguments: TestEngine.allCases)
    func twoSchedulersNeverRunOneIntegrationTwice(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 22, orders: 60)) { harness in
            var integrations = [harness.integrationID]
            for index in 1...3 { integrations.append(try await harness.addIntegration(name: "Store \(index)")) }
            try await LogixDatabase.withOpen(harness.database.location, logger: TestDatabases.logger) { other in
                let t0 = Date.wholeSecondNow
                // random 0: everything is due at once, the worst case for a race.
                let a = Self.scheduler(harness, random: 0, owner: "a", start: t0)
                let b = Self.scheduler(harness, random: 0, owner: "b", database: other, start: t0)
                async let fromA = a.tick(now: t0)
                async let fromB = b.tick(now: t0)
                let outcomes = try await fromA + fromB

                for id in integrations {
                    let jobs = outcomes.filter { $0.integrationID == id }
                    #expect(
                        jobs.map(\.job).sorted { $0.rawValue < $1.rawValue } == [.reconcile, .sync], "integration \(id)"
                    )
                    #expect(jobs.allSatisfy { $0.result == .succeeded })
                    let runs = try await harness.runs(id)
                    #expect(runs.map(\.mode) == ["incremental", "reconcile"], "integration \(id)")
                }
                let counts = try await integrations.asyncMap { try await harness.orderCount($0) }
                #expect(Set(counts).count == 1)
                #expect(counts[0] > 50)
                let rows = try await harness.count("orders")
                #expect(rows == counts.reduce(0, +))
                // Both released everything and nothing is due again now.
                for id in integrations {
                    let schedule = try #require(try await harness.schedule(id))
                    #expect(schedule.leaseUntil == nil)
                    #expect(!schedule.isDue(at: t0))
                }
                #expect(try await a.tick(now: t0).isEmpty)
            }
        }
    }

    /// A sync started through the API holds the integration: the scheduled sync is deferred, not run beside
    /// it, and runs at a later pass.
    @Test(arguments: TestEngine.allCases)
    func anImportInProgressDefersTheScheduledSync(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 23, orders: 10)) { harness in
            let t0 = Date.wholeSecondNow
            let scheduler = Self.scheduler(harness, random: 0, start: t0)
            let importer = harness.importer()
            let running = try await importer.prepare(.full)

            let outcomes = try await scheduler.tick(now: t0)
            #expect(
                outcomes.contains(
                    ScheduledJobOutcome(integrationID: harness.integrationID, job: .sync, result: .busy)))
            #expect(try await harness.schedule()?.nextSyncAt == t0.addingTimeInterval(30))
            #expect(try await harness.orderCount() == 0)

            _ = try await importer.run(running)
            let later = try await scheduler.tick(now: t0.addingTimeInterval(30))
            #expect(later.map(\.job) == [.reconcile, .sync])
            #expect(later.allSatisfy { $0.result == .succeeded })
            #expect(try await harness.runs().map(\.mode).filter { $0 == "incremental" }.count == 1)
        }
    }

    /// A failing store is recorded in the integration's health with WooCommerce's own code, and a later
    /// success is recorded after it.
    @Test(arguments: TestEngine.allCases)
    func recordsHealthWithTheStoresErrorCode(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 24, orders: 5)) { harness in
            let t0 = Date.wholeSecondNow
            let refused = Self.scheduler(
                harness, clients: SimStoreClients(sim: harness.sim, consumerSecret: "cs_not_the_secret"), start: t0)
            #expect(try await refused.tick(now: t0).isEmpty)
            let outcomes = try await refused.tick(now: t0.addingTimeInterval(450))
            #expect(outcomes.map(\.job) == [.sync])
            let failure = try #require(outcomes.first { $0.job == .sync })
            guard case .failed(let code) = failure.result else {
                Issue.record("expected a failure, got \(failure.result)")
                return
            }
            #expect(code.hasPrefix("woocommerce_rest"))
            var health = try await harness.database.read {
                try await IntegrationHealthRecords().health(integrationID: harness.integrationID, on: $0)
            }
            #expect(health.lastError?.code == code)
            #expect(health.lastError?.at == t0)
            #expect(health.isFailing)
            #expect(health.lastError?.message.contains("cs_not_the_secret") == false)

            let later = t0.addingTimeInterval(3600 * 2)
            let healthy = Self.scheduler(harness, random: 0, start: later)
            #expect(try await healthy.tick(now: later).allSatisfy { $0.result == .succeeded })
            health = try await harness.database.read {
                try await IntegrationHealthRecords().health(integrationID: harness.integrationID, on: $0)
            }
            #expect(health.lastSuccessAt != nil)
            #expect(!health.isFailing)
        }
    }

    @Test func laterRunsStayWithinTheJitter() {
        let timing = ScheduleTiming(jitter: 0.1)
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(timing.next(after: now, interval: 900, random: 0) == now.addingTimeInterval(810))
        #expect(timing.next(after: now, interval: 900, random: 1) == now.addingTimeInterval(990))
        #expect(timing.first(after: now, interval: 900, random: 0.25) == now.addingTimeInterval(225))
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
