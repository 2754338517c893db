extension ShopifyClient {
    /// Every fulfillment order of an order, following the cursors: `pageSize` fulfillment orders with up to
    /// `linesPerFulfillmentOrder` lines each per request, small enough to stay under the 1,000-point limit.
    /// A fulfillment order with more lines than that says so (``ShopifyFulfillmentOrder/hasMoreLineItems``).
    public func fulfillmentOrders(
        ofOrder orderID: ShopifyGID, pageSize: Int = 5, linesPerFulfillmentOrder: Int = 50
    ) async throws -> [ShopifyFulfillmentOrder] {
        struct Payload: Decodable, Sendable {
            struct Order: Decodable, Sendable { var fulfillmentOrders: Connection<ShopifyFulfillmentOrder> }
            var order: Order?
        }
        try validatePage(pageSize, "FulfillmentOrders")
        try validatePage(linesPerFulfillmentOrder, "FulfillmentOrders")
        var result: [ShopifyFulfillmentOrder] = []
        var after: String?
        while true {
            let operation = ShopifyOperation(
                name: "FulfillmentOrders", query: ShopifyQueries.fulfillmentOrders,
                variables: [
                    "id": .string(orderID.rawValue), "first": .int(pageSize), "after": .optional(after),
                    "lines": .int(linesPerFulfillmentOrder),
                ])
            try checkCost(operation)
            guard let page = try await send(operation, as: Payload.self).order?.fulfillmentOrders else {
                throw ShopifyError(
                    kind: .graphQL, shop: shopURL, operation: "FulfillmentOrders",
                    errors: [.init(message: "order \(orderID) not found", code: "NOT_FOUND")])
            }
            // Without pageInfo on the line connection, a full page of lines may have more behind it.
            result += page.nodes.map { order in
                var order = order
                order.hasMoreLineItems = order.hasMoreLineItems || order.lineItems.count >= linesPerFulfillmentOrder
                return order
            }
            guard page.pageInfo?.hasNextPage == true, let cursor = page.pageInfo?.endCursor, cursor != after else {
                return result
            }
            after = cursor
        }
    }

    /// Ships lines (`fulfillmentCreate`). Throws ``ShopifyError`` of kind `userErrors` when Shopify refuses
    /// (a closed fulfillment order: "…has an unfulfillable status= closed.").
    ///
    /// Never sent twice: a second run would ship twice. A failure after it may have reached Shopify (a 5xx,
    /// a timeout, a dropped connection) is thrown as it is; read the fulfillment orders again before trying.
    public func createFulfillment(_ request: ShopifyFulfillmentRequest) async throws -> ShopifyFulfillment {
        struct Payload: Decodable, Sendable {
            struct Result: Decodable, Sendable {
                var fulfillment: ShopifyFulfillment?
                var userErrors: [ShopifyError.UserError]
            }
            var fulfillmentCreate: Result?
        }
        guard !request.lines.isEmpty else {
            throw invalidRequest("FulfillmentCreate", "a fulfillment needs at least one fulfillment order")
        }
        let operation = ShopifyOperation(
            name: "FulfillmentCreate", query: ShopifyQueries.fulfillmentCreate,
            variables: ["fulfillment": request.input], isResendable: false)
        let result = try await send(operation, as: Payload.self).fulfillmentCreate
        if let errors = result?.userErrors, !errors.isEmpty { throw userErrors("FulfillmentCreate", errors) }
        guard let fulfillment = result?.fulfillment else { throw missing("FulfillmentCreate", "fulfillment") }
        return fulfillment
    }

    /// Sets a fulfillment's tracking (`fulfillmentTrackingInfoUpdate`): a set, so safe to resend.
    public func updateTracking(
        fulfillmentID: ShopifyGID, tracking: ShopifyTrackingInfo, notifyCustomer: Bool = false
    ) async throws -> ShopifyFulfillment {
        struct Payload: Decodable, Sendable {
            struct Result: Decodable, Sendable {
                var fulfillment: ShopifyFulfillment?
                var userErrors: [ShopifyError.UserError]
            }
            var fulfillmentTrackingInfoUpdate: Result?
        }
        let operation = ShopifyOperation(
            name: "FulfillmentTrackingInfoUpdate", query: ShopifyQueries.fulfillmentTrackingInfoUpdate,
            variables: [
                "fulfillmentId": .string(fulfillmentID.rawValue), "trackingInfoInput": tracking.input,
                "notifyCustomer": .bool(notifyCustomer),
            ])
        let result = try await send(operation, as: Payload.self).fulfillmentTrackingInfoUpdate
        if let errors = result?.userErrors, !errors.isEmpty {
            throw userErrors("FulfillmentTrackingInfoUpdate", errors)
        }
        guard let fulfillment = result?.fulfillment else {
            throw missing("FulfillmentTrackingInfoUpdate", "fulfillment")
        }
        return fulfillment
    }
}
