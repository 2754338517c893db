import Foundation
import LogixCore
import LogixTestSupport
import Pacing
import SQLKit
import Storage
import Testing
import WooCommerce
import WooSim

@testable import Sync

/// The order import against a simulated store over HTTP, on SQLite and PostgreSQL.
@Suite struct OrderImportTests {
    @Test(arguments: TestEngine.allCases)
    func fullImportEqualsTheStore(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 7, orders: 300)) { harness in
            let progress = ProgressLog()
            let report = try await harness.importer(perPage: 25).run(.full) { await progress.append($0) }

            let store = try await harness.storeOrders()
            let stored = try await harness.storedOrders()
            let imported = store.values.filter { $0.status != .checkoutDraft }
            #expect(stored.count == imported.count)
            for order in imported {
                guard let mine = stored[Int64(order.id)] else {
                    Issue.record("order \(order.id) (\(order.status)) was not imported")
                    continue
                }
                expectEqual(mine, order)
            }
            #expect(try await harness.count("order_lines") == imported.reduce(0) { $0 + $1.lineItems.count })

            // The run's counts add up, drafts are skipped with their reason, the cursor is set.
            let drafts = store.values.filter { $0.status == .checkoutDraft }.map { Int64($0.id) }.sorted()
            #expect(report.counts.total == store.count)
            #expect(report.counts.created == imported.count)
            #expect(report.counts.skipped == drafts.count)
            let entries = try await harness.entries(runID: report.runID)
            #expect(entries.map(\.externalID).sorted() == drafts)
            #expect(entries.allSatisfy { $0.code == "status_never_imported" && $0.disposition == .skipped })
            let run = try await harness.run(id: report.runID)
            #expect(run.state == .succeeded)
            #expect(run.counts == report.counts)
            #expect(run.pagesDone == (store.count + 24) / 25)
            #expect(report.cursor == store.values.compactMap(\.dateModified).max())

            // Progress came after every page, in order, ending complete.
            let seen = await progress.items
            #expect(seen.map(\.pagesDone) == Array(1...run.pagesDone))
            #expect(seen.last?.fraction == 1)
            #expect(seen.last?.counts.total == store.count)

            // A processing order is `ready`: it has its open pick task and holds its stock.
            let ready = stored.values.filter { $0.status == .ready }
            #expect(!ready.isEmpty)
            try await expectTasksAndStockMatch(harness)

            // Same data twice changes nothing.
            let again = try await harness.importer().run(.full)
            #expect(again.counts.created == 0 && again.counts.updated == 0)
            #expect(again.counts.unchanged == imported.count)
            #expect(try await harness.storedOrders() == stored)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func incrementalSyncPicksUpExactlyTheChanges(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 11, orders: 200)) { harness in
            _ = try await harness.importer(perPage: 50).run(.full)
            let before = try await harness.storedOrders()
            let store = try await harness.storeOrders()
            let byStatus = Dictionary(grouping: store.values.sorted { $0.id < $1.id }, by: \.status)
            let processing = try #require(byStatus[.processing])
            let pending = try #require(byStatus[.pending])
            #expect(processing.count >= 3)

            // The store changes five orders and takes a new one.
            let cancelled = processing[0].id
            let completed = processing[1].id
            let moved = processing[2].id
            let paid = pending[0].id
            try await harness.sim.editOrder(cancelled, status: "cancelled")
            try await harness.sim.editOrder(completed, status: "completed")
            try await harness.sim.editOrder(
                moved, WooSimOrderEdit(shipping: WooSimAddress(city: "Rotterdam", postcode: "3011 AA")))
            try await harness.sim.editOrder(paid, status: "processing")
            let extra = try await harness.sim.placeOrder(WooSimNewOrder(status: "processing"))
            let changed: Set<Int> = [cancelled, completed, moved, paid, extra]

            let report = try await harness.importer(perPage: 50).run(.incremental)
            #expect(report.counts.created == 1)
            #expect(report.counts.updated == 3)
            // `completed` before the warehouse picked anything: the store claims fulfillment Logix did not do.
            #expect(report.counts.flagged == 1)
            #expect(report.counts.unchanged == report.counts.total - 5 - report.counts.skipped)

            let after = try await harness.storedOrders()
            let storeNow = try await harness.storeOrders()
            for id in changed where id != completed {
                expectEqual(try #require(after[Int64(id)]), try #require(storeNow[id]))
            }
            let flagged = try #require(after[Int64(completed)])
            #expect(flagged.status == .ready)
            #expect(flagged.storeStatus == "completed")
            #expect(flagged.review?.reason == .storeFulfillmentStatus)
            // Nothing else was touched.
            for (id, order) in before where !changed.contains(Int(id)) { #expect(after[id] == order) }
            #expect(after[Int64(cancelled)]?.status == .cancelled)
            #expect(after[Int64(paid)]?.status == .ready)
            try await expectTasksAndStockMatch(harness)

            // The cursor moved on: a second incremental run reads only the overlap, and changes nothing.
            #expect(report.cursor != nil)
            let quiet = try await harness.importer(perPage: 50).run(.incremental)
            #expect(quiet.counts.synced == 0)
            #expect(quiet.counts.total < store.count)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func storeEditAfterPickingIsFlaggedNotApplied(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 5, orders: 60)) { harness in
            _ = try await harness.importer().run(.full)
            let stored = try await harness.storedOrders()
            let order = try #require(stored.values.filter { $0.status == .ready }.min { $0.externalID < $1.externalID })

            // The warehouse starts picking.
            var picking = order
            let effects = try picking.transition(to: .picking)
            #expect(effects.isEmpty)
            let started = picking
            try await harness.database.transaction { sql in _ = try await OrderRecords().upsert([started], on: sql) }

            // The store edits the shipping address and adds a line.
            try await harness.sim.editOrder(
                Int(order.externalID),
                WooSimOrderEdit(shipping: WooSimAddress(city: "Elsewhere"), addLines: [WooSimOrderLine(productId: 10)]))
            let report = try await harness.importer().run(.incremental)
            #expect(report.counts.flagged == 1)

            let after = try #require(try await harness.storedOrders()[order.externalID])
            #expect(after.status == .picking)
            #expect(after.shippingAddress == order.shippingAddress)
            #expect(after.lines == order.lines)
            let review = try #require(after.review)
            #expect(review.reason == .storeEditAfterFulfillmentStarted)
            #expect(review.changes.contains { $0.field == "shippingAddress.city" && $0.new == "Elsewhere" })
            #expect(review.changes.contains { $0.field.hasPrefix("lines[") && $0.old.isEmpty })
            let entries = try await harness.entries(runID: report.runID)
            #expect(entries.contains { $0.externalID == order.externalID && $0.disposition == .flagged })

            // The same version again changes nothing more.
            let again = try await harness.importer().run(.incremental)
            #expect(again.counts.flagged == 0 && again.counts.updated == 0)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func unmappableOrdersLandInTheSyncLogAndTheRestImports(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 3, orders: 40)) { harness in
            let empty = try await harness.sim.placeOrder(WooSimNewOrder(status: "processing", lines: []))
            let good = try await harness.sim.placeOrder(WooSimNewOrder(status: "processing"))
            let mapping = try StatusMapping(inbound: [:], outbound: [:], importedStatuses: ["processing"])
            let report = try await harness.importer(perPage: 10, mapping: mapping).run(.full)

            let entries = try await harness.entries(runID: report.runID)
            let emptyEntry = try #require(entries.first { $0.externalID == Int64(empty) })
            #expect(emptyEntry.code == "no_lines")
            #expect(emptyEntry.disposition == .skipped)
            #expect(entries.contains { $0.code == "status_not_imported" })
            let stored = try await harness.storedOrders()
            #expect(stored[Int64(good)] != nil)
            #expect(stored[Int64(empty)] == nil)
            #expect(stored.values.allSatisfy { $0.storeStatus == "processing" })
            #expect(report.counts.created == stored.count)
            #expect(report.counts.skipped == entries.count)
            #expect(report.counts.total == report.counts.created + report.counts.skipped)

            // An imported order that the store then cancels is followed, although `cancelled` is not imported.
            try await harness.sim.editOrder(good, status: "cancelled")
            _ = try await harness.importer(mapping: mapping).run(.incremental)
            #expect(try await harness.storedOrders()[Int64(good)]?.status == .cancelled)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aBadOrderNeverFailsItsPage(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let integrationID = try await makeIntegration(database)
            let json = """
                [{"id": 1, "status": "processing", "currency": "EUR", "date_created_gmt": "2026-01-02T10:00:00",
                  "date_modified_gmt": "2026-01-02T10:00:00", "line_items": [{"id": 5, "name": "Mug", "sku": "MUG",
                  "product_id": 10, "quantity": 2, "total": "10.00"}]},
                 {"id": 2, "status": "processing", "currency": "EUR", "date_created_gmt": "2026-01-02T10:00:00",
                  "line_items": [{"id": 6, "name": "Mug", "sku": "MUG", "product_id": 10, "quantity": 1,
                  "total": "5.00"}]},
                 {"id": 3, "status": "processing", "currency": "euro", "date_created_gmt": "2026-01-02T10:00:00",
                  "date_modified_gmt": "2026-01-02T10:00:00", "line_items": [{"id": 7, "name": "Mug",
                  "product_id": 10, "quantity": 1, "total": "5.00"}]}]
                """
            let orders = try JSONDecoder().decode([WooOrder].self, from: Data(json.utf8))
            let mapper = OrderMapper(integrationID: integrationID)
            let outcome = try await OrderApplier(database: database, integrationID: integrationID)
                .apply(orders.map { mapper.map($0) }, at: Date())
            #expect(outcome.counts.created == 1)
            #expect(outcome.counts.failed == 2)
            #expect(Set(outcome.entries.map(\.code)) == ["missing_date_modified", "invalid_currency"])
            #expect(outcome.entries.allSatisfy { $0.disposition == .failed })
            let levels = try await database.read { sql in
                let owner = try #require(try await IntegrationRecords().ownerID(integrationID: integrationID, on: sql))
                return try await FulfillmentRecords().stockLevels(ownerID: owner, on: sql)
            }
            #expect(levels["MUG"]?.reserved == 2)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func faultsDuringImportStillEndComplete(engine: TestEngine) async throws {
        try await ImportHarness.with(
            engine, store: .store(seed: 9, orders: 400),
            retryPolicy: RetryPolicy(maximumAttempts: 12, baseDelay: .milliseconds(5), maximumDelay: .milliseconds(40)),
            requestTimeout: .milliseconds(700)
        ) { harness in
            await harness.sim.setFaults(
                WooSimFaults(
                    serverErrorRate: 0.2, rateLimitRate: 0.1, retryAfterSeconds: 0, hangRate: 0.05, hangSeconds: 3,
                    dropConnectionRate: 0.05, seed: 99))
            let report = try await harness.importer(perPage: 20).run(.full)
            await harness.sim.setFaults(WooSimFaults())

            let store = try await harness.storeOrders()
            let imported = store.values.filter { $0.status != .checkoutDraft }
            let stored = try await harness.storedOrders()
            #expect(stored.count == imported.count)
            for order in imported { if let mine = stored[Int64(order.id)] { expectEqual(mine, order) } }
            #expect(report.counts.total == store.count)
            #expect(harness.client.requestCount > report.pages, "the faults forced retries")
        }
    }

    /// A crash after every page in turn: each run commits one page and dies, the next resumes right after it.
    /// Odd runs die by an error (the run is marked interrupted); even ones as a killed process would, leaving
    /// the run `running` until its lease runs out.
    @Test(arguments: TestEngine.allCases)
    func aCrashAtEveryPageBoundaryResumesExactly(engine: TestEngine) async throws {
        struct SimulatedCrash: Error {}
        try await ImportHarness.with(engine, store: .store(seed: 21, orders: 130)) { harness in
            let perPage = 10
            let store = try await harness.storeOrders()
            let pages = (store.count + perPage - 1) / perPage
            var runID: Int64?
            for crashAfter in 1...pages {
                let started = ProgressLog()
                await #expect(throws: SimulatedCrash.self) {
                    _ = try await harness.importer(perPage: perPage, concurrency: 3).run(.full) { progress in
                        await started.append(progress)
                        throw SimulatedCrash()
                    }
                }
                let pagesSeen = await started.items.map(\.pagesDone)
                #expect(pagesSeen == [crashAfter], "run \(crashAfter) resumed at the page after the last commit")
                let run = try await harness.run(id: try #require(await started.items.first?.runID))
                if let runID { #expect(run.id == runID, "one run, resumed") }
                runID = run.id
                #expect(run.pagesDone == crashAfter)
                #expect(run.state == .interrupted)
                #expect(try await harness.storedOrders().count <= store.count)
                if crashAfter.isMultiple(of: 2) {
                    // A killed process: still `running`, lease running out.
                    let id = run.id
                    try await harness.database.read { sql in
                        try await sql.update("sync_logs").set("state", to: SQLBind("running"))
                            .set("lease_until", to: SQLBind(Int64(Date().timeIntervalSince1970) + 600))
                            .where("id", .equal, id).run()
                    }
                    let error = await #expect(throws: SyncError.self) { _ = try await harness.importer().run(.full) }
                    #expect(error?.kind == .alreadyRunning)
                    try await harness.database.read { sql in
                        try await sql.update("sync_logs")
                            .set("lease_until", to: SQLBind(Int64(Date().timeIntervalSince1970) - 1))
                            .where("id", .equal, id).run()
                    }
                }
            }
            // The last resume finds the listing done and finishes the run.
            let report = try await harness.importer(perPage: perPage).run(.full)
            #expect(report.resumed)
            #expect(report.runID == runID)
            let imported = store.values.filter { $0.status != .checkoutDraft }
            let stored = try await harness.storedOrders()
            #expect(stored.count == imported.count)
            for order in imported { if let mine = stored[Int64(order.id)] { expectEqual(mine, order) } }
            // Every order counted exactly once across the attempts: no page was read twice.
            #expect(report.counts.total == store.count)
            #expect(report.counts.created == imported.count)
            #expect(report.counts.unchanged == 0)
            #expect(try await harness.count("order_lines") == imported.reduce(0) { $0 + $1.lineItems.count })
            #expect(try await harness.run(id: report.runID).state == .succeeded)
            try await expectTasksAndStockMatch(harness)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aRunWithOtherParametersAbandonsTheInterruptedOne(engine: TestEngine) async throws {
        struct Stop: Error {}
        try await ImportHarness.with(engine, store: .store(seed: 2, orders: 50)) { harness in
            let progress = ProgressLog()
            do {
                _ = try await harness.importer(perPage: 10).run(.full) { item in
                    await progress.append(item)
                    throw Stop()
                }
            } catch is Stop {}
            let interrupted = await progress.items.first?.runID
            let filtered = OrderImportRequest(mode: .full, statuses: [.processing])
            let report = try await harness.importer(perPage: 10).run(filtered)
            #expect(!report.resumed)
            #expect(report.runID != interrupted)
            #expect(try await harness.run(id: try #require(interrupted)).state == .abandoned)
            // A filtered run does not move the cursor: orders outside the filter may be missing.
            #expect(report.cursor == nil)
            await #expect(throws: SyncError.self) {
                _ = try await harness.importer().run(
                    OrderImportRequest(mode: .full, createdAfter: Date(), createdBefore: Date().addingTimeInterval(-60))
                )
            }
        }
    }
}

/// Collects progress reports across tasks.
actor ProgressLog {
    private(set) var items: [OrderImportProgress] = []
    func append(_ progress: OrderImportProgress) { items.append(progress) }
}

func makeIntegration(_ database: LogixDatabase) async throws -> Int64 {
    let user = try await database.transaction {
        try await UserRecords().create(
            email: "u\(UUID().uuidString.prefix(8))@example.test", passwordHash: "x", at: Date(), on: $0)
    }
    let integration = try await database.transaction {
        try await IntegrationRecords().insert(
            NewIntegration(
                userID: user.id, platform: "woocommerce", storeURL: "http://store.example", name: "Store",
                createdAt: Date()), on: $0)
    }
    return integration.id
}

/// Tasks and stock agree with the orders: every order holding stock has exactly one open task, no other order
/// has one, and each SKU's reservation is the open quantity of the orders holding stock.
func expectTasksAndStockMatch(_ harness: ImportHarness, sourceLocation: SourceLocation = #_sourceLocation) async throws
{
    try await expectTasksAndStockMatch(harness.database, sourceLocation: sourceLocation)
}

func expectTasksAndStockMatch(_ database: LogixDatabase, sourceLocation: SourceLocation = #_sourceLocation) async throws
{
    let (orders, levels, ownerOf, openTasks) = try await database.read { sql in
        let (orders, _) = try await OrderRecords().list(OrderFilter(), page: 1, perPage: 1_000_000, on: sql)
        // Stock belongs to the owner of the orders' integrations: compare each owner's levels with their orders.
        var ownerOf: [Int64: Int64] = [:]
        var levels: [Int64: [String: StockLevel]] = [:]
        for integrationID in Set(orders.map(\.integrationID)) {
            let owner = try #require(try await IntegrationRecords().ownerID(integrationID: integrationID, on: sql))
            ownerOf[integrationID] = owner
            if levels[owner] == nil {
                levels[owner] = try await FulfillmentRecords().stockLevels(ownerID: owner, on: sql)
            }
        }
        struct Row: Decodable {
            var orderID: Int64
            var n: Int
            enum CodingKeys: String, CodingKey {
                case orderID = "order_id"
                case n
            }
        }
        let open = try await sql.raw(
            "SELECT order_id, COUNT(*) AS n FROM fulfillment_tasks WHERE status = 'open' GROUP BY order_id"
        ).all(decoding: Row.self)
        return (orders, levels, ownerOf, Dictionary(uniqueKeysWithValues: open.map { ($0.orderID, $0.n) }))
    }
    var reserved: [Int64: [String: Int]] = [:]
    for order in orders {
        let id = try #require(order.id)
        let owner = try #require(ownerOf[order.integrationID])
        if order.status.holdsStock {
            #expect(openTasks[id] == 1, "order \(order.externalID) \(order.status)", sourceLocation: sourceLocation)
            for item in order.stockDemand { reserved[owner, default: [:]][item.sku, default: 0] += item.quantity }
        } else {
            #expect(openTasks[id] == nil, "order \(order.externalID) \(order.status)", sourceLocation: sourceLocation)
        }
    }
    for (owner, owned) in levels {
        for (sku, level) in owned {
            #expect(level.reserved == reserved[owner]?[sku] ?? 0, "SKU \(sku)", sourceLocation: sourceLocation)
        }
    }
    for (owner, demand) in reserved {
        for (sku, quantity) in demand where quantity > 0 {
            #expect(levels[owner]?[sku] != nil, "SKU \(sku) has no stock level", sourceLocation: sourceLocation)
        }
    }
}
