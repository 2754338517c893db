import Foundation
import Logging
import LogixCore
import LogixTestSupport
import Pacing
import SQLKit
import Storage
import Testing
import WooCommerce
import WooSim

@testable import Sync

/// Leases held while work continues, and the store's circuit breaker on scheduled jobs (issue 11, gap 11).
@Suite struct LeaseAndBreakerTests {
    /// A sync that runs longer than its lease keeps it: another process cannot take the run over meanwhile.
    @Test(arguments: TestEngine.allCases)
    func aLongSyncKeepsItsLease(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 41, orders: 10)) { harness in
            let clock = TestClock()
            var logger = Logger(label: "logix.lease.tests")
            logger.logLevel = .critical
            let options = OrderImporter.Options(lease: .seconds(120))
            let importer = OrderImporter(
                client: harness.client, database: harness.database, integrationID: harness.integrationID,
                options: options, clock: clock, logger: logger)
            // The store holds the run's first page while the test moves the clock past the lease taken at the
            // run's start. (A slow store once stood in for this: a CI run took longer than its 10 s answer to make
            // the four moves below.)
            let prepared = try await importer.prepare(.full)
            harness.sim.holdRequests()
            try await withThrowingTaskGroup(of: Void.self) { group in
                defer { harness.sim.releaseHeldRequests() }
                group.addTask { _ = try await importer.run(prepared) }
                try await harness.sim.waitUntilHeld(1)
                for _ in 0..<4 {
                    // The renewer sleeps on the clock: wake it, then wait until it has moved the lease.
                    try await Self.waitFor("the renewer asleep on the clock") { clock.sleeperCount > 0 }
                    let before = try await Self.leaseUntil(harness, runID: prepared.runID)
                    clock.advance(by: 40)
                    try await Self.waitFor("the run's lease renewed") {
                        try await Self.leaseUntil(harness, runID: prepared.runID) != before
                    }
                }
                // 160 s after the run began, past its 120 s lease: still held.
                let other = OrderImporter(
                    client: harness.client, database: harness.database, integrationID: harness.integrationID,
                    options: options, clock: clock, logger: logger)
                await #expect(throws: SyncError.self) { _ = try await other.prepare(.incremental) }
                harness.sim.releaseHeldRequests()
                try await group.waitForAll()
            }
            let run = try await harness.run(id: prepared.runID)
            #expect(run.state == .succeeded)
        }
    }

    /// A claim sent for longer than its lease keeps the items not sent yet: another sender claims none of them.
    @Test(arguments: TestEngine.allCases)
    func aLongClaimKeepsItsItems(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 43, orders: 10)) { harness in
            _ = try await harness.importer().run(.full)
            let orders = try await harness.storedOrders().keys.sorted().prefix(3)
            let clock = TestClock()
            _ = try await harness.enqueue(
                try orders.map {
                    try .orderNote(
                        integrationID: harness.integrationID, OrderNotePayload(externalID: $0, note: "note \($0)"))
                }, at: clock.now())
            var options = OutboxSender.Options()
            options.lease = .seconds(60)
            options.storeConcurrency = 1
            let sender = harness.sender(clock: clock, options: options)
            // The store holds the first note (one at a time to this store) while the test moves the clock.
            harness.sim.holdRequests()
            try await withThrowingTaskGroup(of: Void.self) { group in
                defer { harness.sim.releaseHeldRequests() }
                group.addTask { _ = try await sender.sendDue() }
                try await harness.sim.waitUntilHeld(1)
                for _ in 0..<3 {
                    try await Self.waitFor("the renewer asleep on the clock") { clock.sleeperCount > 0 }
                    let before = try await Self.outboxLease(harness)
                    clock.advance(by: 30)
                    try await Self.waitFor("the claim's lease renewed") {
                        try await Self.outboxLease(harness) != before
                    }
                }
                // 90 s after the claim, past its 60 s lease: a second sender finds nothing to claim.
                let now = clock.now()
                let stolen = try await harness.database.transaction { sql in
                    try await OutboxRecords().claimDue(now: now, limit: 100, leaseSeconds: 60, on: sql)
                }
                #expect(stolen.isEmpty)
                harness.sim.releaseHeldRequests()
                try await group.waitForAll()
            }
            #expect(try await harness.outboxItems().allSatisfy { $0.state == .done })
        }
    }

    /// The latest lease of a pending outbox item, in database seconds.
    static func outboxLease(_ harness: ImportHarness) async throws -> Int64? {
        try await harness.database.read { sql in
            try await sql.raw("SELECT MAX(lease_until) AS l FROM outbox WHERE state = 'pending'")
                .first(decodingColumn: "l", as: Int64?.self) ?? nil
        }
    }

    struct NotObserved: Error, CustomStringConvertible {
        var description: String
    }

    /// Waits for `condition`, yielding, for at most a minute of real time: the renewal it waits for is a database
    /// write by another task, which has no signal of its own. Throws when it never came, so a missing renewal
    /// fails the test instead of hanging it. A minute, because the limit guards against a hang, not for speed:
    /// in a full test run on two cores, 10 s passed in CI before a scheduler got a thread to fall asleep on.
    static func waitFor(_ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw NotObserved(description: "never saw \(what)") }
            await Task.yield()
        }
    }

    static func leaseUntil(_ harness: ImportHarness, runID: Int64) async throws -> Date? {
        try await harness.run(id: runID).leaseUntil
    }

    /// Scheduled syncs go through the store's breaker: once it is open, the store is not called until a probe
    /// may go, and the job is due again then.
    @Test(arguments: TestEngine.allCases)
    func scheduledJobsRespectTheStoresBreaker(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 42, orders: 10)) { harness in
            let t0 = Date.wholeSecondNow
            let clock = TestClock(t0)
            var logger = Logger(label: "logix.breaker.tests")
            logger.logLevel = .critical
            let breakers = StoreCircuitBreakers(
                configuration: CircuitBreaker.Configuration(failureThreshold: 1, coolDown: .seconds(3_600)))
            let scheduler = SyncScheduler(
                database: harness.database, clients: SimStoreClients(sim: harness.sim, retryPolicy: .none),
                breakers: breakers, clock: clock, random: { 0.5 }, logger: logger)
            _ = try await scheduler.tick(now: t0)  // schedules the integration
            await harness.sim.setFaults(WooSimFaults(serverErrorRate: 1))

            clock.set(t0.addingTimeInterval(450))
            let failed = try await scheduler.tick(now: clock.now())
            #expect(failed.count == 1)
            if case .failed = failed.first?.result {} else { Issue.record("expected the sync to fail: \(failed)") }
            let state = await breakers.breaker(integrationID: harness.integrationID).state
            #expect(state == .open(until: t0.addingTimeInterval(450 + 3_600)))

            // An interval later the sync is due again, but the breaker is open: no request reaches the store.
            let requests = await harness.sim.requestCount
            clock.set(t0.addingTimeInterval(450 + 900))
            let deferred = try await scheduler.tick(now: clock.now())
            #expect(deferred.count == 1)
            guard case .breakerOpen(let until) = deferred.first?.result else {
                Issue.record("expected the job deferred by the breaker, got \(deferred)")
                return
            }
            #expect(await harness.sim.requestCount == requests)
            #expect(try await harness.schedule()?.nextSyncAt == until)
        }
    }
}
