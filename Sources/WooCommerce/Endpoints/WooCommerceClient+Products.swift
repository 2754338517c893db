import Foundation
import NIOHTTP1

extension WooCommerceClient {
    /// The most items WooCommerce accepts in one batch request (more → 413).
    public static let batchLimit = 100

    /// One page of `GET /products`.
    public func listProducts(_ query: WooProductQuery = WooProductQuery(), page: Int = 1) async throws -> WooPage<
        WooProduct
    > {
        try validatePerPage(query.perPage, "products")
        return try await self.page(
            "products", query: query.queryItems(page: page), page: page, perPage: query.perPage, as: WooProduct.self)
    }

    /// Every page of `GET /products`.
    public func products(_ query: WooProductQuery = WooProductQuery(), concurrency: Int = 4) -> WooPageSequence<
        WooProduct
    > {
        pages(
            "products", perPage: query.perPage, concurrency: concurrency, query: { query.queryItems(page: $0) },
            as: WooProduct.self)
    }

    /// `GET /products/{id}`.
    public func product(id: Int) async throws -> WooProduct {
        try await send(WooRequest(.GET, "products/\(id)"), as: WooProduct.self)
    }

    /// `PUT /products/{id}` with stock fields. A variation id fails with 404
    /// `woocommerce_rest_invalid_product_id`: use ``updateVariationStock(productID:variationID:_:)``.
    public func updateProductStock(id: Int, _ update: WooStockUpdate) async throws -> WooProduct {
        try await send(
            .json(.PUT, "products/\(id)", body: update, idempotent: update.isIdempotent), as: WooProduct.self)
    }

    /// One page of `GET /products/{id}/variations`.
    public func listVariations(productID: Int, page: Int = 1, perPage: Int = 100) async throws -> WooPage<WooVariation>
    {
        let path = "products/\(productID)/variations"
        try validatePerPage(perPage, path)
        let query = [WooQueryItem("per_page", String(perPage)), WooQueryItem("page", String(page))]
        return try await self.page(path, query: query, page: page, perPage: perPage, as: WooVariation.self)
    }

    /// Every variation of a variable product.
    public func variations(productID: Int, perPage: Int = 100, concurrency: Int = 2) -> WooPageSequence<WooVariation> {
        pages(
            "products/\(productID)/variations", perPage: perPage, concurrency: concurrency,
            query: { [WooQueryItem("per_page", String(perPage)), WooQueryItem("page", String($0))] },
            as: WooVariation.self)
    }

    /// `PUT /products/{pid}/variations/{vid}` with stock fields.
    public func updateVariationStock(productID: Int, variationID: Int, _ update: WooStockUpdate) async throws
        -> WooVariation
    {
        try await send(
            .json(
                .PUT, "products/\(productID)/variations/\(variationID)", body: update,
                idempotent: update.isIdempotent),
            as: WooVariation.self)
    }

    /// `POST /products/batch` updates, sent in chunks of ``batchLimit``. The store answers 200 even when items
    /// fail; the result lists each item's outcome.
    public func batchUpdateProducts(_ updates: [WooBatchStockUpdate]) async throws -> WooBatchResult<WooProduct> {
        try await batchUpdate("products/batch", updates, as: WooProduct.self)
    }

    /// `POST /products/{pid}/variations/batch` updates for one parent's variations, chunked like products.
    public func batchUpdateVariations(
        productID: Int, _ updates: [WooBatchStockUpdate]
    ) async throws -> WooBatchResult<WooVariation> {
        try await batchUpdate("products/\(productID)/variations/batch", updates, as: WooVariation.self)
    }

    private func batchUpdate<T: Decodable & Sendable>(
        _ path: String, _ updates: [WooBatchStockUpdate], as type: T.Type
    ) async throws -> WooBatchResult<T> {
        var outcomes: [WooBatchResult<T>.Outcome] = []
        outcomes.reserveCapacity(updates.count)
        var start = updates.startIndex
        while start < updates.endIndex {
            let end = min(start + Self.batchLimit, updates.endIndex)
            let chunk = Array(updates[start..<end])
            // Absolute stock values may be sent twice safely, so such a batch is retried like a PUT.
            let idempotent = chunk.allSatisfy(\.update.isIdempotent)
            let body = try await send(
                .json(.POST, path, body: BatchBody(update: chunk), idempotent: idempotent),
                as: WooBatchResponseBody<T>.self)
            outcomes += body.update
            start = end
        }
        return WooBatchResult(outcomes: outcomes)
    }
}

private struct BatchBody: Encodable {
    var update: [WooBatchStockUpdate]
}
