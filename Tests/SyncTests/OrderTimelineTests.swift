import Foundation
import LogixCore
import LogixTestSupport
import Storage
import Sync
import Testing
import WooSim

/// An order imported from a real (simulated) store and moved by the warehouse through the use cases has a timeline
/// with each change once, in order; its store updates are listed for it; another user sees neither.
@Suite struct OrderTimelineTests {
    @Test(arguments: TestEngine.allCases)
    func importThenPickPackShipAreEachOnTheTimelineOnce(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 12, orders: 30)) { harness in
            let clock = TestClock()
            _ = try await harness.importer(clock: clock).run(.full)
            let ready = try #require(
                try await harness.storedOrders().values.filter { $0.status == .ready }.min {
                    $0.externalID < $1.externalID
                })
            let orderID = try #require(ready.id)
            let signal = OutboxSignal()
            let fulfillments = Fulfillments(database: harness.database, signal: signal, clock: clock)
            for event in [FulfillmentEvent.picked, .packed] {
                clock.advance(by: 600)
                _ = try await fulfillments.record(event, orderID: orderID, userID: harness.ownerID)
            }
            clock.advance(by: 600)
            _ = try await fulfillments.record(
                .shipped(carrier: "DHL", trackingNumber: "JD014600", trackingURL: nil, items: []), orderID: orderID,
                userID: harness.ownerID)
            // An illegal step and a repeated one change nothing, so they add nothing.
            await #expect(throws: FulfillmentError.self) {
                try await fulfillments.record(.packed, orderID: orderID, userID: harness.ownerID)
            }
            clock.advance(by: 600)
            _ = try await fulfillments.record(.delivered, orderID: orderID, userID: harness.ownerID)
            _ = try await fulfillments.record(.delivered, orderID: orderID, userID: harness.ownerID)
            // A second import finds the store still trailing: nothing new for the order.
            _ = try await harness.importer(clock: clock).run(.full)

            let orders = Orders(database: harness.database)
            let timeline = try await orders.timeline(id: orderID, userID: harness.ownerID)
            #expect(
                timeline.map(\.kind) == [
                    .received, .statusChanged, .statusChanged, .statusChanged, .shipped, .statusChanged,
                ])
            #expect(timeline[0].toStatus == .ready && timeline[0].origin == OrderEvent.Origin.storeImport)
            let moves = timeline.filter { $0.kind == .statusChanged }.map { "\($0.fromStatus!)→\($0.toStatus!)" }
            #expect(moves == ["ready→picking", "picking→packed", "packed→shipped", "shipped→delivered"])
            #expect(timeline.dropFirst().allSatisfy { $0.origin == OrderEvent.Origin.warehouse })
            #expect(timeline[4].detail == "DHL JD014600")
            #expect(timeline.map(\.at) == timeline.map(\.at).sorted())

            // The store updates queued for the order: newest first, all of them this order's.
            let updates = StoreUpdates(
                database: harness.database, signal: signal, settlements: OutboxSettlements(), clock: clock)
            let items = try await updates.list(userID: harness.ownerID, orderID: orderID)
            #expect(!items.isEmpty)
            #expect(
                items.allSatisfy { $0.externalOrderID == ready.externalID && $0.integrationID == harness.integrationID }
            )
            #expect(items.map(\.id) == items.map(\.id).sorted(by: >))
            let paged = try await updates.list(
                userID: harness.ownerID, state: nil, integrationID: nil, orderID: "\(orderID)", page: 1, perPage: 100)
            #expect(paged.items.map(\.id) == items.map(\.id) && paged.total == items.count)

            // Another user: the order does not exist for them.
            let stranger = try await TestFixtures.user("stranger@example.test", in: harness.database)
            let hidden = try await #require(throws: SyncError.self) {
                try await orders.timeline(id: orderID, userID: stranger.id)
            }
            #expect(hidden.kind == .notFound)
            await #expect(throws: SyncError.self) { try await updates.list(userID: stranger.id, orderID: orderID) }
            let none = try await updates.list(
                userID: stranger.id, state: nil, integrationID: nil, orderID: "\(orderID)", page: 1, perPage: 100)
            #expect(none.items.isEmpty && none.total == 0)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func searchFindsAnImportedOrderByNumberEmailAndName(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 7, orders: 20)) { harness in
            _ = try await harness.importer().run(.full)
            let order = try #require(try await harness.storedOrders().values.min { $0.externalID < $1.externalID })
            let orders = Orders(database: harness.database)
            func found(_ search: String) async throws -> [Int64] {
                try await orders.list(
                    userID: harness.ownerID, integrationID: nil, status: nil, flaggedForReview: nil, search: search,
                    page: 1, perPage: 100
                ).items.compactMap(\.id)
            }
            let orderID = try #require(order.id)
            #expect(try await found(order.number).first == orderID)
            #expect(try await found("#" + order.number) == [orderID])
            #expect(try await found(order.customer.email.uppercased()).contains(orderID))
            #expect(try await found(String(order.customer.name.dropFirst().prefix(4))).contains(orderID))
            #expect(order.placedAt == order.createdAt && order.placedAt != nil)
        }
    }
}
