import Foundation
import Storage
import WooCommerce

/// Product webhooks and one product's part of the catalogue (issue 11, gap 9).
extension WooCommerceChannel {
    public func webhookProducts(_ deliveries: [ChannelWebhookBody]) -> [ChannelProductDelivery?] {
        deliveries.map { delivery in
            guard delivery.topic.hasPrefix("product.") else { return nil }
            let deleted = delivery.topic == "product.deleted"
            guard let product = try? JSONDecoder().decode(WooProduct.self, from: delivery.body) else {
                // A deletion may carry only the id.
                struct Identified: Decodable {
                    var id: Int
                    var parentID: Int?
                    enum CodingKeys: String, CodingKey {
                        case id
                        case parentID = "parent_id"
                    }
                }
                guard deleted, let identified = try? JSONDecoder().decode(Identified.self, from: delivery.body) else {
                    return nil
                }
                let parent = identified.parentID.flatMap { $0 > 0 ? $0 : nil }
                return ChannelProductDelivery(
                    productID: Int64(parent ?? identified.id), deleted: true, record: nil)
            }
            let isVariation = product.type == .variation || (product.parentID > 0 && product.type != .variable)
            let management: SKUMapEntry.StockManagement
            switch product.manageStock {
            case .yes: management = .managed
            case .parent: management = .parent
            case .no: management = .unmanaged
            }
            let record = ChannelProductDelivery.Record(
                id: Int64(product.id), sku: product.sku.trimmingCharacters(in: .whitespaces),
                externalVariationID: isVariation ? Int64(product.id) : nil, stockManagement: management,
                stockQuantity: management == .managed ? product.stockQuantity : nil)
            return ChannelProductDelivery(
                productID: Int64(isVariation ? product.parentID : product.id),
                deleted: deleted || product.status == "trash", record: record)
        }
    }

    public func catalogue(productID: Int64) async throws -> ChannelCatalogue? {
        let product: WooProduct
        do {
            product = try await client.product(id: Int(productID))
        } catch let error as WooCommerceError where error.status == 404 {
            return nil
        }
        guard product.status != "trash" else { return nil }
        var variations: [Int: [WooVariation]] = [:]
        if product.type == .variable {
            var list: [WooVariation] = []
            for try await variation in client.variations(productID: product.id).items { list.append(variation) }
            variations[product.id] = list
        }
        let index = CatalogIndex(integrationID: integrationID, products: [product], variations: variations)
        return ChannelCatalogue(
            products: 1, variations: variations.values.reduce(0) { $0 + $1.count }, entries: index.entries,
            duplicates: index.duplicates, withoutSKU: index.withoutSKU)
    }
}
