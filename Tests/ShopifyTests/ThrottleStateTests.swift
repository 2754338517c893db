import Testing

@testable import Shopify

/// The bucket model: what it assumes, how it restores, and the waits it asks for.
@Suite struct ThrottleStateTests {
    let standard = ShopifyThrottleStatus(maximumAvailable: 1_000, currentlyAvailable: 1_000, restoreRate: 50)

    @Test func aFullBucketLetsAQueryGoAtOnceAndTheNextWaitsForTheRest() {
        var state = ShopifyThrottleState(assumed: standard, now: .zero)
        #expect(state.reserve(cost: 600, now: .zero) == .zero)
        // 400 left; 600 more needs 200 points at 50/s.
        #expect(state.reserve(cost: 600, now: .zero) == .seconds(4))
        // Both reservations are in flight; the balance owes 200, restored by the time the second goes.
        #expect(state.reservedInFlight == 1_200)
        #expect(state.balance == -200)
        #expect(state.available(at: .seconds(4)) == 0)
        // A third asked now or later goes at the same instant, after the second's points restore.
        #expect(state.wait(forCost: 600, at: .zero) == .seconds(16))
        #expect(state.wait(forCost: 600, at: .seconds(4)) == .seconds(12))
    }

    @Test func anAnswerReplacesTheModelWithShopifysBucketAndItRestoresToTheMaximum() {
        var state = ShopifyThrottleState(assumed: standard, now: .zero)
        _ = state.reserve(cost: 100, now: .zero)
        state.observe(
            ShopifyThrottleStatus(maximumAvailable: 2_000, currentlyAvailable: 300, restoreRate: 100), releasing: 100,
            now: .seconds(1))
        #expect(state.isObserved)
        #expect(state.maximum == 2_000)
        #expect(state.reservedInFlight == 0)
        #expect(state.available(at: .seconds(1)) == 300)
        #expect(state.available(at: .seconds(3)) == 500)
        #expect(state.available(at: .seconds(100)) == 2_000)
    }

    @Test func throttledWaitIsRequestedMinusAvailableOverRestoreRate() {
        var state = ShopifyThrottleState(assumed: standard, now: .zero)
        let reserved = 752.0
        _ = state.reserve(cost: reserved, now: .zero)
        state.observe(
            ShopifyThrottleStatus(maximumAvailable: 1_000, currentlyAvailable: 100, restoreRate: 50),
            releasing: reserved,
            now: .zero)
        // (752 − 100) / 50 = 13.04 s, rounded up to the millisecond.
        #expect(state.wait(forCost: 752, at: .zero) == .milliseconds(13_040))
        #expect(state.reserve(cost: 752, now: .zero) == .milliseconds(13_040))
    }

    @Test func otherQueriesInFlightAreDeductedFromShopifysFigure() {
        var state = ShopifyThrottleState(assumed: standard, now: .zero)
        _ = state.reserve(cost: 200, now: .zero)
        _ = state.reserve(cost: 300, now: .zero)
        // The first answers: Shopify saw 800 left, but 300 are promised to the query still in flight.
        state.observe(
            ShopifyThrottleStatus(maximumAvailable: 1_000, currentlyAvailable: 800, restoreRate: 50), releasing: 200,
            now: .zero)
        #expect(state.available(at: .zero) == 500)
        #expect(state.wait(forCost: 600, at: .zero) == .seconds(2))
    }

    @Test func aReservationThatNeverRanIsGivenBack() {
        var state = ShopifyThrottleState(assumed: standard, now: .zero)
        _ = state.reserve(cost: 400, now: .zero)
        state.release(400, spent: false, now: .zero)
        #expect(state.available(at: .zero) == 1_000)
        _ = state.reserve(cost: 400, now: .zero)
        state.release(400, spent: true, now: .zero)
        #expect(state.available(at: .zero) == 600)
    }

    @Test func aQueryDearerThanTheBucketWaitsForAFullBucketNotForever() {
        var state = ShopifyThrottleState(assumed: standard, now: .zero)
        _ = state.reserve(cost: 1_000, now: .zero)
        #expect(state.wait(forCost: 5_000, at: .zero) == .seconds(20))
    }
}

/// The cost estimate before Shopify has priced a query.
@Suite struct CostEstimateTests {
    @Test func connectionsCostTwoPlusFirstTimesTheirNode() {
        // orders: 2 + 10 × (the order 1 + customer 1 + lineItems (2 + 5 × (the line 1 + variant 1))) + pageInfo 1
        let query =
            "query Q { orders(first: 10) { pageInfo { hasNextPage } nodes { id customer { id } lineItems(first: 5) { nodes { id variant { id } } } } } }"
        let expected: Double = 2 + 10 * 14 + 1
        #expect(ShopifyCostEstimate.estimate(query: query) == expected)
        let edges =
            "query Q { orders(first: 10) { edges { node { id customer { id } lineItems(first: 5) { edges { node { id variant { id } } } } } } } }"
        #expect(ShopifyCostEstimate.estimate(query: edges) == expected - 1)
    }

