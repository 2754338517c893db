import Foundation
import Storage
import WooCommerce

/// A store's catalog turned into SKU-map entries — a pure value, so the duplicate rule is testable alone.
///
/// A SKU used by two products or variations of one store is **not** merged: neither goes into the map (a
/// stock push to the wrong one would be silent damage) and the SKU is reported with every id that uses it.
public struct CatalogIndex: Sendable, Hashable {
    public var entries: [SKUMapEntry]
    /// SKUs found more than once, with the store ids (`product` or `product/variation`) that use them.
    public var duplicates: [String: [String]]
    /// Products and variations without a SKU of their own (they cannot be mapped).
    public var withoutSKU: Int

    /// Builds the index from the store's products and, per variable product, its variations.
    public init(integrationID: Int64, products: [WooProduct], variations: [Int: [WooVariation]]) {
        var candidates: [String: [SKUMapEntry]] = [:]
        var withoutSKU = 0
        for product in products where product.type != .variation {
            if product.type == .variable {
                let parentSKU = product.sku.trimmingCharacters(in: .whitespaces)
                for variation in variations[product.id] ?? [] {
                    let sku = variation.sku.trimmingCharacters(in: .whitespaces)
                    // A variation without a SKU of its own shows its parent's in the API: that is inheritance,
                    // not a second product with the same SKU.
                    guard !sku.isEmpty, sku != parentSKU else {
                        withoutSKU += 1
                        continue
                    }
                    let management: SKUMapEntry.StockManagement
                    let stockOwner: Int64?
                    switch variation.manageStock {
                    case .yes: (management, stockOwner) = (.managed, Int64(variation.id))
                    case .parent: (management, stockOwner) = (.parent, Int64(product.id))
                    case .no: (management, stockOwner) = (.unmanaged, nil)
                    }
                    candidates[sku, default: []].append(
                        SKUMapEntry(
                            integrationID: integrationID, sku: sku, externalProductID: Int64(product.id),
                            externalVariationID: Int64(variation.id), stockManagement: management,
                            stockProductID: stockOwner))
                }
            }
            let sku = product.sku.trimmingCharacters(in: .whitespaces)
            guard !sku.isEmpty else {
                if product.type != .variable { withoutSKU += 1 }
                continue
            }
            let managed = product.manageStock == .yes
            candidates[sku, default: []].append(
                SKUMapEntry(
                    integrationID: integrationID, sku: sku, externalProductID: Int64(product.id),
                    externalVariationID: nil, stockManagement: managed ? .managed : .unmanaged,
                    stockProductID: managed ? Int64(product.id) : nil))
        }
        var entries: [SKUMapEntry] = []
        var duplicates: [String: [String]] = [:]
        for (sku, found) in candidates {
            if found.count == 1 {
                entries.append(found[0])
            } else {
                duplicates[sku] = found.map { entry in
                    entry.externalVariationID.map { "\(entry.externalProductID)/\($0)" } ?? "\(entry.externalProductID)"
                }
            }
        }
        self.entries = entries.sorted { $0.sku < $1.sku }
        self.duplicates = duplicates
        self.withoutSKU = withoutSKU
    }
}
