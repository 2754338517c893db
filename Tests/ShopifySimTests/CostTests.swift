import Foundation
import NIOHTTP1
import Testing

@testable import ShopifySim

@Suite("ShopifySim query cost and the leaky bucket")
struct CostTests {
    /// The fact sheet's order query with N orders and L lines a page.
    static func ordersQuery(orders: Int, lines: Int) -> String {
        """
        query Orders($after: String, $q: String) {
          orders(first: \(orders), after: $after, query: $q, sortKey: UPDATED_AT) {
            pageInfo { hasNextPage endCursor }
            nodes { id legacyResourceId name createdAt updatedAt cancelledAt cancelReason closedAt test email phone note tags
              displayFinancialStatus displayFulfillmentStatus currencyCode totalPriceSet { shopMoney { amount currencyCode } }
              customer { id firstName lastName }
              shippingAddress { name company address1 address2 city province provinceCode zip country countryCodeV2 phone }
              shippingLines(first: 5) { nodes { title code originalPriceSet { shopMoney { amount } } } }
              lineItems(first: \(lines)) { pageInfo { hasNextPage endCursor }
                nodes { id sku name quantity currentQuantity unfulfilledQuantity variant { id sku } product { id }
                  originalUnitPriceSet { shopMoney { amount currencyCode } } } } } } }
        """
    }

    struct Orders: Decodable {
        var orders: Connection<Node>

        struct Node: Decodable {
            var id: String
        }
    }

    @Test("requested cost follows the rules (2 + N × (25 + 5L) + pageInfo); actual cost counts what came back")
    func requestedAndActual() async throws {
        try await withSim(testConfiguration { $0.clock = ShopifySimManualClock() }) { _, client in
            let reply = try await client.graphQL(Self.ordersQuery(orders: 10, lines: 10), variables: "{\"q\":null}")
            let answer = try reply.answer(Orders.self)
            let cost = try #require(answer.extensions?.cost)
            #expect(cost.requestedQueryCost == 2 + 10 * (25 + 5 * 10) + 1)
            let actual = try #require(cost.actualQueryCost)
            #expect(actual < cost.requestedQueryCost)
            #expect(actual > 10 * 10)
            #expect(cost.throttleStatus.maximumAvailable == 2000)
            #expect(cost.throttleStatus.restoreRate == 100)
            #expect(cost.throttleStatus.currentlyAvailable == Double(2000 - actual))

            let mutation = try await client.graphQL(
                "mutation { webhookSubscriptionDelete(id: \"gid://shopify/WebhookSubscription/1\") { deletedWebhookSubscriptionId userErrors { field message } } }"
            )
            #expect(try mutation.answer(AnyData.self).extensions?.cost?.requestedQueryCost == 10)
        }
    }