    @Test func variablesSizeTheConnectionsAndMutationsCostTen() {
        let query =
            "query Q($first: Int!) { productVariants(first: $first) { nodes { id product { id } inventoryItem { id } } } }"
        #expect(ShopifyCostEstimate.estimate(query: query, sizes: ["first": 100]) == 302)
        #expect(ShopifyCostEstimate.estimate(query: ShopifyQueries.fulfillmentCreate) == 10)
        #expect(ShopifyCostEstimate.estimate(query: ShopifyQueries.inventorySetQuantities(idempotencyKey: "k")) == 10)
    }

    @Test func nodesByIDCountsTheIDs() {
        let query = ShopifyQueries.ordersByID
        let one = ShopifyCostEstimate.estimate(
            query: query, variables: ["ids": .list([.string("a")]), "lines": .int(10)])
        let ten = ShopifyCostEstimate.estimate(
            query: query, variables: ["ids": .list(Array(repeating: .string("a"), count: 10)), "lines": .int(10)])
        #expect(one > 0)
        #expect(ten == 10 * one)
    }

    @Test func theDefaultPagesStayUnderTheSingleQueryLimit() {
        let orders = ShopifyCostEstimate.estimate(
            query: ShopifyQueries.ordersChanged, variables: ["first": .int(10), "lines": .int(10)])
        let fulfillmentOrders = ShopifyCostEstimate.estimate(
            query: ShopifyQueries.fulfillmentOrders, variables: ["first": .int(5), "lines": .int(50)])
        #expect(orders < 1_000)
        #expect(fulfillmentOrders < 1_000)
        // The fact sheet's example of a refused query: 10 fulfillment orders of 50 lines... by its rules ≈ 1,060;
        // ours are a lower bound, and 25 orders × 20 lines is well over.
        let big = ShopifyCostEstimate.estimate(
            query: ShopifyQueries.ordersChanged, variables: ["first": .int(25), "lines": .int(20)])
        #expect(big > 1_000)
    }
}

/// The model against a bucket that behaves as the fact sheet says Shopify's does (§8: the bucket must hold
/// `requestedQueryCost`, the excess over `actualQueryCost` is refunded), on simulated time.
@Suite struct ThrottleAgainstShopifysBucketTests {
    /// Shopify's side: a leaky bucket per app and shop.
    struct ShopBucket {
        var maximum: Double
        var restoreRate: Double
        var level: Double
        var at: Double = 0
        var throttled = 0

        mutating func answer(requested: Double, actual: Double, at time: Double) -> ShopifyThrottleStatus? {
            level = min(maximum, level + (time - at) * restoreRate)
            at = time
            guard level >= requested else {
                throttled += 1
                return nil
            }
            level -= actual
            return ShopifyThrottleStatus(maximumAvailable: maximum, currentlyAvailable: level, restoreRate: restoreRate)
        }
    }

    @Test(arguments: [(752.0, 600.0), (252.0, 12.0), (999.0, 999.0)])
    func aLongImportNeverGetsThrottledAndRunsAtTheRestoreRate(requested: Double, actual: Double) {
        var shop = ShopBucket(maximum: 1_000, restoreRate: 50, level: 1_000)
        let assumed = ShopifyThrottleStatus(maximumAvailable: 1_000, currentlyAvailable: 1_000, restoreRate: 50)
        var model = ShopifyThrottleState(assumed: assumed, now: .zero)
        var now = 0.0
        let latency = 0.15
        // The first page is priced by the estimate, lower than Shopify's price; the rest by the last price.
        var expected = requested / 2
        let pages = 200
        for _ in 0..<pages {
            let wait = model.reserve(cost: expected, now: .milliseconds(Int64(now * 1000)))
            now += ShopifyThrottleState.seconds(wait)
            let status = shop.answer(requested: requested, actual: actual, at: now + latency / 2)
            now += latency
            if let status {
                model.observe(status, releasing: expected, now: .milliseconds(Int64(now * 1000)))
            }
            expected = requested
        }
        #expect(shop.throttled == 0)
        // No slower than the bucket allows: what was spent beyond the first bucket, restored at 50/s, plus the
        // round trips.
        let bound = (Double(pages) * actual - 1_000 + requested) / 50 + Double(pages) * latency
        #expect(now <= bound)
    }
}
