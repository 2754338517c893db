import Foundation
import LogixCore
import LogixTestSupport
import Pacing
import Storage
import Testing
import WooCommerce
import WooSim

@testable import Sync

/// The outbox against a real simulated store over loopback HTTP, on both engines.
@Suite struct OutboxSenderTests {
    @Test(arguments: TestEngine.allCases)
    func stockOfSimpleVariationAndParentManagedSKUsReachesTheStoreInBatches(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 7, orders: 1)) { harness in
            try await harness.pullCatalog()
            let clock = TestClock()
            let hoodie = try await harness.skuEntry("APP-HOODIE-S-SLI")
            #expect(hoodie.stockManagement == .parent)
            try await harness.changeStock(
                [
                    StockLevel(sku: "COF-ETH-250", onHand: 37, reserved: 5),
                    StockLevel(sku: "APP-TSHIRT-BLK-M", onHand: 12, reserved: 0),
                    StockLevel(sku: "APP-HOODIE-S-SLI", onHand: 3, reserved: 9),  // oversold: the store gets 0
                ], at: clock.now())
            let before = await harness.sim.requestCount
            let report = try await harness.sender(clock: clock).sendDue()
            // products/batch (the simple product and the hoodie's parent) and the shirt's variations batch.
            #expect(await harness.sim.requestCount - before == 2)
            #expect(report.requests == 2)
            #expect(report.done == 3)
            #expect(try await harness.storeStock(sku: "COF-ETH-250") == 32)
            #expect(try await harness.storeStock(sku: "APP-TSHIRT-BLK-M") == 12)
            #expect(try await harness.storeStock(productID: Int(hoodie.externalProductID)) == 0)
            #expect(try await harness.outboxItems().allSatisfy { $0.state == .done })
        }
    }

    @Test(arguments: TestEngine.allCases)
    func twoHundredFiftySKUsTakeThreeRequests(engine: TestEngine) async throws {
        var store = WooSimConfiguration.store(seed: 3, orders: 1)
        store.productCount = 251  // 250 simple products with a SKU (the last one has none)
        try await ImportHarness.with(engine, store: store) { harness in
            try await harness.pullCatalog()
            let integrationID = harness.integrationID
            let simple = try await harness.database.read { sql in
                try await SKUMapRecords().entries(integrationID: integrationID, on: sql)
            }.filter { $0.externalVariationID == nil && $0.stockManagement == .managed && $0.sku != "APP-HOODIE" }
            #expect(simple.count == 250)
            let clock = TestClock()
            try await harness.changeStock(
                simple.enumerated().map { StockLevel(sku: $1.sku, onHand: 1000 + $0, reserved: $0 % 3) },
                at: clock.now())
            let before = await harness.sim.requestCount
            let report = try await harness.sender(clock: clock).sendDue()
            #expect(await harness.sim.requestCount - before == 3)
            #expect(report.done == 250)
            for (index, entry) in simple.enumerated() where index % 25 == 0 {
                #expect(try await harness.storeStock(sku: entry.sku) == 1000 + index - index % 3)
            }
        }
    }

    @Test(arguments: TestEngine.allCases)
    func changesBeforeTheSendCoalesceIntoOneItemWithTheLatestValue(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 5, orders: 1)) { harness in
            try await harness.pullCatalog()
            let clock = TestClock()
            for onHand in [10, 20, 30] {
                try await harness.changeStock([StockLevel(sku: "TEA-SEN-100", onHand: onHand)], at: clock.now())
                clock.advance(by: 1)
            }
            let items = try await harness.outboxItems()
            #expect(items.count == 1)
            #expect(items.first?.revision == 2)
            let before = await harness.sim.requestCount
            try await harness.sender(clock: clock).sendDue()
            #expect(await harness.sim.requestCount - before == 1)
            #expect(try await harness.storeStock(sku: "TEA-SEN-100") == 30)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aRefusedBatchItemIsRecordedOnItsOwn(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 5, orders: 1)) { harness in
            let clock = TestClock()
            let integrationID = harness.integrationID
            try await harness.pullCatalog()
            let good = try await harness.skuEntry("EQP-V60-02")
            // A SKU the map points at a product the store no longer has.
            try await harness.database.transaction { sql in
                var entries = try await SKUMapRecords().entries(integrationID: integrationID, on: sql)
                entries.append(
                    SKUMapEntry(
                        integrationID: integrationID, sku: "GHOST-1", externalProductID: 999_999,
                        externalVariationID: nil, stockManagement: .managed, stockProductID: 999_999))
                try await SKUMapRecords().replace(integrationID: integrationID, with: entries, at: clock.now(), on: sql)
            }
            try await harness.changeStock(
                [StockLevel(sku: "EQP-V60-02", onHand: 8), StockLevel(sku: "GHOST-1", onHand: 4)], at: clock.now())
            let report = try await harness.sender(clock: clock).sendDue()
            #expect(report.requests == 1)
            #expect(report.done == 1)
            #expect(report.dead == 1)
            #expect(try await harness.storeStock(productID: Int(good.externalProductID)) == 8)
            let items = try await harness.outboxItems()
            let ghost = try #require(items.first { $0.dedupeKey == "stock:GHOST-1" })
            #expect(ghost.state == .dead)
            #expect(ghost.lastError?.contains("products/batch item 999999") == true)
            #expect(ghost.lastError?.contains("woocommerce_rest_product_invalid_id") == true)
            #expect(ghost.lastError?.contains(harness.sim.readWriteKeys.consumerSecret) == false)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func anOrdersNoteWaitsForItsStatusChangeWhileThatFails(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 11, orders: 20)) { harness in
            _ = try await harness.importer().run(.full)
            let stored = try await harness.storedOrders()
            let order = try #require(
                stored.values.filter { $0.storeStatus == "processing" }.min { $0.externalID < $1.externalID })
            let clock = TestClock()
            let tracking = ShipmentTracking(
                provider: .custom(name: "Fleet", link: "https://track.example.test/ZX1"), trackingNumber: "ZX1",
                dateShipped: Date(timeIntervalSince1970: 1_790_000_000))
            let ids = try await harness.enqueue(
                [
                    try .orderUpdate(
                        integrationID: harness.integrationID,
                        OrderUpdatePayload(
                            externalID: order.externalID, status: "completed",
                            metaData: [ShipmentTracking.metaData([tracking])])),
                    try .orderNote(
                        integrationID: harness.integrationID,
                        OrderNotePayload(
                            externalID: order.externalID, note: "Shipped with Fleet ZX1", customerNote: true)),
                ], at: clock.now())
            await harness.sim.failNext(count: 1, status: 503, retryAfter: 7)
            let sender = harness.sender(clock: clock)
            let first = try await sender.sendDue()
            #expect(first.claimed == 1)  // the note was never handed out
            #expect(first.rescheduled == 1)
            var items = try await harness.outboxItems()
            #expect(items.map(\.id) == ids)
            #expect(items[0].attempts == 1)
            #expect(items[0].notBefore == clock.now().addingTimeInterval(7))  // Retry-After honoured
            #expect(items[0].lastError?.contains("503") == true)
            #expect(items[1].attempts == 0)
            #expect(items[1].state == .pending)

            clock.advance(by: 8)
            let second = try await sender.sendDue()
            #expect(second.done == 2)
            items = try await harness.outboxItems()
            #expect(items.allSatisfy { $0.state == .done })

            let storeOrder = try await harness.client.order(id: Int(order.externalID))
            #expect(storeOrder.status == .completed)
            let meta = try #require(storeOrder.metaData.first { $0.key == ShipmentTracking.metaKey })
            #expect(meta.value == .array([tracking.jsonValue]))
            let notes = try await harness.client.orderNotes(orderID: Int(order.externalID))
            #expect(notes.contains { $0.note == "Shipped with Fleet ZX1" && $0.customerNote })
            // ARCHITECTURE.md, "No echo": Logix holds the store's answer as the newest version, so its echo
            // changes nothing.
            let after = try #require(try await harness.storedOrders()[order.externalID])
            #expect(after.storeStatus == "completed")
            #expect(after.storeModifiedAt == storeOrder.dateModified)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aStoreThatFailsForAWhileGetsEverythingInOrderOnceTheBreakerCloses(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 13, orders: 10)) { harness in
            _ = try await harness.importer().run(.full)
            let orders = try await harness.storedOrders().keys.sorted()
            let clock = TestClock()
            let integrationID = harness.integrationID
            var queued: [NewOutboxItem] = []
            for external in orders.prefix(3) {
                for step in 1...3 {
                    queued.append(
                        try .orderNote(
                            integrationID: integrationID, OrderNotePayload(externalID: external, note: "step \(step)")))
                }
            }
            _ = try await harness.enqueue(queued, at: clock.now())
            await harness.sim.setFaults(WooSimFaults(serverErrorRate: 1))
            let sender = harness.sender(
                clock: clock, breaker: CircuitBreaker.Configuration(failureThreshold: 2, coolDown: .seconds(60)))
            let before = await harness.sim.requestCount
            let failing = try await sender.sendDue()
            #expect(await harness.sim.requestCount - before == 2)  // two failures open the circuit
            #expect(failing.rescheduled == 2)
            #expect(failing.deferred == 1)  // the third order's first note, pushed back unsent
            var breaker = await sender.breakers.breaker(integrationID: integrationID)
            #expect(breaker.state == .open(until: clock.now().addingTimeInterval(60)))
            #expect(breaker.openings == 1)
            let deferred = try await harness.outboxItems().filter { $0.notBefore == clock.now().addingTimeInterval(60) }
            #expect(deferred.count == 1)
            #expect(deferred.first?.attempts == 0)

            // Still open a little later: nothing is sent, nothing is counted.
            clock.advance(by: 30)
            let whileOpen = try await sender.sendDue()
            #expect(whileOpen.requests == 0)
            #expect(await harness.sim.requestCount - before == 2)

            await harness.sim.setFaults(.none)
            clock.advance(by: 31)
            let recovered = try await sender.sendDue()
            #expect(recovered.done == 9)
            breaker = await sender.breakers.breaker(integrationID: integrationID)
            #expect(breaker.state == .closed(failures: 0))
            #expect(breaker.closings == 1)
            #expect(try await harness.outboxItems().allSatisfy { $0.state == .done })
            for external in orders.prefix(3) {
                let notes = try await harness.client.orderNotes(orderID: Int(external))
                    .filter { $0.note.hasPrefix("step ") }.sorted { $0.id < $1.id }
                #expect(notes.map(\.note) == ["step 1", "step 2", "step 3"])
            }
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aMissingOrderIsDeadWithItsErrorAndRetryBringsItBack(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 17, orders: 3)) { harness in
            let clock = TestClock()
            let integrationID = harness.integrationID
            let ids = try await harness.enqueue(
                [try .orderNote(integrationID: integrationID, OrderNotePayload(externalID: 987_654, note: "hello"))],
                at: clock.now())
            let report = try await harness.sender(clock: clock).sendDue()
            #expect(report.dead == 1)
            let item = try #require(try await harness.outboxItems().first)
            #expect(item.state == .dead)
            #expect(item.attempts == 1)
            #expect(item.lastError?.contains("orders/987654/notes") == true)
            #expect(item.lastError?.contains("404") == true)
            #expect(item.lastError?.contains("woocommerce_rest_shop_order_invalid_id") == true)
            #expect(item.lastError?.contains(harness.sim.baseURL) == true)
            var counts = try await harness.database.read { sql in
                try await OutboxRecords().counts(integrationID: integrationID, on: sql)
            }
            #expect(counts == OutboxCounts(pending: 0, dead: 1))

            let retried = try await harness.database.transaction { sql in
                try await OutboxRecords().retry(id: ids[0], at: clock.now(), on: sql)
            }
            #expect(retried?.state == .pending)
            #expect(retried?.attempts == 0)
            counts = try await harness.database.read { sql in
                try await OutboxRecords().counts(integrationID: integrationID, on: sql)
            }
            #expect(counts == OutboxCounts(pending: 1, dead: 0))
            let again = try await harness.database.transaction { sql in
                try await OutboxRecords().retry(id: ids[0], at: clock.now(), on: sql)
            }
            #expect(again == nil)  // only dead items can be retried
        }
    }

    @Test(arguments: TestEngine.allCases)
    func theLoopWakesWhenNotified(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 19, orders: 3)) { harness in
            _ = try await harness.importer().run(.full)
            let external = try #require(try await harness.storedOrders().keys.min())
            var options = OutboxSender.Options()
            options.idleWait = .seconds(600)
            let sender = OutboxSender(
                database: harness.database, clients: SimStoreClients(sim: harness.sim, retryPolicy: .none),
                options: options)
            let loop = Task { try await sender.run() }
            try await Task.sleep(for: .milliseconds(300))  // the loop has found nothing and sleeps
            _ = try await harness.enqueue(
                [
                    try .orderNote(
                        integrationID: harness.integrationID, OrderNotePayload(externalID: external, note: "wake"))
                ],
                at: Date())
            sender.signal.notify()
            var done = false
            for _ in 0..<100 where !done {
                try await Task.sleep(for: .milliseconds(50))
                done = try await harness.outboxItems().first?.state == .done
            }
            loop.cancel()
            _ = try? await loop.value
            #expect(done)
        }
    }
}
