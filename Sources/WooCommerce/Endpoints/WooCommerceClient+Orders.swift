import Foundation
import NIOHTTP1

extension WooCommerceClient {
    /// One page of `GET /orders`.
    public func listOrders(_ query: WooOrderQuery = WooOrderQuery(), page: Int = 1) async throws -> WooPage<WooOrder> {
        try validatePerPage(query.perPage, "orders")
        let decoding = configuration.orderDecoding
        return try await self.page(
            "orders", query: query.queryItems(page: page), page: page, perPage: query.perPage, as: WooOrder.self,
            decodingWith: { try decoding.list(from: $0) })
    }

    /// Every page of `GET /orders`, `concurrency` pages in flight, handed over in order.
    ///
    /// Sort by ``WooOrderBy/id`` (ascending) when paging a listing that may change while it is read.
    public func orders(
        _ query: WooOrderQuery = WooOrderQuery(), concurrency: Int = 4, firstPage: Int = 1
    ) -> WooPageSequence<WooOrder> {
        let decoding = configuration.orderDecoding
        return pages(
            "orders", perPage: query.perPage, firstPage: firstPage, concurrency: concurrency,
            query: { query.queryItems(page: $0) }, as: WooOrder.self, decodingWith: { try decoding.list(from: $0) })
    }

    /// Id, status and modification date of every order matching `query`, a cheap way to compare a store with a
    /// local copy (`_fields=id,status,date_modified_gmt`).
    public func orderVersions(
        _ query: WooOrderQuery = WooOrderQuery(), concurrency: Int = 4
    ) -> WooPageSequence<WooOrderVersion> {
        var versionQuery = query
        versionQuery.fields = WooOrderVersion.fields.split(separator: ",").map(String.init)
        let query = versionQuery
        return pages(
            "orders", perPage: query.perPage, concurrency: concurrency, query: { query.queryItems(page: $0) },
            as: WooOrderVersion.self)
    }

    /// `GET /orders/{id}`.
    public func order(id: Int) async throws -> WooOrder {
        let decoding = configuration.orderDecoding
        return try await send(
            WooRequest(.GET, "orders/\(id)"), as: WooOrder.self, decodingWith: { try decoding.order(from: $0) })
    }

    /// `PUT /orders/{id}`: status, meta, addresses. Returns the order as saved.
    public func updateOrder(id: Int, _ update: WooOrderUpdate) async throws -> WooOrder {
        try await send(.json(.PUT, "orders/\(id)", body: update), as: WooOrder.self)
    }

    /// `GET /orders/{id}/notes`.
    public func orderNotes(orderID: Int, type: WooOrderNoteType = .any) async throws -> [WooOrderNote] {
        try await send(
            WooRequest(.GET, "orders/\(orderID)/notes", query: [WooQueryItem("type", type.rawValue)]),
            as: [WooOrderNote].self)
    }

    /// `POST /orders/{id}/notes`. Not retried after it may have reached the store: a retry could add the note
    /// twice (and email a customer twice).
    public func addOrderNote(orderID: Int, _ note: WooOrderNoteCreate) async throws -> WooOrderNote {
        guard !note.note.isEmpty else {
            throw invalidRequest(.POST, "orders/\(orderID)/notes", "a note needs text")
        }
        return try await send(.json(.POST, "orders/\(orderID)/notes", body: note), as: WooOrderNote.self)
    }

    /// `GET /orders/{id}/refunds`.
    public func orderRefunds(orderID: Int) async throws -> [WooRefund] {
        try await send(WooRequest(.GET, "orders/\(orderID)/refunds"), as: [WooRefund].self)
    }
}
