import Foundation
import NIOHTTP1
import Testing

@testable import WooSim

/// A store saved with ``WooSim/snapshot()`` and started again from it is the same store: every order, note,
/// product, stock level and webhook as it was, the next ids where they stopped (`logix demo` keeps its store
/// across runs this way).
@Suite("Snapshots")
struct SnapshotTests {
    /// Everything a client can read of the store, with its address replaced (the restored one has another port).
    struct Contents: Equatable {
        var highestOrderId: Int
        var orders: [Int: String]
        var notes: [Int: [String]]
        var products: [Int: String]
        var webhooks: [SimWebhook]

        init(_ sim: WooSim) async {
            // JSON writes the URL's slashes escaped: the host and port are what differ.
            let address = sim.baseURL.replacingOccurrences(of: "http://", with: "")
            func text(_ data: Data?) -> String? {
                data.map { String(decoding: $0, as: UTF8.self).replacingOccurrences(of: address, with: "STORE") }
            }
            highestOrderId = await sim.highestOrderId
            orders = [:]
            notes = [:]
            for id in 1...highestOrderId {
                orders[id] = text(await sim.orderJSON(id))
                notes[id] = await sim.orderNotes(id)
            }
            products = [:]
            for id in await sim.store.products.keys { products[id] = text(await sim.productJSON(id)) }
            webhooks = await sim.store.allWebhooks
        }
    }

    static var configuration: WooSimConfiguration {
        var configuration = WooSimConfiguration()
        configuration.referenceDate = Date(timeIntervalSince1970: 1_795_478_400)
        configuration.orderCount = 40
        configuration.seed = 9
        return configuration
    }

    @Test("a store restored from its snapshot continues where the saved one stopped")
    func restoredStoreContinues() async throws {
        let first = try await WooSim.start(Self.configuration)
        let saved: Data
        let before: Contents
        do {
            let placed = try await first.placeOrder(WooSimNewOrder(status: "processing"))
            try await first.editOrder(3, status: "cancelled")
            try await first.editOrder(placed, WooSimOrderEdit(customerNote: "Ring twice"))
            _ = try await first.store.addNote(
                orderId: placed, note: "Packed with care", isCustomerNote: true, addedByUser: true)
            try await first.setStock(sku: "COF-ETH-250", quantity: 7)
            try await first.deleteOrder(5, force: true)
            _ = try await first.store.createWebhook(
                fromAPI: .object([
                    "topic": .string("order.updated"), "delivery_url": .string("http://127.0.0.1:9/hook"),
                    "secret": .string("s3cret"),
                ]))
            _ = try await first.store.updateWebhook(1, fromAPI: .object(["status": .string("paused")]))
            saved = try await first.snapshot().encoded()
            before = await Contents(first)
        } catch {
            await first.stop()
            throw error
        }
        await first.stop()
        #expect(before.highestOrderId == 41)
        #expect(before.orders[5] == nil)

        // Other settings: the snapshot's own regenerate the same history.
        var configuration = WooSimConfiguration()
        configuration.seed = 1
        configuration.orderCount = 3
        configuration.restoring = try WooSimSnapshot(decoding: saved)
        let second = try await WooSim.start(configuration)
        do {
            let after = await Contents(second)
            #expect(after.highestOrderId == before.highestOrderId)
            for id in 1...before.highestOrderId {
                #expect(after.orders[id] == before.orders[id], "order \(id)")
                #expect(after.notes[id] == before.notes[id], "notes of order \(id)")
            }
            #expect(after.products.keys.sorted() == before.products.keys.sorted())
            for (id, product) in before.products { #expect(after.products[id] == product, "product \(id)") }
            #expect(after.webhooks == before.webhooks)
            #expect(second.configuration.orderCount == 40)
            #expect(second.readWriteKeys == WooSim.keys(for: Self.configuration).0, "the same keys: the same seed")
            let next = try await second.placeOrder()
            #expect(next == 42)
            let snapshot = try WooSimSnapshot(decoding: saved)
            let modified = await second.store.order(next)?.dateModified ?? 0
            #expect(modified >= snapshot.takenAt, "the clock does not go back before the snapshot")
        } catch {
            await second.stop()
            throw error
        }
        await second.stop()
    }

    @Test("reserved order ids are skipped: the next order follows them and listings do not count them")
    func reservedOrderIdsAreSkipped() async throws {
        try await withSim(orders: 10) { sim, client in
            let before = try await client.send(.GET, sim.signed("GET", "/orders", [("per_page", "1")]))
            await sim.reserveOrderIds(through: 13)
            await sim.reserveOrderIds(through: 12)  // never back
            let after = try await client.send(.GET, sim.signed("GET", "/orders", [("per_page", "1")]))
            #expect(after.header("X-WP-Total") == before.header("X-WP-Total"))
            #expect(await sim.orderJSON(12) == nil)
            #expect(try await sim.placeOrder() == 14)
        }
    }

    @Test("a damaged snapshot or one of another layout is refused with its code")
    func unreadableSnapshotsAreRefused() async throws {
        #expect(throws: WooSimError.self) { try WooSimSnapshot(decoding: Data("{\"format\": 1".utf8)) }
        let sim = try await WooSim.start(Self.configuration)
        let saved = try await sim.snapshot().encoded()
        await sim.stop()
        let text = String(decoding: saved, as: UTF8.self)
        #expect(text.contains(#""format":1,"#))
        let foreign = Data(text.replacingOccurrences(of: #""format":1,"#, with: #""format":99,"#).utf8)
        do {
            _ = try WooSimSnapshot(decoding: foreign)
            Issue.record("a snapshot of layout 99 was read")
        } catch {
            #expect(error.code == "woosim_snapshot_unreadable")
            #expect(error.message.contains("99"))
        }
    }
}
