import Foundation
import Shopify
import Storage

extension ShopifyChannel {
    /// Every product variant (`productVariants`, 100 a page), indexed by SKU: a variant is the unit Shopify
    /// stocks and orders name. SKUs that repeat are left out of the map and reported; blank ones are counted.
    public func catalogue() async throws -> ChannelCatalogue {
        var variants: [ShopifyVariant] = []
        for try await page in client.variantPages(pageSize: 100) { variants += page.items }
        return Self.catalogue(of: variants, integrationID: integrationID)
    }

    /// One product's variants as the store holds them now; `nil` when it has none (deleted).
    public func catalogue(productID: Int64) async throws -> ChannelCatalogue? {
        var variants: [ShopifyVariant] = []
        for try await page in client.variantPages(search: "product_id:\(productID)", pageSize: 100) {
            variants += page.items
        }
        guard !variants.isEmpty else { return nil }
        return Self.catalogue(of: variants, integrationID: integrationID)
    }

    /// Product deliveries are not subscribed to (catalogue changes arrive with the next catalogue pull).
    public func webhookProducts(_ deliveries: [ChannelWebhookBody]) -> [ChannelProductDelivery?] {
        deliveries.map { _ in nil }
    }

    static func catalogue(of variants: [ShopifyVariant], integrationID: Int64) -> ChannelCatalogue {
        var bySKU: [String: [ShopifyVariant]] = [:]
        var withoutSKU = 0
        for variant in variants {
            guard let sku = variant.sku?.trimmingCharacters(in: .whitespaces), !sku.isEmpty else {
                withoutSKU += 1
                continue
            }
            bySKU[sku, default: []].append(variant)
        }
        var entries: [SKUMapEntry] = []
        var duplicates: [String: [String]] = [:]
        for (sku, list) in bySKU.sorted(by: { $0.key < $1.key }) {
            guard list.count == 1, let variant = list.first else {
                duplicates[sku] = list.map { "variant \($0.id.legacyID)" }
                continue
            }
            entries.append(
                SKUMapEntry(
                    integrationID: integrationID, sku: sku,
                    externalProductID: variant.productID?.legacyID ?? variant.id.legacyID,
                    externalVariationID: variant.id.legacyID,
                    // Shopify stocks the variant's inventory item: that is the record a stock push sets.
                    stockManagement: variant.tracked ? .managed : .unmanaged,
                    stockProductID: variant.inventoryItemID?.legacyID))
        }
        let products = Set(variants.compactMap { $0.productID?.legacyID }).count
        return ChannelCatalogue(
            products: products, variations: variants.count, entries: entries, duplicates: duplicates,
            withoutSKU: withoutSKU)
    }
}
