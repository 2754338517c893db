import Foundation

/// Product and stock changes: `PUT /products/{id}`, variations, batches and the sim's `setStock`.
extension SimStore {
    func replaceProduct(_ product: SimProduct) {
        self.products[product.id] = product
    }

    /// `PUT /products/{id}` (`parent == nil`) or `PUT /products/{parent}/variations/{id}`.
    func updateProduct(_ id: Int, parent: Int?, fromAPI body: JSONValue) throws(WooSimError) -> SimProduct {
        guard var product = self.products[id] else {
            throw parent == nil
                ? WooSimError.invalidProductID(status: 400) : WooSimError.invalidVariationID(status: 404)
        }
        if let parent {
            guard product.kind == .variation, product.parentId == parent else {
                throw WooSimError.invalidVariationID(status: 404)
            }
        } else if product.kind == .variation {
            throw WooSimError.useVariationsEndpoint
        }
        if let sku = body["sku"]?.string, sku != product.sku {
            if !sku.isEmpty, self.products.values.contains(where: { $0.sku == sku && $0.id != id }) {
                throw WooSimError.duplicateSKU
            }
            product.sku = sku
        }
        if let name = body["name"]?.string, product.kind != .variation { product.name = name }
        if let status = body["status"]?.string { product.status = status }
        if let price = body["regular_price"]?.string { product.regularPrice = SimStore.cents(price) }
        if let price = body["sale_price"]?.string { product.salePrice = SimStore.cents(price) }
        if let manage = body["manage_stock"] {
            if manage.string == "parent", product.kind == .variation {
                product.stock = .parent
            } else if let flag = manage.bool {
                product.stock = flag ? .managed : .unmanaged
                if flag, product.stockQuantity == nil { product.stockQuantity = 0 }
            }
        }
        if let backorders = body["backorders"]?.string, ["no", "notify", "yes"].contains(backorders) {
            product.backorders = backorders
        }
        if let status = body["stock_status"]?.string, product.stock == .unmanaged {
            product.manualStockStatus = status
        }
        // Stock fields apply only where the product manages its own stock; a "parent" variation ignores them.
        if product.stock == .managed {
            if let quantity = body["stock_quantity"]?.int { product.stockQuantity = quantity }
            if let delta = body["inventory_delta"]?.int { product.stockQuantity = (product.stockQuantity ?? 0) + delta }
        }
        for meta in body["meta_data"]?.array ?? [] {
            guard let key = meta["key"]?.string else { continue }
            let value = meta["value"] ?? .string("")
            if let index = product.meta.firstIndex(where: { $0.key == key }) {
                product.meta[index].value = value
            } else {
                product.meta.append(SimMeta(id: self.takeItemId(), key: key, value: value))
            }
        }
        product.dateModified = max(self.now(), product.dateModified)
        self.replaceProduct(product)
        self.emit([SimEvent(resource: "product", event: "updated", id: id)])
        return product
    }

    /// `POST /products` or a batch `create` item (simple products, or variations under `parent`).
    func createProduct(parent: Int?, fromAPI body: JSONValue) throws(WooSimError) -> SimProduct {
        let sku = body["sku"]?.string ?? ""
        if !sku.isEmpty, self.products.values.contains(where: { $0.sku == sku }) { throw WooSimError.duplicateSKU }
        if let parent {
            guard self.products[parent]?.kind == .variable else { throw WooSimError.invalidProductID(status: 404) }
        }
        let now = self.now()
        let id = self.nextProductId
        self.nextProductId += 1
        let name = body["name"]?.string ?? (parent == nil ? "Product \(id)" : self.products[parent!]!.name)
        let managed = body["manage_stock"]?.bool ?? (body["stock_quantity"] != nil)
        var product = SimProduct(
            id: id, parentId: parent ?? 0, kind: parent == nil ? .simple : .variation, name: name,
            slug: name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-"),
            sku: sku, regularPrice: body["regular_price"]?.string.flatMap(SimStore.cents),
            salePrice: body["sale_price"]?.string.flatMap(SimStore.cents), stock: managed ? .managed : .unmanaged,
            stockQuantity: managed ? (body["stock_quantity"]?.int ?? 0) : nil, dateCreated: now, dateModified: now)
        if let parent {
            product.attributes = (body["attributes"]?.array ?? []).map { attribute in
                SimProduct.Attribute(
                    id: attribute["id"]?.int ?? 0, name: attribute["name"]?.string ?? "",
                    slug: (attribute["name"]?.string ?? "").lowercased(), options: [attribute["option"]?.string ?? ""])
            }
            self.products[parent]!.variationIds.append(id)
        }
        self.replaceProduct(product)
        self.emit([SimEvent(resource: "product", event: "created", id: id)])
        return product
    }

    /// A forced delete (batches always force). Forced deletes fire no webhook.
    func deleteProduct(_ id: Int, parent: Int?) throws(WooSimError) -> SimProduct {
        guard let product = self.products[id] else {
            throw parent == nil
                ? WooSimError.invalidProductID(status: 404) : WooSimError.invalidVariationID(status: 404)
        }
        if let parent {
            guard product.parentId == parent else { throw WooSimError.invalidVariationID(status: 404) }
        } else if product.kind == .variation {
            throw WooSimError.useVariationsEndpoint
        }
        self.products[id] = nil
        for variation in product.variationIds { self.products[variation] = nil }
        if product.kind == .variation { self.products[product.parentId]?.variationIds.removeAll { $0 == id } }
        return product
    }

    /// The store manager sets a stock level (fires `product.updated`).
    func setStock(sku: String, quantity: Int) throws(WooSimError) -> SimProduct {
        guard var product = self.product(sku: sku) else { throw WooSimError.unknownSKU(sku) }
        if product.stock == .parent, var parent = self.products[product.parentId] {
            parent.stockQuantity = quantity
            parent.dateModified = max(self.now(), parent.dateModified)
            self.replaceProduct(parent)
            self.emit([SimEvent(resource: "product", event: "updated", id: parent.id)])
            return product
        }
        product.stock = .managed
        product.stockQuantity = quantity
        product.dateModified = max(self.now(), product.dateModified)
        self.replaceProduct(product)
        self.emit([SimEvent(resource: "product", event: "updated", id: product.id)])
        return product
    }

    static func cents(_ text: String) -> Int? {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        let parts = trimmed.split(separator: ".", maxSplits: 1)
        guard let whole = Int(parts[0]) else { return nil }
        var fraction = 0
        if parts.count > 1 {
            let digits = String(parts[1].prefix(2)).padding(toLength: 2, withPad: "0", startingAt: 0)
            guard let value = Int(digits) else { return nil }
            fraction = value
        }
        return whole * 100 + (trimmed.hasPrefix("-") ? -fraction : fraction)
    }
}
