import Foundation
import NIOHTTP1
import Testing

@testable import WooSim

/// Many stores behind one port: each under its own `/s/n`, with its own orders and keys, built on first use.
@Suite("Fleet")
struct FleetTests {
    static func withFleet<T>(
        stores: Int = 3, _ body: (WooSimFleet, SimHTTPClient) async throws -> T
    ) async throws -> T {
        var configuration = WooSimFleet.Configuration()
        configuration.storeCount = stores
        configuration.store.referenceDate = Date(timeIntervalSince1970: 1_795_478_400)
        let fleet = try await WooSimFleet.start(configuration)
        let client = try SimHTTPClient()
        do {
            let result = try await body(fleet, client)
            try await client.shutdown()
            await fleet.stop()
            return result
        } catch {
            try? await client.shutdown()
            await fleet.stop()
            throw error
        }
    }

    static func signed(
        _ fleet: WooSimFleet, store: Int, _ path: String, _ parameters: [(String, String)] = [], keys: WooSimKeys? = nil
    ) -> String {
        TestSigner.signedURL(
            method: "GET", url: fleet.storeURL(store) + "/wp-json/wc/v3" + path, keys: keys ?? fleet.keys(store),
            parameters: parameters)
    }

    @Test("each store answers under its own prefix, signed over its own URL, with its own orders")
    func storesAreSeparate() async throws {
        try await Self.withFleet { fleet, client in
            #expect(fleet.liveStores == 0)
            let one = try await client.send(.GET, Self.signed(fleet, store: 1, "/orders", [("per_page", "3")]))
            #expect(one.status == 200, "\(one.text)")
            #expect(one.header("X-WP-Total") == "5")
            #expect(try one.array().map { $0["id"] as? Int } == [5, 4, 3])
            let link = try #require(one.header("Link"))
            #expect(link.contains("\(fleet.storeURL(1))/wp-json/wc/v3/orders?"))
            let two = try await client.send(.GET, Self.signed(fleet, store: 2, "/orders/1"))
            #expect(two.status == 200)
            let first = try await client.send(.GET, Self.signed(fleet, store: 1, "/orders/1"))
            #expect(try first.object()["order_key"] as? String != nil)
            #expect(try first.object()["order_key"] as? String != (try two.object()["order_key"] as? String))
            #expect(fleet.keys(1) != fleet.keys(2))
            #expect(fleet.liveStores == 2)

            // Another store's key is not this store's.
            let foreign = try await client.send(.GET, Self.signed(fleet, store: 1, "/orders", keys: fleet.keys(2)))
            #expect(foreign.status == 401)
            // Outside the fleet, or without a store prefix: nothing.
            #expect(try await client.send(.GET, Self.signed(fleet, store: 3, "/orders")).status == 404)
            #expect(try await client.send(.GET, fleet.baseURL + "/wp-json/wc/v3/orders").status == 404)
            #expect(fleet.liveStores == 2)
            #expect(WooSimFleet.storeNumber(inURL: fleet.storeURL(17)) == 17)
        }
    }

    @Test("an order placed in one store appears in that store's listing only")
    func placeOrderInOneStore() async throws {
        try await Self.withFleet { fleet, client in
            let id = try await fleet.placeOrder(store: 0)
            #expect(id == 6)
            let zero = try await client.send(.GET, Self.signed(fleet, store: 0, "/orders"))
            #expect(zero.header("X-WP-Total") == "6")
            let one = try await client.send(.GET, Self.signed(fleet, store: 1, "/orders"))
            #expect(one.header("X-WP-Total") == "5")
            #expect(fleet.requestCount == 2)
        }
    }
}