    @Test("a query above 1,000 points is refused with MAX_COST_EXCEEDED and no data")
    func maxCost() async throws {
        try await withSim { _, client in
            let reply = try await client.graphQL(Self.ordersQuery(orders: 25, lines: 20))
            let body = try reply.object()
            #expect(body["data"] == nil)
            let answer = try reply.answer(Orders.self)
            let requested = 2 + 25 * (25 + 5 * 20) + 1
            #expect(
                answer.errors?.first?.message
                    == "Query cost is \(requested), which exceeds the single query max cost limit (1000).")
            #expect(answer.errors?.first?.extensions?.code == "MAX_COST_EXCEEDED")
            #expect(answer.extensions?.cost?.actualQueryCost == nil)
        }
    }

    @Test("the fact sheet's fulfillment-order query (10 FOs × 50 lines) is over the limit; 5 × 20 is not")
    func fulfillmentOrderQueryCost() async throws {
        try await withSim { sim, client in
            let order = try #require(await sim.orders.first)
            func query(_ orders: Int, _ lines: Int) -> String {
                """
                { order(id: "\(order.id)") { fulfillmentOrders(first: \(orders)) { nodes { id status requestStatus
                  assignedLocation { location { id } } fulfillmentHolds { reason }
                  lineItems(first: \(lines)) { nodes { id remainingQuantity lineItem { id } } } } } } }
                """
            }
            let refused = try await client.graphQL(query(10, 50)).answer(AnyData.self)
            #expect(refused.errors?.first?.extensions?.code == "MAX_COST_EXCEEDED")
            #expect(refused.extensions?.cost?.requestedQueryCost == 1 + 2 + 10 * (1 + 2 + 1 + 2 + 50 * 2))
            let served = try await client.graphQL(query(5, 20)).answer(AnyData.self)
            #expect(served.errors == nil)
            #expect(served.extensions?.cost?.requestedQueryCost == 1 + 2 + 5 * (1 + 2 + 1 + 2 + 20 * 2))
        }
    }

    @Test("an empty bucket answers 200 THROTTLED without data; it refills at the restore rate, per token")
    func throttled() async throws {
        let clock = ShopifySimManualClock()
        try await withSim(
            testConfiguration {
                $0.clock = clock
                $0.bucketSize = 1_000
                $0.restoreRate = 50
                $0.additionalAccessTokens = ["shpat_other"]
            }
        ) { sim, client in
            let query = Self.ordersQuery(orders: 10, lines: 10)
            let requested = 2 + 10 * 75 + 1
            let first = try await client.graphQL(query)
            let firstCost = try #require(try first.answer(Orders.self).extensions?.cost)
            let left = firstCost.throttleStatus.currentlyAvailable
            #expect(left == Double(1_000 - firstCost.actualQueryCost!))
            // Two more full-cost queries cannot both fit: spend until the bucket holds less than `requested`.
            var reply = try await client.graphQL(query)
            while try reply.object()["data"] != nil {
                reply = try await client.graphQL(query)
            }
            #expect(reply.status == 200)
            let answer = try reply.answer(Orders.self)
            #expect(answer.errors?.first?.message == "Throttled")
            #expect(answer.errors?.first?.extensions?.code == "THROTTLED")
            #expect(answer.extensions?.cost?.requestedQueryCost == requested)
            #expect(answer.extensions?.cost?.actualQueryCost == nil)
            let available = try #require(answer.extensions?.cost?.throttleStatus.currentlyAvailable)
            #expect(available < Double(requested))

            // Another token has a bucket of its own.
            #expect(try await client.graphQL(query, token: "shpat_other").object()["data"] != nil)

            // Waiting (requested − available) / restoreRate seconds is enough.
            let seconds = (Double(requested) - available) / 50
            clock.advance(by: .milliseconds(Int64((seconds * 1000).rounded(.up))))
            #expect(try await client.graphQL(query).object()["data"] != nil)
            #expect(await sim.throttleStatus().maximumAvailable == 1_000)
        }
    }

    @Test("the sim counts its THROTTLED answers, the sum of actualQueryCost it charged and of requestedQueryCost")
    func ledger() async throws {
        let clock = ShopifySimManualClock()
        try await withSim(
            testConfiguration {
                $0.clock = clock
                $0.bucketSize = 1_000
                $0.restoreRate = 50
            }
        ) { sim, client in
            #expect(await sim.throttledCount == 0)
            #expect(await sim.chargedCost == 0)
            let query = Self.ordersQuery(orders: 10, lines: 10)
            var (charged, requested) = (0, 0)
            var answer = try await client.graphQL(query).answer(Orders.self)
            while let actual = answer.extensions?.cost?.actualQueryCost {
                charged += actual
                requested += answer.extensions?.cost?.requestedQueryCost ?? 0
                answer = try await client.graphQL(query).answer(Orders.self)
            }
            #expect(answer.errors?.first?.extensions?.code == "THROTTLED")
            #expect(charged > 0)
            #expect(await sim.throttledCount == 1)
            #expect(await sim.chargedCost == charged)
            #expect(await sim.requestedCost == requested && requested > charged)

            // Refused again, and refused for its size: only THROTTLED counts, neither is charged.
            _ = try await client.graphQL(query)
            let tooBig = try await client.graphQL(Self.ordersQuery(orders: 25, lines: 20)).answer(Orders.self)
            #expect(tooBig.errors?.first?.extensions?.code == "MAX_COST_EXCEEDED")
            #expect(await sim.throttledCount == 2)
            #expect(await sim.chargedCost == charged)
            #expect(await sim.requestedCost == requested)

            // Once the bucket holds the query again it runs and its actual cost is charged.
            clock.advance(by: .seconds(20))
            let served = try await client.graphQL(query).answer(Orders.self)
            let actual = try #require(served.extensions?.cost?.actualQueryCost)
            let asked = try #require(served.extensions?.cost?.requestedQueryCost)
            #expect(await sim.throttledCount == 2)
            #expect(await sim.chargedCost == charged + actual)
            #expect(await sim.requestedCost == requested + asked)
            struct Stats: Decodable {
                var throttled: Int
                var chargedCost: Int
                var requestedCost: Int
            }
            let stats = try await client.send(.GET, "\(sim.baseURL)/__sim/stats").decode(Stats.self)
            #expect(stats.throttled == 2)
            #expect(stats.chargedCost == charged + actual)
            #expect(stats.requestedCost == requested + asked)
        }
    }
}
