import Foundation
import Pacing
import Testing

@testable import Shopify

/// The client over real HTTP on loopback against ``RecordedShopifyAnswers``: the request it sends, retries,
/// throttling and errors.
@Suite struct TransportTests {
    static let token = "shpat_secret_token_never_shown"

    /// Runs `body` with a client aimed at a server that gives `script`'s answers, on a virtual clock.
    func withClient(
        _ script: [RecordedShopifyAnswers.Answer], retryPolicy: RetryPolicy = .default, pacer: StorePacer? = nil,
        _ body: (ShopifyClient, RecordedShopifyAnswers, VirtualClock) async throws -> Void
    ) async throws {
        let server = try await RecordedShopifyAnswers.start(script)
        let clock = VirtualClock()
        let client = try ShopifyClient(
            configuration: ShopifyConfiguration(
                shopURL: server.baseURL + "/", accessToken: Self.token, retryPolicy: retryPolicy, pacer: pacer,
                requestTimeout: .seconds(10), clock: clock))
        do {
            try await body(client, server, clock)
        } catch {
            try? await client.shutdown()
            await server.stop()
            throw error
        }
        try await client.shutdown()
        await server.stop()
    }

    @Test func aQueryPostsToTheVersionedPathWithTheTokenAndOperationName() async throws {
        try await withClient([.data(RecordedBodies.shop)]) { client, server, _ in
            let shop = try await client.shop()
            #expect(shop.myshopifyDomain == "logix-demo.myshopify.com")
            #expect(shop.ianaTimezone == "Europe/Berlin")
            let request = try #require(server.requests.first)
            #expect(request.path == "/admin/api/2026-04/graphql.json")
            #expect(request.headers["x-shopify-access-token"] == Self.token)
            #expect(request.headers["content-type"] == "application/json")
            #expect(request.request?.operationName == "Shop")
            #expect(
                request.request?.query.contains("shop { id name myshopifyDomain currencyCode ianaTimezone }") == true)
        }
    }

    @Test func ordersPageThroughCursorsSortedByUpdateTimeWithQuotedDates() async throws {
        let order2 = RecordedBodies.order.replacingOccurrences(of: "9007199254740993", with: "9007199254740997")
        try await withClient([
            .data(RecordedBodies.orders([RecordedBodies.order], hasNextPage: true, endCursor: "cursor-1")),
            .data(RecordedBodies.orders([order2], hasNextPage: false, endCursor: "cursor-2")),
        ]) { client, server, _ in
            let from = try #require(ShopifyDate.parse("2026-12-01T00:00:00Z"))
            var ids: [Int64] = []
            var cursors: [String?] = []
            for try await page in client.orderPages(ShopifyOrderQuery(updatedFrom: from, pageSize: 5)) {
                ids += page.items.map(\.legacyID)
                cursors.append(page.endCursor)
            }
            #expect(ids == [9_007_199_254_740_993, 9_007_199_254_740_997])
            #expect(cursors == ["cursor-1", "cursor-2"])
            let requests = server.requests.compactMap(\.request)
            #expect(requests.count == 2)
            #expect(requests[0].query.contains("sortKey: UPDATED_AT"))
            #expect(requests[0].variables?["query"]?.string == "updated_at:>='2026-12-01T00:00:00Z'")
            #expect(requests[0].variables?["after"] == JSONValue.null)
            #expect(requests[1].variables?["after"]?.string == "cursor-1")
            #expect(requests[0].variables?["first"] == .number(5))
        }
    }

    @Test func ordersByIDSkipUnknownIdsAndAskInBatches() async throws {
        try await withClient([
            .data(#"{"nodes":[\#(RecordedBodies.order),null]}"#), .data(#"{"nodes":[{}]}"#),
        ]) { client, server, _ in
            let ids = (1...3).map { ShopifyGID(type: "Order", id: Int64($0)) }
            let orders = try await client.orders(ids: ids, batchSize: 2)
            #expect(orders.map(\.legacyID) == [9_007_199_254_740_993])
            let batches = server.requests.compactMap { $0.request?.variables?["ids"]?.array?.count }
            #expect(batches == [2, 1])
        }
    }

    @Test func a503IsRetriedAndThenSucceeds() async throws {
        try await withClient([.htmlError(503), .htmlError(502), .data(RecordedBodies.shop)]) { client, server, clock in
            _ = try await client.shop()
            #expect(server.requests.count == 3)
            #expect(clock.sleeps.count == 2)
        }
    }

    @Test func a429WaitsItsRetryAfter() async throws {
        try await withClient([.tooManyRequests(retryAfter: "2"), .data(RecordedBodies.shop)]) { client, server, clock in
            _ = try await client.shop()
            #expect(server.requests.count == 2)
            #expect(clock.sleeps == [.seconds(2)])
        }
    }

    @Test func throttledIsRetriedAfterRequestedMinusAvailableOverRestoreRate() async throws {
        try await withClient([
            .throttled(requested: 752, available: 100), .data(RecordedBodies.shop, requested: 752, actual: 12),
        ]) { client, server, clock in
            _ = try await client.shop()
            #expect(server.requests.count == 2)
            // (752 − 100) / 50 s.
            #expect(clock.sleeps == [.milliseconds(13_040)])
            #expect(client.throttleReport.throttledAnswers == 1)
        }
    }

    @Test func throttledUntilThePolicyGivesUpIsAThrottledErrorWithTheRefillTime() async throws {
        try await withClient(
            [.throttled(requested: 752, available: 100), .throttled(requested: 752, available: 200)],
            retryPolicy: RetryPolicy(maximumAttempts: 2)
        ) { client, server, _ in
            let error = try await #require(throws: ShopifyError.self) { try await client.shop() }
            #expect(error.kind == .throttled)
            #expect(error.codes == ["THROTTLED"])
            #expect(error.retryAfter == .milliseconds(11_040))
            #expect(!error.isPermanent)
            #expect(error.attempts == 2)
            #expect(server.requests.count == 2)
        }
    }

    @Test func anOrderWithMoreLinesIsReadOnAndAMissingOrderIsNil() async throws {
        let lines =
            #"{"order":{"lineItems":{"pageInfo":{"hasNextPage":false,"endCursor":"l2"},"nodes":[{"id":"gid://shopify/LineItem/13","sku":"C","name":"C","quantity":1,"currentQuantity":1,"unfulfilledQuantity":1,"variant":null,"product":null,"originalUnitPriceSet":null}]}}}"#
        try await withClient([.data(#"{"order":\#(RecordedBodies.order)}"#), .data(lines), .data(#"{"order":null}"#)]) {
            client, server, _ in
            let order = try #require(try await client.order(id: ShopifyGID(type: "Order", id: 9_007_199_254_740_993)))
            #expect(order.hasMoreLineItems)
            let rest = try await client.lineItems(ofOrder: order.id, after: order.lineItemsEndCursor)
            #expect(rest.items.map(\.id.legacyID) == [13])
            #expect(!rest.hasNextPage)
            #expect(server.requests[1].request?.variables?["after"]?.string == order.lineItemsEndCursor)
            #expect(try await client.order(id: ShopifyGID(type: "Order", id: 1)) == nil)
        }
    }

    @Test func variantsBySKUKeepOnlyExactMatches() async throws {
        let page =
            #"{"productVariants":{"pageInfo":{"hasNextPage":false,"endCursor":"v1"},"nodes":[{"id":"gid://shopify/ProductVariant/1","sku":"ABC-1","title":"M","product":{"id":"gid://shopify/Product/1","title":"Shirt"},"inventoryItem":{"id":"gid://shopify/InventoryItem/11","tracked":true}},{"id":"gid://shopify/ProductVariant/2","sku":"ABC-10","title":"L","product":{"id":"gid://shopify/Product/1","title":"Shirt"},"inventoryItem":{"id":"gid://shopify/InventoryItem/12","tracked":false}}]}}"#
        try await withClient([.data(page)]) { client, server, _ in
            let found = try await client.variants(sku: "ABC-1")
            #expect(found.map(\.inventoryItemID?.legacyID) == [11])
            #expect(found.first?.productTitle == "Shirt")
            #expect(server.requests.first?.request?.variables?["query"]?.string == #"sku:"ABC-1""#)
        }
    }

    @Test func theBucketIsWaitedForBeforeAQueryRatherThanCollectingThrottled() async throws {
        // The first answer leaves 100 of 1,000 points, restoring 50/s, and prices the query at 500.
        try await withClient([
            .data(RecordedBodies.shop, requested: 500, actual: 500, available: 100),
            .data(RecordedBodies.shop, requested: 500, actual: 500, available: 0),
        ]) { client, server, clock in
            _ = try await client.shop()
            #expect(clock.sleeps.isEmpty)
            _ = try await client.shop()
            // The second waits (500 − 100) / 50 = 8 s first: its expected cost is the last requestedQueryCost.
            #expect(clock.sleeps == [.seconds(8)])
            #expect(server.requests.count == 2)
            #expect(client.throttleReport.throttledAnswers == 0)
            #expect(client.throttleReport.actualCostSpent == 1_000)
        }
    }

    @Test func concurrentQueriesQueueBehindEachOtherAtTheBucket() async throws {
        try await withClient([
            .data(RecordedBodies.shop, requested: 500, actual: 500, available: 100),
            .data(RecordedBodies.shop, requested: 500, actual: 500, available: 0),
            .data(RecordedBodies.shop, requested: 500, actual: 500, available: 0),
        ]) { client, _, clock in
            _ = try await client.shop()
            async let first = client.shop()
            async let second = client.shop()
            _ = try await (first, second)
            // One goes when the bucket holds its 500 points, (500 − 100) / 50 = 8 s on; the other when 500
            // more have restored, at 18 s — whichever asked first.
            #expect(clock.wakes.sorted() == [.seconds(8), .seconds(18)])
            #expect(client.throttleReport.throttledAnswers == 0)
        }
    }

    @Test func twoClientsOfOneShopShareItsBucket() async throws {
        let server = try await RecordedShopifyAnswers.start([
            .data(RecordedBodies.shop, requested: 500, actual: 500, available: 100),
            .data(RecordedBodies.shop, requested: 500, actual: 500, available: 0),
        ])
        let clock = VirtualClock()
        let bucket = ShopifyCostBucket(now: clock.now())
        func client() throws -> ShopifyClient {
            try ShopifyClient(
                configuration: ShopifyConfiguration(
                    shopURL: server.baseURL, accessToken: Self.token, costBucket: bucket, clock: clock))
        }
        let (first, second) = (try client(), try client())
        _ = try await first.shop()
        // The second client knows what the first spent, and what the query costs.
        _ = try await second.shop()
        #expect(clock.sleeps == [.seconds(8)])
        #expect(bucket.report.actualCostSpent == 1_000)
        try await first.shutdown()
        try await second.shutdown()
        await server.stop()
    }

    @Test func a401IsAnUnauthorizedErrorWithTheRequestIDAndNeverTheToken() async throws {
        try await withClient([.unauthorized, .data(RecordedBodies.shop)]) { client, server, _ in
            let error = try await #require(throws: ShopifyError.self) { try await client.shop() }
            #expect(error.kind == .unauthorized)
            #expect(error.status == 401)
            #expect(error.isAuthenticationFailure && error.isPermanent)
            #expect(error.requestID == "req-401")
            #expect(error.operation == "Shop")
            #expect(error.errors.first?.message.hasPrefix("[API] Invalid API key or access token") == true)
            #expect(!error.description.contains(Self.token))
            #expect(!String(reflecting: error).contains(Self.token))
            #expect(server.requests.count == 1)
        }
    }

    @Test(arguments: [402, 423])
    func a402Or423IsAnUnavailableShop(status: Int) async throws {
        var answer = RecordedShopifyAnswers.Answer.unavailableShop
        answer.status = status
        try await withClient([answer]) { client, _, _ in
            let error = try await #require(throws: ShopifyError.self) { try await client.shop() }
            #expect(error.kind == .shopUnavailable)
            #expect(error.isPermanent)
            #expect(error.errors.map(\.message) == ["Unavailable Shop"])
        }
    }

    @Test func graphQLErrorsWithoutDataArePermanentAndNamed() async throws {
        let body =
            #"{"errors":[{"message":"Field 'x' doesn't exist on type 'Order'","locations":[{"line":1,"column":30}],"path":["query","order","x"],"extensions":{"code":"undefinedField","typeName":"Order","fieldName":"x"}}]}"#
        try await withClient([.init(status: 200, headers: ["X-Request-Id": "req-e"], body: body)]) {
            client, server, _ in
            let error = try await #require(throws: ShopifyError.self) { try await client.shop() }
            #expect(error.kind == .graphQL)
            #expect(error.codes == ["undefinedField"])
            #expect(error.errors.first?.path == ["query", "order", "x"])
            #expect(error.isPermanent)
            #expect(error.requestID == "req-e")
            #expect(server.requests.count == 1)
        }
    }

    @Test func fulfillmentCreateSendsPartialLinesAndTracking() async throws {
        try await withClient([.data(RecordedBodies.fulfillmentCreated)]) { client, server, _ in
            let request = ShopifyFulfillmentRequest(
                lines: [
                    .init(
                        fulfillmentOrderID: ShopifyGID(type: "FulfillmentOrder", id: 1),
                        lineItems: [(ShopifyGID(type: "FulfillmentOrderLineItem", id: 7), 1)])
                ],
                tracking: ShopifyTrackingInfo(company: "UPS", number: "1Z9", url: "https://ups.example/1Z9"))
            let fulfillment = try await client.createFulfillment(request)
            #expect(fulfillment.id.legacyID == 99)
            #expect(fulfillment.trackingInfo.first?.number == "1Z9")
            let input = try #require(server.requests.first?.request?.variables?["fulfillment"])
            #expect(input["notifyCustomer"] == .bool(false))
            #expect(input["trackingInfo"]?["company"]?.string == "UPS")
            let group = try #require(input["lineItemsByFulfillmentOrder"]?.array?.first)
            #expect(group["fulfillmentOrderId"]?.string == "gid://shopify/FulfillmentOrder/1")
            #expect(group["fulfillmentOrderLineItems"]?.array?.first?["quantity"] == .number(1))
        }
    }

    @Test func fulfillmentCreateUserErrorsAreThrownWithTheirMessage() async throws {
        try await withClient([.data(RecordedBodies.fulfillmentClosed)]) { client, _, _ in
            let request = ShopifyFulfillmentRequest(
                lines: [.init(fulfillmentOrderID: ShopifyGID(type: "FulfillmentOrder", id: 1))])
            let error = try await #require(throws: ShopifyError.self) { try await client.createFulfillment(request) }
            #expect(error.kind == .userErrors)
            #expect(error.userErrors.first?.message == "Fulfillment order 1 has an unfulfillable status= closed.")
            #expect(error.userErrors.first?.field == ["fulfillment", "lineItemsByFulfillmentOrder"])
            #expect(error.isPermanent)
        }
    }

    @Test func fulfillmentCreateIsNotResentAfterA504ThatMayHaveShipped() async throws {
        try await withClient([.htmlError(504), .data(RecordedBodies.fulfillmentCreated)]) { client, server, _ in
            let request = ShopifyFulfillmentRequest(
                lines: [.init(fulfillmentOrderID: ShopifyGID(type: "FulfillmentOrder", id: 1))])
            let error = try await #require(throws: ShopifyError.self) { try await client.createFulfillment(request) }
            #expect(error.kind == .http && error.status == 504)
            #expect(!error.isPermanent)
            #expect(error.detail?.contains("text/html") == true)
            #expect(server.requests.count == 1)
        }
    }

    @Test func fulfillmentCreateIsResentAfterThrottledBecauseItDidNotRun() async throws {
        try await withClient([.throttled(requested: 10, available: 0), .data(RecordedBodies.fulfillmentCreated)]) {
            client, server, _ in
            let request = ShopifyFulfillmentRequest(
                lines: [.init(fulfillmentOrderID: ShopifyGID(type: "FulfillmentOrder", id: 1))])
            _ = try await client.createFulfillment(request)
            #expect(server.requests.count == 2)
        }
    }

    @Test func inventoryGoesInBatchesOf250AndARetryKeepsItsIdempotencyKey() async throws {
        try await withClient([
            .htmlError(503), .data(RecordedBodies.inventorySet), .data(RecordedBodies.inventoryStale),
        ]) { client, server, _ in
            let location = ShopifyGID(type: "Location", id: 7)
            let rows = (0..<300).map {
                ShopifyInventoryQuantity(
                    inventoryItemID: ShopifyGID(type: "InventoryItem", id: Int64($0 + 1)), locationID: location,
                    quantity: $0, changeFromQuantity: $0 == 0 ? nil : $0 - 1)
            }
            let results = try await client.setInventoryQuantities(
                rows, referenceDocumentURI: "gid://logix/StockPush/42", idempotencyKey: "push-42")
            #expect(results.map(\.rows) == [0..<250, 250..<300])
            #expect(results.map(\.idempotencyKey) == ["push-42-0", "push-42-1"])
            #expect(results[0].isApplied)
            #expect(results[1].userErrors.first?.code == "CHANGE_FROM_QUANTITY_STALE")
            let requests = server.requests.compactMap(\.request)
            #expect(requests.count == 3)
            // The 503'd batch went again byte for byte: the same key, the same rows.
            #expect(server.requests[0].body == server.requests[1].body)
            #expect(requests[0].query.contains(#"@idempotent(key: "push-42-0")"#))
            #expect(requests[2].query.contains(#"@idempotent(key: "push-42-1")"#))
            let input = try #require(requests[0].variables?["input"])
            #expect(input["name"]?.string == "available")
            #expect(input["referenceDocumentUri"]?.string == "gid://logix/StockPush/42")
            let quantities = try #require(input["quantities"]?.array)
            #expect(quantities.count == 250)
            // `changeFromQuantity: null` is sent, not left out.
            #expect(quantities[0]["changeFromQuantity"] == JSONValue.null)
            #expect(quantities[1]["changeFromQuantity"] == .number(0))
            #expect(requests[2].variables?["input"]?["quantities"]?.array?.count == 50)
        }
    }

    @Test func webhookSubscriptionsAreListedCreatedAndDeleted() async throws {
        try await withClient([
            .data(
                #"{"webhookSubscriptions":{"nodes":[{"id":"gid://shopify/WebhookSubscription/1","topic":"ORDERS_CREATE","uri":"https://logix.example/hook"}],"pageInfo":{"hasNextPage":false,"endCursor":null}}}"#
            ),
            .data(
                #"{"webhookSubscriptionCreate":{"webhookSubscription":{"id":"gid://shopify/WebhookSubscription/2","topic":"ORDERS_UPDATED","uri":"https://logix.example/hook"},"userErrors":[]}}"#
            ),
            .data(
                #"{"webhookSubscriptionCreate":{"webhookSubscription":null,"userErrors":[{"field":["webhookSubscription","callbackUrl"],"message":"Address for this topic has already been taken"}]}}"#
            ),
            .data(
                #"{"webhookSubscriptionDelete":{"deletedWebhookSubscriptionId":"gid://shopify/WebhookSubscription/1","userErrors":[]}}"#
            ),
        ]) { client, server, _ in
            let existing = try await client.webhookSubscriptions()
            #expect(existing.map(\.topic) == [.ordersCreate])
            let created = try await client.createWebhookSubscription(
                topic: .ordersUpdated, uri: "https://logix.example/hook")
            #expect(created.id.legacyID == 2)
            let repeated = try await #require(throws: ShopifyError.self) {
                try await client.createWebhookSubscription(topic: .ordersUpdated, uri: "https://logix.example/hook")
            }
            #expect(repeated.userErrors.first?.message == "Address for this topic has already been taken")
            #expect(try await client.deleteWebhookSubscription(id: existing[0].id)?.legacyID == 1)
            let create = try #require(server.requests[1].request?.variables)
            #expect(create["topic"]?.string == "ORDERS_UPDATED")
            #expect(create["webhookSubscription"]?["format"]?.string == "JSON")
        }
    }

    @Test func fulfillmentOrdersFollowTheirCursors() async throws {
        let page1 = RecordedBodies.fulfillmentOrders.replacingOccurrences(
            of: #""hasNextPage":false,"endCursor":"c1""#, with: #""hasNextPage":true,"endCursor":"c1""#)
        let page2 =
            #"{"order":{"fulfillmentOrders":{"pageInfo":{"hasNextPage":false,"endCursor":"c2"},"nodes":[{"id":"gid://shopify/FulfillmentOrder/3","status":"CLOSED","requestStatus":"UNSUBMITTED","assignedLocation":{"location":{"id":"gid://shopify/Location/7"}},"fulfillmentHolds":[],"lineItems":{"nodes":[]}}]}}}"#
        try await withClient([.data(page1), .data(page2)]) { client, server, _ in
            let orders = try await client.fulfillmentOrders(ofOrder: ShopifyGID(type: "Order", id: 1))
            #expect(orders.map(\.id.legacyID) == [1, 2, 3])
            #expect(server.requests[1].request?.variables?["after"]?.string == "c1")
        }
    }

    @Test func aQueryOverTheCostLimitIsRefusedBeforeSending() async throws {
        try await withClient([]) { client, server, _ in
            let error = try await #require(throws: ShopifyError.self) {
                try await client.ordersPage(ShopifyOrderQuery(pageSize: 50, lineItemsPerOrder: 50))
            }
            #expect(error.kind == .invalidRequest)
            #expect(server.requests.isEmpty)
        }
    }

    @Test func everyAttemptGoesThroughTheStorePacer() async throws {
        let pacer = StorePacer()
        try await withClient([.htmlError(503), .data(RecordedBodies.shop)], pacer: pacer) { client, _, _ in
            _ = try await client.shop()
            // The 503 told the pacer the shop may be overloaded: it backed off once.
            #expect(pacer.snapshot.decreases == 1)
            #expect(pacer.snapshot.inFlight == 0)
        }
    }
}
