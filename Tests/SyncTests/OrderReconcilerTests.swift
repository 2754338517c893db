import Foundation
import Logging
import LogixCore
import LogixTestSupport
import SQLKit
import Storage
import Testing
import WooCommerce
import WooSim

@testable import Sync

/// Reconciliation of open orders against a simulated store over HTTP, on SQLite and PostgreSQL.
@Suite struct OrderReconcilerTests {
    static func reconciler(_ harness: ImportHarness) -> OrderReconciler {
        var logger = Logger(label: "logix.reconcile.tests")
        logger.logLevel = .error
        return OrderReconciler(
            client: harness.client, database: harness.database, integrationID: harness.integrationID, logger: logger)
    }

    /// Changes webhooks and the cursor missed are found with one cheap listing per 100 open orders and one
    /// full fetch of only the changed ones; an order trashed at the store is read again and cancelled.
    @Test(arguments: TestEngine.allCases)
    func fetchesInFullOnlyTheChangedOpenOrders(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 31, orders: 400)) { harness in
            _ = try await harness.importer().run(.full)
            let stored = try await harness.storedOrders()
            let open = stored.values.filter { !OrderReconciler.finalStatuses.contains($0.status) }
                .sorted { $0.externalID < $1.externalID }
            #expect(open.count > 100, "the test wants more than one listing chunk")

            // Three open orders without refunds change at the store, one is trashed; none of it is synced.
            let candidates = open.filter { $0.refundedTotal == 0 && $0.status == .ready }
            let edited = Array(candidates.prefix(3)).map(\.externalID)
            let trashed = try #require(candidates.dropFirst(3).first?.externalID)
            #expect(edited.count == 3)
            for id in edited { try await harness.sim.editOrder(Int(id), status: "on-hold") }
            try await harness.sim.editOrder(Int(trashed), status: "trash")

            let before = await harness.sim.requestLog.count
            let report = try await Self.reconciler(harness).run()
            let requests = Array(await harness.sim.requestLog.dropFirst(before))

            let listings = requests.filter { $0.contains("_fields=") }
            let fetches = requests.filter { !$0.contains("_fields=") }
            #expect(listings.count == (open.count + 99) / 100)
            #expect(listings.allSatisfy { $0.hasPrefix("GET /wp-json/wc/v3/orders?") && $0.contains("include=") })
            #expect(fetches.count == 2, "\(fetches)")
            let fetched = try #require(fetches.first)
            #expect(fetches.last?.hasPrefix("GET /wp-json/wc/v3/orders/\(trashed)?") == true)
            #expect(fetched.hasPrefix("GET /wp-json/wc/v3/orders?"))
            #expect(Self.includeIDs(fetched) == edited)

            #expect(report.open == open.count)
            #expect(report.changed == edited)
            #expect(report.gone == [trashed])
            #expect(report.counts.updated == 4)
            #expect(report.counts.skipped == 0)

            let after = try await harness.storedOrders()
            for id in edited {
                #expect(after[id]?.storeStatus == "on-hold")
                #expect(after[id]?.status == .onHold)
            }
            #expect(after[trashed]?.status == .cancelled, "Logix keeps an order the store trashed, cancelled")
            #expect(after[trashed]?.storeStatus == "trash")
            let run = try await harness.run(id: report.runID)
            #expect(run.mode == "reconcile")
            #expect(run.state == .succeeded)
            #expect(run.counts.updated == 4)
            #expect(try await harness.entries(runID: report.runID).isEmpty)
            try await expectTasksAndStockMatch(harness)

            // Nothing changed since: only the cheap listings, no full fetch.
            let again = await harness.sim.requestLog.count
            let second = try await Self.reconciler(harness).run()
            let secondRequests = Array(await harness.sim.requestLog.dropFirst(again))
            #expect(second.changed.isEmpty)
            #expect(secondRequests.allSatisfy { $0.contains("_fields=") })
            #expect(secondRequests.count == (second.open + 99) / 100)
        }
    }

    /// Orders deleted for good at the store (no webhook; the listing omits them, `GET` answers 404) leave
    /// Logix's picking queue: cancelled with their stock released before picking, flagged for a person after
    /// (issue 11, defects B and 8). A second pass changes nothing.
    @Test(arguments: TestEngine.allCases)
    func ordersDeletedForGoodAreCancelledOrFlagged(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 33, orders: 60)) { harness in
            _ = try await harness.importer().run(.full)
            let ready = try await harness.storedOrders().values.filter { $0.status == .ready }
                .sorted { $0.externalID < $1.externalID }
            let notPicked = try #require(ready.first)
            var picking = try #require(ready.dropFirst().first)
            _ = try picking.transition(to: .picking)
            let started = picking
            try await harness.database.transaction { sql in _ = try await OrderRecords().upsert([started], on: sql) }

            try await harness.sim.deleteOrder(Int(notPicked.externalID), force: true)
            try await harness.sim.deleteOrder(Int(picking.externalID), force: true)
            let report = try await Self.reconciler(harness).run()
            #expect(Set(report.gone) == [notPicked.externalID, picking.externalID])
            #expect(report.counts.updated == 1)
            #expect(report.counts.flagged == 1)

            let after = try await harness.storedOrders()
            #expect(after[notPicked.externalID]?.status == .cancelled)
            #expect(after[notPicked.externalID]?.storeStatus == "deleted")
            let flagged = try #require(after[picking.externalID])
            #expect(flagged.status == .picking)
            #expect(flagged.review != nil)
            try await expectTasksAndStockMatch(harness)
            let entries = try await harness.entries(runID: report.runID)
            #expect(entries.map(\.externalID) == [picking.externalID])
            #expect(entries.first?.disposition == .flagged)

            let second = try await Self.reconciler(harness).run()
            #expect(second.counts.synced == 0)
            #expect(try await harness.storedOrders() == after)
        }
    }

    /// A reconciliation never runs beside an order sync of the same integration.
    @Test(arguments: TestEngine.allCases)
    func waitsForARunningSync(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 32, orders: 10)) { harness in
            let importer = harness.importer()
            let running = try await importer.prepare(.full)
            await #expect(throws: SyncError.self) { try await Self.reconciler(harness).run() }
            _ = try await importer.run(running)
            let report = try await Self.reconciler(harness).run()
            #expect(report.changed.isEmpty)
            // And a sync waits for a reconciliation that holds its lease: covered by the lease on the run row.
        }
    }

    /// The ids of a request's `include=` parameter.
    static func includeIDs(_ request: String) -> [Int64] {
        guard let components = URLComponents(string: "http://x" + String(request.drop { $0 != " " }.dropFirst())),
            let value = components.queryItems?.first(where: { $0.name == "include" })?.value
        else { return [] }
        return value.split(separator: ",").compactMap { Int64($0) }
    }
}
