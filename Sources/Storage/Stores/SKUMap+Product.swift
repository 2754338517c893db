import Foundation
import SQLKit

extension SKUMapRecords {
    /// What refreshing one product's part of the SKU map did.
    public struct ProductRefresh: Sendable, Hashable {
        /// SKUs now used by this product and another product of the store: neither is mapped, and the SKU is
        /// reported with the store ids that use it (as a catalogue pull reports it).
        public var duplicates: [String: [String]] = [:]
        /// Whether any entry was added, removed or changed.
        public var changed = false

        public init() {}
    }

    /// Makes `entries` the whole SKU map of one store product (`externalProductID`, its variations included),
    /// inside the caller's transaction: the product's other entries are removed, and an entry whose SKU another
    /// product of the store already maps is not added — that other entry is removed too and the SKU reported,
    /// because a push to either could be the wrong one. `entries` empty: the product is gone. The clashes are kept
    /// in ``SKUDuplicateRecords``, and the SKUs the product now maps alone leave it.
    public func replaceProduct(
        integrationID: Int64, externalProductID: Int64, with entries: [SKUMapEntry], at date: Date,
        on sql: DatabaseSession
    ) async throws -> ProductRefresh {
        var refresh = ProductRefresh()
        let current = try await sql.select()
            .columns(
                "integration_id", "sku", "external_product_id", "external_variation_id", "manage_stock",
                "stock_product_id"
            )
            .from("products").where("integration_id", .equal, integrationID)
            .where("external_product_id", .equal, externalProductID)
            .all(decoding: Row.self).map(\.entry)
        let others = try await self.entries(skus: entries.map(\.sku), integrationID: integrationID, on: sql)
            .filter { $0.externalProductID != externalProductID }
        let clashing = Dictionary(others.map { ($0.sku, $0) }, uniquingKeysWith: { first, _ in first })
        var kept: [SKUMapEntry] = []
        for entry in entries {
            if let other = clashing[entry.sku] {
                refresh.duplicates[entry.sku] = [other.storeID, entry.storeID]
                try await sql.delete(from: "products").where("integration_id", .equal, integrationID)
                    .where("sku", .equal, entry.sku).run()
            } else {
                kept.append(entry)
            }
        }
        try await SKUDuplicateRecords().record(integrationID: integrationID, refresh.duplicates, at: date, on: sql)
        try await SKUDuplicateRecords().remove(integrationID: integrationID, skus: kept.map(\.sku), on: sql)
        refresh.changed = Set(current) != Set(kept) || !refresh.duplicates.isEmpty
        guard Set(current) != Set(kept) else { return refresh }
        try await sql.delete(from: "products").where("integration_id", .equal, integrationID)
            .where("external_product_id", .equal, externalProductID).run()
        guard !kept.isEmpty else { return refresh }
        var insert = sql.insert(into: "products").columns(
            "integration_id", "sku", "external_product_id", "external_variation_id", "manage_stock",
            "stock_product_id", "updated_at")
        for entry in kept {
            insert = insert.values([
                SQLBind(integrationID), SQLBind(entry.sku), SQLBind(externalProductID),
                SQLBind(entry.externalVariationID), SQLBind(entry.stockManagement.rawValue),
                SQLBind(entry.stockProductID), SQLBind(date.unixSeconds),
            ])
        }
        try await insert.run()
        return refresh
    }
}

extension SKUMapEntry {
    /// The store's id of the record, as duplicate reports name it: `product` or `product/variation`.
    public var storeID: String {
        externalVariationID.map { "\(externalProductID)/\($0)" } ?? "\(externalProductID)"
    }
}
