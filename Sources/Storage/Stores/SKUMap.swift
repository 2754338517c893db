import Foundation
import SQLKit

/// Where one SKU lives in one store: the product, the variation if any, and which record holds its stock.
public struct SKUMapEntry: Sendable, Hashable {
    /// How the store tracks the SKU's stock.
    public enum StockManagement: String, Sendable, Hashable, Codable, CaseIterable {
        /// Tracked on this product or variation.
        case managed
        /// Not tracked: stock pushes are not sent (the outbox item says so in its `detail`).
        case unmanaged
        /// A variation whose stock lives on its parent product: pushes go to the parent.
        case parent
    }

    public var integrationID: Int64
    public var sku: String
    public var externalProductID: Int64
    /// The variation's id; `nil` for a simple product.
    public var externalVariationID: Int64?
    public var stockManagement: StockManagement
    /// The store record whose `stock_quantity` to set: the variation, the product, or the parent product.
    public var stockProductID: Int64?

    public init(
        integrationID: Int64, sku: String, externalProductID: Int64, externalVariationID: Int64?,
        stockManagement: StockManagement, stockProductID: Int64?
    ) {
        self.integrationID = integrationID
        self.sku = sku
        self.externalProductID = externalProductID
        self.externalVariationID = externalVariationID
        self.stockManagement = stockManagement
        self.stockProductID = stockProductID
    }
}

/// The `products` table: the SKU map of every integration.
public struct SKUMapRecords: Sendable {
    public init() {}

    /// Makes `entries` the integration's whole SKU map (inside the caller's transaction): SKUs no longer in the
    /// catalog are removed, the others inserted or updated; and `duplicates` (SKU → the store ids sharing it, left
    /// out of the map) the integration's whole list of duplicated SKUs (``SKUDuplicateRecords``).
    public func replace(
        integrationID: Int64, with entries: [SKUMapEntry], duplicates: [String: [String]] = [:], at date: Date,
        on sql: DatabaseSession
    ) async throws {
        try await SKUDuplicateRecords().replace(integrationID: integrationID, with: duplicates, at: date, on: sql)
        try await sql.delete(from: "products").where("integration_id", .equal, integrationID).run()
        let updatedAt = date.unixSeconds
        // Chunked: SQLite allows a bounded number of bound parameters per statement.
        for start in stride(from: 0, to: entries.count, by: 500) {
            var insert = sql.insert(into: "products").columns(
                "integration_id", "sku", "external_product_id", "external_variation_id", "manage_stock",
                "stock_product_id", "updated_at")
            for entry in entries[start..<min(start + 500, entries.count)] {
                insert = insert.values([
                    SQLBind(integrationID), SQLBind(entry.sku), SQLBind(entry.externalProductID),
                    SQLBind(entry.externalVariationID), SQLBind(entry.stockManagement.rawValue),
                    SQLBind(entry.stockProductID), SQLBind(updatedAt),
                ])
            }
            try await insert.run()
        }
    }

    /// The integration's SKU map, by SKU.
    public func entries(integrationID: Int64, on sql: DatabaseSession) async throws -> [SKUMapEntry] {
        try await sql.select()
            .columns(
                "integration_id", "sku", "external_product_id", "external_variation_id", "manage_stock",
                "stock_product_id"
            )
            .from("products").where("integration_id", .equal, integrationID).orderBy("sku")
            .all(decoding: Row.self).map(\.entry)
    }

    /// The entries of `skus` in every integration (or only in `integrationID`'s map), by integration and SKU.
    public func entries(
        skus: [String], integrationID: Int64? = nil, on sql: DatabaseSession
    ) async throws -> [SKUMapEntry] {
        var entries: [SKUMapEntry] = []
        let unique = Array(Set(skus)).sorted()
        for start in stride(from: 0, to: unique.count, by: 1000) {
            var query = sql.select()
                .columns(
                    "integration_id", "sku", "external_product_id", "external_variation_id", "manage_stock",
                    "stock_product_id"
                )
                .from("products").where("sku", .in, Array(unique[start..<min(start + 1000, unique.count)]))
            if let integrationID { query = query.where("integration_id", .equal, integrationID) }
            entries += try await query.all(decoding: Row.self).map(\.entry)
        }
        return entries.sorted { ($0.integrationID, $0.sku) < ($1.integrationID, $1.sku) }
    }

    struct Row: Decodable {
        var integrationID: Int64
        var sku: String
        var externalProductID: Int64
        var externalVariationID: Int64?
        var manageStock: String
        var stockProductID: Int64?

        enum CodingKeys: String, CodingKey {
            case integrationID = "integration_id"
            case sku
            case externalProductID = "external_product_id"
            case externalVariationID = "external_variation_id"
            case manageStock = "manage_stock"
            case stockProductID = "stock_product_id"
        }

        var entry: SKUMapEntry {
            SKUMapEntry(
                integrationID: integrationID, sku: sku, externalProductID: externalProductID,
                externalVariationID: externalVariationID,
                stockManagement: SKUMapEntry.StockManagement(rawValue: manageStock) ?? .unmanaged,
                stockProductID: stockProductID)
        }
    }
}
