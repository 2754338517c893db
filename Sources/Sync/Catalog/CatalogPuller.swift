import Foundation
import Storage
import WooCommerce

/// Pulls a store's products and variations into the integration's SKU map.
public struct CatalogPuller: Sendable {
    let client: WooCommerceClient
    let database: LogixDatabase

    public init(client: WooCommerceClient, database: LogixDatabase) {
        self.client = client
        self.database = database
    }

    /// What a pull found.
    public struct Report: Sendable, Hashable {
        public var products: Int
        public var variations: Int
        public var mapped: Int
        public var duplicates: [String: [String]]
        public var withoutSKU: Int
    }

    /// Reads the whole catalog (pages concurrently, every variable product's variations) and replaces the
    /// integration's SKU map with it in one transaction.
    public func pull(integrationID: Int64, at date: Date) async throws -> Report {
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
        let entries = index.entries
        try await database.transaction { sql in
            try await SKUMapRecords().replace(integrationID: integrationID, with: entries, at: date, on: sql)
        }
        return Report(
            products: products.count, variations: variations.values.reduce(0) { $0 + $1.count },
            mapped: entries.count, duplicates: index.duplicates, withoutSKU: index.withoutSKU)
    }
}
