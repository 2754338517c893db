extension ShopifyClient {
    /// The shop's name, domain, currency and time zone: the connection test.
    public func shop() async throws -> ShopifyShop {
        struct Payload: Decodable, Sendable { var shop: ShopifyShop? }
        let operation = ShopifyOperation(name: "Shop", query: ShopifyQueries.shop)
        guard let shop = try await send(operation, as: Payload.self).shop else { throw missing("Shop", "shop") }
        return shop
    }

    /// One page of orders changed in the query's window, sorted by update time; pass the previous page's
    /// `endCursor` as `after`.
    public func ordersPage(_ query: ShopifyOrderQuery, after: String? = nil) async throws -> ShopifyPage<ShopifyOrder> {
        struct Payload: Decodable, Sendable { var orders: Connection<ShopifyOrder> }
        try validatePage(query.pageSize, "OrdersChanged")
        try validatePage(query.lineItemsPerOrder, "OrdersChanged")
        let operation = ShopifyOperation(
            name: "OrdersChanged", query: ShopifyQueries.ordersChanged,
            variables: [
                "first": .int(query.pageSize), "after": .optional(after), "query": .optional(query.searchString),
                "lines": .int(query.lineItemsPerOrder),
            ])
        try checkCost(operation)
        let orders = try await send(operation, as: Payload.self).orders
        return ShopifyPage(
            items: orders.nodes, endCursor: orders.pageInfo?.endCursor,
            hasNextPage: orders.pageInfo?.hasNextPage ?? false)
    }

    /// Every page of orders changed in the query's window, from `after` (a cursor kept from an earlier run) or
    /// the start.
    public func orderPages(_ query: ShopifyOrderQuery, after: String? = nil) -> ShopifyPageSequence<ShopifyOrder> {
        ShopifyPageSequence(after: after) { [self] cursor in try await self.ordersPage(query, after: cursor) }
    }

    /// The orders with these ids, read with `nodes` in batches of `batchSize`; ids Shopify does not know (or
    /// that are not orders) are left out. Order of the answer follows `ids`.
    public func orders(ids: [ShopifyGID], batchSize: Int = 10, lineItemsPerOrder: Int = 10) async throws
        -> [ShopifyOrder]
    {
        // `nodes` answers null for unknown ids and `{}` for ids of another type (the fragment did not apply).
        struct Node: Decodable, Sendable {
            private enum Keys: String, CodingKey { case id }
            var order: ShopifyOrder?
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Keys.self)
                order = container.contains(.id) ? try ShopifyOrder(from: decoder) : nil
            }
        }
        try validatePage(batchSize, "OrdersByID")
        try validatePage(lineItemsPerOrder, "OrdersByID")
        var result: [ShopifyOrder] = []
        var start = 0
        while start < ids.count {
            let batch = ids[start..<min(start + batchSize, ids.count)]
            start += batchSize
            let operation = ShopifyOperation(
                name: "OrdersByID", query: ShopifyQueries.ordersByID,
                variables: ["ids": .list(batch.map { .string($0.rawValue) }), "lines": .int(lineItemsPerOrder)])
            try checkCost(operation)
            let nodes = try await send(operation, as: OptionalNodes<Node>.self).nodes
            result += nodes.compactMap { $0?.order }
        }
        return result
    }

    /// One order, or `nil` if Shopify does not know it (deleted, or older than the app may read).
    public func order(id: ShopifyGID, lineItemsPerOrder: Int = 50) async throws -> ShopifyOrder? {
        struct Payload: Decodable, Sendable { var order: ShopifyOrder? }
        try validatePage(lineItemsPerOrder, "Order")
        let operation = ShopifyOperation(
            name: "Order", query: ShopifyQueries.order,
            variables: ["id": .string(id.rawValue), "lines": .int(lineItemsPerOrder)])
        try checkCost(operation)
        return try await send(operation, as: Payload.self).order
    }

    /// Line items of an order after `after` (an order's ``ShopifyOrder/lineItemsEndCursor``): for orders with
    /// more lines than a listing read with them.
    public func lineItems(ofOrder id: ShopifyGID, after: String?, pageSize: Int = 100) async throws
        -> ShopifyPage<ShopifyLineItem>
    {
        struct Payload: Decodable, Sendable {
            struct Order: Decodable, Sendable { var lineItems: Connection<ShopifyLineItem> }
            var order: Order?
        }
        try validatePage(pageSize, "OrderLineItems")
        let operation = ShopifyOperation(
            name: "OrderLineItems", query: ShopifyQueries.orderLineItems,
            variables: ["id": .string(id.rawValue), "first": .int(pageSize), "after": .optional(after)])
        try checkCost(operation)
        guard let lines = try await send(operation, as: Payload.self).order?.lineItems else {
            throw missing("OrderLineItems", "order \(id)")
        }
        return ShopifyPage(
            items: lines.nodes, endCursor: lines.pageInfo?.endCursor, hasNextPage: lines.pageInfo?.hasNextPage ?? false)
    }

    func validatePage(_ size: Int, _ operation: String) throws {
        guard (1...250).contains(size) else {
            throw invalidRequest(operation, "page sizes must be between 1 and 250 (Shopify's limit), got \(size)")
        }
    }
}

/// `nodes(ids:)`: a list with nulls for ids Shopify does not know.
struct OptionalNodes<Node: Decodable & Sendable>: Decodable, Sendable {
    var nodes: [Node?]
}
