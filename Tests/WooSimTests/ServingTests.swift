import Foundation
import NIOHTTP1
import Testing

@testable import WooSim

@Suite("Serving the API")
struct ServingTests {
    @Test("the route index answers without credentials")
    func routeIndex() async throws {
        try await withSim { sim, client in
            let reply = try await client.send(.GET, sim.apiRoot)
            #expect(reply.status == 200)
            let routes = try #require(try reply.object()["routes"] as? [String: Any])
            #expect(routes["/wc/v3/orders"] != nil)
        }
    }

    @Test("an unknown route is rest_no_route")
    func unknownRoute() async throws {
        try await withSim { sim, client in
            let reply = try await client.send(.GET, sim.signed("GET", "/orderz"))
            #expect(reply.status == 404)
            #expect(try reply.object()["code"] as? String == "rest_no_route")
        }
    }

    @Test("a signed order page has WooCommerce's shape")
    func orderPage() async throws {
        try await withSim { sim, client in
            let reply = try await client.send(.GET, sim.signed("GET", "/orders", [("per_page", "5")]))
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.header("X-WP-Total") == "250")
            #expect(reply.header("X-WP-TotalPages") == "50")
            let orders = try reply.array()
            #expect(orders.count == 5)
            #expect(orders.map { $0["id"] as? Int } == [250, 249, 248, 247, 246])
            let first = orders[0]
            #expect(first["total"] is String)
            #expect((first["date_created"] as? String)?.count == 19)
            let line = try #require((first["line_items"] as? [[String: Any]])?.first)
            #expect(line["price"] is NSNumber)
        }
    }
}

@Suite("Stopping the store")
struct StoppingTests {
    @Test("a request in flight when the store stops is answered, not cut off")
    func requestInFlightIsAnswered() async throws {
        try await withSim { sim, client in
            await sim.setFaults(WooSimFaults(latencyMilliseconds: 400))
            try await withThrowingTaskGroup(of: Int.self) { group in
                group.addTask {
                    try await client.send(.GET, sim.signed("GET", "/orders/7")).status
                }
                // Stop once the store has the request (it counts requests as they arrive).
                while await sim.requestCount == 0 { await Task.yield() }
                await sim.stop()
                let status = try await group.next()
                #expect(status == 200)
            }
        }
    }
}
