import WooCommerce

extension WooCommerceChannel {
    /// Every product (pages concurrently), and every variable product's variations, indexed by SKU.
    public func catalogue() async throws -> ChannelCatalogue {
        var products: [WooProduct] = []
        for try await product in client.products(WooProductQuery(perPage: 100)).items {
            products.append(product)
        }
        var variations: [Int: [WooVariation]] = [:]
        for product in products where product.type == .variable {
            var list: [WooVariation] = []
            for try await variation in client.variations(productID: product.id).items { list.append(variation) }
            variations[product.id] = list
        }
        let index = CatalogIndex(integrationID: integrationID, products: products, variations: variations)
        return ChannelCatalogue(
            products: products.count, variations: variations.values.reduce(0) { $0 + $1.count },
            entries: index.entries, duplicates: index.duplicates, withoutSKU: index.withoutSKU)
    }
}
