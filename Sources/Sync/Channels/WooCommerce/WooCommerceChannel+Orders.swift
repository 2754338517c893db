import Foundation
import LogixCore
import Pacing
import WooCommerce

extension WooCommerceChannel {
    /// Ids per `include=` request: WooCommerce caps `include` and `per_page` at 100.
    static let idsPerRequest = 100

    /// `GET /orders?orderby=id&order=asc` — `orderby=modified` pages wrongly on a real store — with
    /// `modified_after` for the window and `query.concurrency` pages in flight. Pages are offsets, so the
    /// position is the count of pages done.
    public func changedOrders(
        _ query: ChannelOrderQuery, resumingAt position: ChannelPosition, known: any StoredOrderVersions
    ) -> ChannelOrderPages {
        let wooQuery = WooOrderQuery(
            statuses: query.storeStatuses.map(WooOrderStatus.init(rawValue:)), after: query.createdAfter,
            before: query.createdBefore, modifiedAfter: query.changedSince, orderBy: .id, order: .asc,
            perPage: query.pageSize)
        let mapper = batchMapper(known: known, concurrency: query.concurrency)
        // With a pacer, the listing may ask for as many pages as the store's cap allows; the pacer decides how
        // many go out at once.
        let concurrency = client.configuration.pacer?.snapshot.limits.maximumConcurrency ?? query.concurrency
        let pages = client.orders(wooQuery, concurrency: concurrency, firstPage: position.pagesDone + 1)
        return ChannelOrderPages(pages) { page in
            ChannelOrderPage(
                orders: try await mapper.map(page.items), number: page.page, totalPages: page.totalPages,
                totalOrders: page.total, position: ChannelPosition(pagesDone: page.page), storeDate: page.serverDate,
                newestVersion: page.items.compactMap(\.dateModified).max())
        }
    }

    /// `GET /orders?include=…`, 100 ids a request. The listing leaves out trashed orders, which come back as
    /// missing.
    public func orders(ids: [Int64], known: any StoredOrderVersions) async throws -> ChannelOrderBatch {
        let mapper = batchMapper(known: known)
        var batch = ChannelOrderBatch(orders: [], missing: [])
        for chunk in ids.chunked(by: Self.idsPerRequest) {
            let page = try await client.listOrders(
                WooOrderQuery(
                    include: chunk.map { Int($0) }, orderBy: .id, order: .asc, perPage: Self.idsPerRequest))
            let returned = Set(page.items.map { Int64($0.id) })
            batch.missing += chunk.filter { !returned.contains($0) }
            batch.orders += try await mapper.map(page.items)
        }
        return batch
    }

    /// `GET /orders/{id}`, which answers for trashed orders too; a 404 is `nil`.
    public func order(id: Int64, known: any StoredOrderVersions) async throws -> Result<Order, MappingFailure>? {
        let order: WooOrder
        do {
            order = try await client.order(id: Int(id))
        } catch let error as WooCommerceError where error.status == 404 {
            return nil  // deleted for good
        }
        return try await batchMapper(known: known).map([order]).first
    }

    /// `GET /orders?include=…&_fields=id,status,date_modified_gmt`, 100 ids a request.
    public func orderVersions(ids: [Int64]) async throws -> [ChannelOrderVersion] {
        var versions: [ChannelOrderVersion] = []
        for chunk in ids.chunked(by: Self.idsPerRequest) {
            let query = WooOrderQuery(
                include: chunk.map { Int($0) }, orderBy: .id, order: .asc, perPage: Self.idsPerRequest)
            for try await version in client.orderVersions(query, concurrency: 1).items {
                versions.append(
                    ChannelOrderVersion(
                        externalID: Int64(version.id), version: version.dateModified,
                        storeStatus: version.status.rawValue))
            }
        }
        return versions
    }

    /// A webhook body is the order as `GET /orders/{id}` returns it. It is read again from the store when it
    /// is not a whole order: no version, or an `order.deleted` body (only the id, or the order without lines).
    public func webhookOrders(
        _ deliveries: [ChannelWebhookBody], known: any StoredOrderVersions
    ) async throws -> [ChannelWebhookOrder] {
        var outcomes = [ChannelWebhookOrder](repeating: .ignored, count: deliveries.count)
        var bodies: [(index: Int, order: WooOrder)] = []
        for (index, delivery) in deliveries.enumerated() {
            guard delivery.topic.hasPrefix("order.") else { continue }
            if let order = Self.wholeOrder(in: delivery, decoding: client.configuration.orderDecoding) {
                bodies.append((index, order))
            } else {
                outcomes[index] = .refetch
            }
        }
        let results = try await batchMapper(known: known, current: false).map(bodies.map(\.order))
        for (body, result) in zip(bodies, results) { outcomes[body.index] = .order(result) }
        return outcomes
    }
}

extension WooCommerceChannel {
    /// The order an `order.*` delivery carries whole: readable, with its modification time, and with its lines
    /// (an `order.deleted` body may hold only the id). `nil`: read it again from the store.
    static func wholeOrder(in delivery: ChannelWebhookBody, decoding: WooOrderDecoding) -> WooOrder? {
        guard delivery.topic.hasPrefix("order."), let order = try? decoding.order(from: delivery.body),
            order.dateModified != nil, !order.lineItems.isEmpty || delivery.topic != "order.deleted"
        else { return nil }
        return order
    }
}
