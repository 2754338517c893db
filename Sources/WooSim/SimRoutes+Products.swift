import HTTPTypes
import Hummingbird

/// `/products`, `/products/{id}`, `/products/{id}/variations`, and both batch endpoints.
extension SimRoutes {
    func addProductRoutes(to router: Router<SimRequestContext>) {
        let store = self.store
        let apiRoot = self.apiRoot
        let base = "/wp-json/wc/v3/products"

        router.get(RouterPath(base)) { _, context -> Response in
            let query = try ProductQuery(context.query)
            try context.require(.list)
            let page = await store.listProducts(query)
            let render = await store.renderContext
            return SimRoutes.list(page, paging: query.paging, context: context, base: apiRoot + "/products") {
                ProductEncoder.writeProduct($0, to: &$1, context: render)
            }
        }
        router.post(RouterPath(base)) { _, context -> Response in
            let body = try context.json()
            try context.require(.create)
            let product = try await store.createProduct(parent: nil, fromAPI: body)
            let render = await store.renderContext
            return SimRoutes.object(status: 201, fields: context.fields) {
                ProductEncoder.writeProduct(product, to: &$0, context: render)
            }
        }
        router.get(RouterPath(base + "/:id")) { _, context -> Response in
            let id = try SimRoutes.id(context)
            try context.require(.view)
            guard let product = await store.product(id) else { throw WooSimError.invalidProductID(status: 404) }
            let render = await store.renderContext
            return SimRoutes.object(fields: context.fields) {
                ProductEncoder.writeProduct(product, to: &$0, context: render)
            }
        }
        let update: @Sendable (Request, SimRequestContext) async throws -> Response = { _, context in
            let id = try SimRoutes.id(context)
            let body = try context.json()
            try context.require(.edit)
            let product = try await store.updateProduct(id, parent: nil, fromAPI: body)
            let render = await store.renderContext
            return SimRoutes.object(fields: context.fields) {
                ProductEncoder.writeProduct(product, to: &$0, context: render)
            }
        }
        router.put(RouterPath(base + "/:id"), use: update)
        router.post(RouterPath(base + "/:id"), use: update)
        router.patch(RouterPath(base + "/:id"), use: update)
        router.delete(RouterPath(base + "/:id")) { _, context -> Response in
            let id = try SimRoutes.id(context)
            try context.require(.delete)
            let product = try await store.deleteProduct(id, parent: nil)
            let render = await store.renderContext
            return SimRoutes.object(fields: context.fields) {
                ProductEncoder.writeProduct(product, to: &$0, context: render)
            }
        }
        let batch: @Sendable (Request, SimRequestContext) async throws -> Response = { _, context in
            try await SimRoutes.batch(context: context, parent: nil, store: store)
        }
        router.post(RouterPath(base + "/batch"), use: batch)
        router.put(RouterPath(base + "/batch"), use: batch)
        router.patch(RouterPath(base + "/batch"), use: batch)

        router.get(RouterPath(base + "/:id/variations")) { _, context -> Response in
            let parent = try SimRoutes.id(context)
            let query = try ProductQuery(context.query)
            try context.require(.list)
            guard let product = await store.product(parent), product.kind == .variable else {
                throw WooSimError.invalidProductID(status: 404)
            }
            let page = await store.listProducts(query, parent: parent)
            let render = await store.renderContext
            return SimRoutes.list(
                page, paging: query.paging, context: context, base: "\(apiRoot)/products/\(parent)/variations"
            ) { ProductEncoder.writeVariation($0, to: &$1, context: render) }
        }
        router.post(RouterPath(base + "/:id/variations")) { _, context -> Response in
            let parent = try SimRoutes.id(context)
            let body = try context.json()
            try context.require(.create)
            let variation = try await store.createProduct(parent: parent, fromAPI: body)
            let render = await store.renderContext
            return SimRoutes.object(status: 201, fields: context.fields) {
                ProductEncoder.writeVariation(variation, to: &$0, context: render)
            }
        }
        router.get(RouterPath(base + "/:id/variations/:variation")) { _, context -> Response in
            let parent = try SimRoutes.id(context)
            let id = try SimRoutes.id(context, "variation")
            try context.require(.view)
            guard let variation = await store.product(id), variation.kind == .variation, variation.parentId == parent
            else { throw WooSimError.invalidVariationID(status: 404) }
            let render = await store.renderContext
            return SimRoutes.object(fields: context.fields) {
                ProductEncoder.writeVariation(variation, to: &$0, context: render)
            }
        }
        let updateVariation: @Sendable (Request, SimRequestContext) async throws -> Response = { _, context in
            let parent = try SimRoutes.id(context)
            let id = try SimRoutes.id(context, "variation")
            let body = try context.json()
            try context.require(.edit)
            let variation = try await store.updateProduct(id, parent: parent, fromAPI: body)
            let render = await store.renderContext
            return SimRoutes.object(fields: context.fields) {
                ProductEncoder.writeVariation(variation, to: &$0, context: render)
            }
        }
        router.put(RouterPath(base + "/:id/variations/:variation"), use: updateVariation)
        router.post(RouterPath(base + "/:id/variations/:variation"), use: updateVariation)
        router.patch(RouterPath(base + "/:id/variations/:variation"), use: updateVariation)
        let variationBatch: @Sendable (Request, SimRequestContext) async throws -> Response = { _, context in
            try await SimRoutes.batch(context: context, parent: SimRoutes.id(context), store: store)
        }
        router.post(RouterPath(base + "/:id/variations/batch"), use: variationBatch)
        router.put(RouterPath(base + "/:id/variations/batch"), use: variationBatch)
        router.patch(RouterPath(base + "/:id/variations/batch"), use: variationBatch)
    }

