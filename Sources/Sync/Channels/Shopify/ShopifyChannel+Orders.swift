import Foundation
import LogixCore
import Shopify
import Synchronization

extension ShopifyChannel {
    /// Orders a page of the listing holds. A page's requested cost is about 2 + orders × (25 + 5 × lines)
    /// (fact sheet §3), which must stay under Shopify's 1,000 a query: 10 orders of 10 lines ask for ~752.
    static let ordersPerPage = 10
    /// Lines read with each order; an order with more has the rest read before it is mapped.
    static let linesPerOrder = 10

    /// `orders(query: "updated_at:>='…'", sortKey: UPDATED_AT)`, page after page by cursor. The position's
    /// token is the cursor after the last page handed over, so a read resumed from it starts with the next.
    /// The listing's store statuses are Logix's own fold of Shopify's (``ShopifyStatusMapping``), which Shopify
    /// cannot search by: every order of the window is read and the mapping decides.
    public func changedOrders(
        _ query: ChannelOrderQuery, resumingAt position: ChannelPosition, known: any StoredOrderVersions
    ) -> ChannelOrderPages {
        var search: [String] = []
        if let after = query.createdAfter { search.append("created_at:>='\(ShopifyDate.format(after))'") }
        if let before = query.createdBefore { search.append("created_at:<='\(ShopifyDate.format(before))'") }
        let shopifyQuery = ShopifyOrderQuery(
            updatedFrom: query.changedSince, test: mapper.importsTestOrders ? nil : false,
            extraSearch: search.joined(separator: " "), pageSize: min(query.pageSize, Self.ordersPerPage),
            lineItemsPerOrder: Self.linesPerOrder)
        let pagesDone = Mutex(position.pagesDone)
        let pages = client.orderPages(shopifyQuery, after: position.token)
        return ChannelOrderPages(pages) { page in
            let number = pagesDone.withLock { count in
                count += 1
                return count
            }
            let orders = try await complete(page.items)
            let mapped = try await map(orders, known: known)
            return ChannelOrderPage(
                orders: mapped, number: number, totalPages: page.hasNextPage ? nil : number, totalOrders: nil,
                position: ChannelPosition(pagesDone: number, token: page.endCursor ?? position.token),
                storeDate: nil, newestVersion: orders.map(\.updatedAt).max())
        }
    }

    /// `nodes(ids: […])`, ten orders a request. Ids Shopify does not know (deleted orders) come back missing.
    public func orders(ids: [Int64], known: any StoredOrderVersions) async throws -> ChannelOrderBatch {
        let found = try await complete(
            client.orders(
                ids: ids.map { ShopifyGID(type: "Order", id: $0) }, batchSize: Self.ordersPerPage,
                lineItemsPerOrder: Self.linesPerOrder))
        let returned = Set(found.map(\.legacyID))
        return ChannelOrderBatch(
            orders: try await map(found, known: known), missing: ids.filter { !returned.contains($0) })
    }

    /// `order(id:)`; `nil` when the store has no such order (deleted).
    public func order(id: Int64, known: any StoredOrderVersions) async throws -> Result<Order, MappingFailure>? {
        guard
            let order = try await client.order(
                id: ShopifyGID(type: "Order", id: id), lineItemsPerOrder: Self.linesPerOrder)
        else { return nil }
        return try await map(complete([order]), known: known).first
    }

    /// The orders' versions and store statuses, read with `nodes` as whole orders (Shopify's store status is
    /// computed from several fields, and a node of a few fields costs little more).
    public func orderVersions(ids: [Int64]) async throws -> [ChannelOrderVersion] {
        let orders = try await client.orders(
            ids: ids.map { ShopifyGID(type: "Order", id: $0) }, batchSize: 50, lineItemsPerOrder: 1)
        return orders.map {
            ChannelOrderVersion(
                externalID: $0.legacyID, version: $0.updatedAt, storeStatus: ShopifyStatusMapping.storeStatus(of: $0))
        }
    }

    /// Every order delivery is read again from the Admin API rather than mapped from its body: Shopify sends
    /// deliveries out of order, late and twice, and a body's REST shape differs from the API's (fact sheet §10:
    /// re-read the order on each `orders/updated`). `orders/delete` reads nothing back and so applies as a
    /// deletion. Other topics carry no order.
    public func webhookOrders(
        _ deliveries: [ChannelWebhookBody], known: any StoredOrderVersions
    ) async throws -> [ChannelWebhookOrder] {
        deliveries.map { delivery in
            if delivery.topic.hasPrefix("orders/") { return .refetch }
            return delivery.topic == "app/uninstalled" ? .accessRevoked : .ignored
        }
    }

    /// The orders with every line: those with more lines than a listing reads have the rest read by cursor.
    func complete(_ orders: [ShopifyOrder]) async throws -> [ShopifyOrder] {
        var complete = orders
        for index in complete.indices where complete[index].hasMoreLineItems {
            var cursor = complete[index].lineItemsEndCursor
            var more = true
            while more {
                let page = try await client.lineItems(ofOrder: complete[index].id, after: cursor)
                complete[index].lineItems += page.items
                (cursor, more) = (page.endCursor, page.hasNextPage)
            }
            complete[index].hasMoreLineItems = false
        }
        return complete
    }

    /// Maps orders, each as one Logix already holds when it does (a test order imported before keeps being
    /// followed).
    func map(_ orders: [ShopifyOrder], known: any StoredOrderVersions) async throws -> [Result<Order, MappingFailure>] {
        let held = orders.contains(where: \.test) ? try await known.storedVersions(of: orders.map(\.legacyID)) : [:]
        return orders.map { mapper.map($0, alreadyImported: held[$0.legacyID] != nil) }
    }
}
