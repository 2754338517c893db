import Foundation
import NIOHTTP1
import Testing

@testable import WooSim

@Suite("Generated data")
struct GeneratedDataTests {
    @Test("the same seed gives the same store, byte for byte; another seed does not")
    func sameSeedSameStore() async throws {
        func snapshot(seed: UInt64) async throws -> [Data] {
            try await withSim(seed: seed) { sim, client in
                var bodies: [Data] = []
                for path in ["/orders?per_page=100", "/products?per_page=100", "/customers?per_page=100"] {
                    let parts = path.split(separator: "?")
                    let parameters = parts[1].split(separator: "=").map(String.init)
                    let reply = try await client.send(
                        .GET, sim.signed("GET", String(parts[0]), [(parameters[0], parameters[1])]))
                    // URLs carry the ephemeral port; everything else must be identical. Replace host and port
                    // together: a bare ":port" also matches JSON such as `"id":41234` when an id equals the port.
                    let port = String(sim.baseURL.split(separator: ":").last!)
                    bodies.append(
                        Data(reply.text.replacingOccurrences(of: "127.0.0.1:" + port, with: "127.0.0.1:PORT").utf8))
                }
                bodies.append(sim.readWriteKeys.consumerKey.data(using: .utf8)!)
                return bodies
            }
        }
        let first = try await snapshot(seed: 7)
        #expect(first == (try await snapshot(seed: 7)))
        #expect(first != (try await snapshot(seed: 8)))
    }

    @Test("orders have every status, non-ASCII names, refunds, fees, coupons and lines of deleted products")
    func variety() async throws {
        try await withSim(orders: 2_000) { sim, _ in
            let orders = await (1...2_000).asyncMap { await sim.store.order($0)! }
            let statuses = Set(orders.map(\.status))
            #expect(
                statuses == [
                    "pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed",
                    "checkout-draft",
                ])
            #expect(orders.contains { $0.billing.firstName == "Zoë" && $0.billing.lastName == "Müller" })
            #expect(orders.contains { $0.billing.lastName == "李" })
            #expect(orders.contains { $0.feeLines.contains { $0.total < 0 } })
            #expect(orders.contains { !$0.couponLines.isEmpty })
            #expect(orders.filter { $0.status == "refunded" }.allSatisfy { $0.refunds.first?.amount == $0.total })
            #expect(orders.contains { $0.lineItems.contains { $0.productId == 0 } })
            #expect(orders.contains { !$0.customerNote.isEmpty })
            #expect(zip(orders, orders.dropFirst()).allSatisfy { $0.dateCreated <= $1.dateCreated })
            let json = try #require(
                await sim.orderJSON(orders.first { $0.lineItems.contains { $0.productId == 0 } }!.id))
            #expect(String(decoding: json, as: UTF8.self).contains("\"product_id\":0,\"variation_id\":0"))
            #expect(String(decoding: json, as: UTF8.self).contains("\"sku\":null"))
        }
    }

    @Test("order 99,999 of 100,000 is generated and served without materialising the others")
    func flatMemory() async throws {
        try await withSim(orders: 100_000) { sim, client in
            let reply = try await client.send(.GET, sim.signed("GET", "/orders/99999"))
            #expect(reply.status == 200)
            #expect(try reply.object()["id"] as? Int == 99_999)
            #expect(Data(reply.body) == (await sim.orderJSON(99_999)))
            // Nothing was stored: generated orders live only as (seed, id).
            #expect(await sim.store.overlay.isEmpty)
            let page = try await client.send(
                .GET, sim.signed("GET", "/orders", [("per_page", "100"), ("page", "500")]))
            #expect(page.header("X-WP-Total") == "100000")
            #expect(try page.array().first?["id"] as? Int == 50_100)
            #expect(await sim.store.overlay.isEmpty)
        }
    }

    // Speed is measured by `logix bench client`, not here: this checks that the fast path writes valid JSON.
    @Test("pages of generated orders serialise to valid JSON with every order")
    func serialisesPages() async throws {
        try await withSim(orders: 100_000) { sim, _ in
            let store = sim.store
            let render = await store.renderContext
            var ids: [Int] = []
            for page in [1, 2, 500, 1000] {
                var query = OrderQuery()
                query.paging = Paging(page: page, perPage: 100)
                let orders = await store.listOrders(query).items
                var writer = JSONWriter(capacity: 300_000, fields: nil, filterDepth: 2)
                writer.beginArray()
                for order in orders { OrderEncoder.write(order, to: &writer, context: render) }
                writer.endArray()
                let parsed = try #require(
                    try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [[String: Any]])
                #expect(parsed.count == 100)
                ids += parsed.compactMap { $0["id"] as? Int }
            }
            #expect(ids.count == 400)
            #expect(Set(ids).count == 400)
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
