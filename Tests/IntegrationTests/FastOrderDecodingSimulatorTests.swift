import Foundation
import Testing
import WooSim

@testable import WooCommerce

/// The fast order reader against `JSONDecoder` on every order simulated stores generate, one by one, in pages,
/// and through the client's listing.
@Suite struct FastOrderDecodingSimulatorTests {
    @Test(arguments: [42, 2026] as [UInt64])
    func simulatedOrdersReadAsTheCodablePathDecodesThem(seed: UInt64) async throws {
        let store = try await StoreHarness.start(orders: 300, seed: seed)
        do {
            try await compareEveryOrder(of: store)
            try await store.client.shutdown()
            await store.sim.stop()
        } catch {
            try? await store.client.shutdown()
            await store.sim.stop()
            throw error
        }
    }

    private func compareEveryOrder(of store: StoreHarness) async throws {
        var bodies: [Data] = []
        var reference: [Int: WooOrder] = [:]
        for id in 1...(await store.sim.highestOrderId) {
            guard let body = await store.sim.orderJSON(id) else { continue }
            let expected = try WooJSON.decoder.decode(WooOrder.self, from: body)
            #expect(try WooOrderReader.order(in: body) == expected, "order \(id)")
            bodies.append(body)
            reference[id] = expected
        }
        #expect(bodies.count >= 300)
        let orders = Array(reference.values)
        // The generator's orders have every kind of line the reader knows.
        #expect(orders.contains { !$0.feeLines.isEmpty })
        #expect(orders.contains { !$0.couponLines.isEmpty })
        #expect(orders.contains { !$0.refunds.isEmpty })
        #expect(orders.contains { $0.lineItems.contains { $0.image != nil && !$0.metaData.isEmpty } })

        // Pages of 100, as `GET /orders` sends them.
        for start in stride(from: 0, to: bodies.count, by: 100) {
            let orders = bodies[start..<min(start + 100, bodies.count)]
            let page = Data("[".utf8) + orders.joined(separator: Data(",".utf8)) + Data("]".utf8)
            let expected = try WooJSON.decoder.decode([WooOrder].self, from: page)
            #expect(try WooOrderReader.orders(in: page) == expected, "page from order \(start)")
        }

        // The client's listing reads the store's own pages with the fast reader.
        var listed = 0
        for try await order in store.client.orders(WooOrderQuery(perPage: 100), concurrency: 2).items {
            #expect(order == reference[order.id], "listed order \(order.id)")
            listed += 1
        }
        #expect(listed >= 250)
        let single = try await store.client.order(id: 1)
        #expect(single == reference[1])
    }
}
