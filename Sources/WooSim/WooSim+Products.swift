/// Catalogue changes made in the store's admin (wp-admin), for tests of what the store tells Logix about them.
extension WooSim {
    /// Edits the product or variation with `sku` as the shop admin would: a new SKU, stock tracking on or off.
    /// Fires `product.updated`.
    public func editProduct(sku: String, newSKU: String? = nil, manageStock: Bool? = nil) async throws {
        guard let product = await self.store.product(sku: sku) else { throw WooSimError.unknownSKU(sku) }
        var fields: [String: JSONValue] = [:]
        if let newSKU { fields["sku"] = .string(newSKU) }
        if let manageStock { fields["manage_stock"] = .bool(manageStock) }
        let parent = product.kind == .variation ? product.parentId : nil
        _ = try await self.store.updateProduct(product.id, parent: parent, fromAPI: .object(fields))
    }

    /// Creates a simple product as the shop admin would, its stock managed at `stockQuantity`; returns its id.
    /// Fires `product.created`.
    @discardableResult
    public func createProduct(sku: String, stockQuantity: Int) async throws -> Int {
        try await self.store.createProduct(
            parent: nil,
            fromAPI: .object([
                "name": .string("Product \(sku)"), "sku": .string(sku), "manage_stock": .bool(true),
                "stock_quantity": .number(Double(stockQuantity)),
            ])
        ).id
    }
}