    /// `{create, update, delete}` → `{create: [...], update: [...], delete: [...]}`; HTTP 200 even when items
    /// fail (each failing item becomes `{id, error: {code, message, data}}`); over 100 items → 413.
    static func batch(context: SimRequestContext, parent: Int?, store: SimStore) async throws -> Response {
        let body = try context.json()
        let creates = body["create"]?.array ?? []
        let updates = body["update"]?.array ?? []
        let deletes = body["delete"]?.array ?? []
        guard creates.count + updates.count + deletes.count <= 100 else { throw WooSimError.batchTooLarge }
        try context.require(.batch)
        var results: [(String, [Result<SimProduct, WooSimError>], [Int])] = []
        if body["create"] != nil {
            var items: [Result<SimProduct, WooSimError>] = []
            for item in creates {
                do throws(WooSimError) {
                    items.append(.success(try await store.createProduct(parent: parent, fromAPI: item)))
                } catch { items.append(.failure(error)) }
            }
            results.append(("create", items, creates.map { $0["id"]?.int ?? 0 }))
        }
        if body["update"] != nil {
            var items: [Result<SimProduct, WooSimError>] = []
            for item in updates {
                do throws(WooSimError) {
                    guard let id = item["id"]?.int else {
                        throw parent == nil
                            ? WooSimError.invalidProductID(status: 400) : WooSimError.invalidVariationID(status: 404)
                    }
                    items.append(.success(try await store.updateProduct(id, parent: parent, fromAPI: item)))
                } catch { items.append(.failure(error)) }
            }
            results.append(("update", items, updates.map { $0["id"]?.int ?? 0 }))
        }
        if body["delete"] != nil {
            var items: [Result<SimProduct, WooSimError>] = []
            for item in deletes {
                do throws(WooSimError) {
                    let id = item.int ?? item["id"]?.int ?? 0
                    items.append(.success(try await store.deleteProduct(id, parent: parent)))
                } catch { items.append(.failure(error)) }
            }
            results.append(("delete", items, deletes.map { $0.int ?? $0["id"]?.int ?? 0 }))
        }
        let render = await store.renderContext
        var writer = JSONWriter(capacity: 16_384)
        writer.beginObject()
        for (name, items, ids) in results {
            writer.key(name)
            writer.beginArray()
            for (index, item) in items.enumerated() {
                switch item {
                case .success(let product):
                    if parent == nil {
                        ProductEncoder.writeProduct(product, to: &writer, context: render)
                    } else {
                        ProductEncoder.writeVariation(product, to: &writer, context: render)
                    }
                case .failure(let error):
                    writer.beginObject()
                    writer.key("id")
                    writer.int(ids[index])
                    writer.key("error")
                    writer.raw(bytes: error.body)
                    writer.endObject()
                }
            }
            writer.endArray()
        }
        writer.endObject()
        return SimResponse.json(writer)
    }
}
