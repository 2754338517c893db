/// A location stock is kept and shipped from.
public struct ShopifyLocation: Sendable, Hashable, Decodable {
    public var id: ShopifyGID
    public var name: String
    public var isActive: Bool

    public init(id: ShopifyGID, name: String, isActive: Bool = true) {
        self.id = id
        self.name = name
        self.isActive = isActive
    }
}

/// A product variant with its inventory item: what a SKU maps to for stock pushes. SKUs may be blank and are
/// not unique.
public struct ShopifyVariant: Sendable, Hashable, Decodable {
    public var id: ShopifyGID
    public var sku: String?
    public var title: String
    public var productID: ShopifyGID?
    public var productTitle: String?
    /// The inventory item stock is set on.
    public var inventoryItemID: ShopifyGID?
    /// `false`: Shopify does not count this item's stock.
    public var tracked: Bool

    public init(
        id: ShopifyGID, sku: String?, title: String = "", productID: ShopifyGID? = nil, productTitle: String? = nil,
        inventoryItemID: ShopifyGID?, tracked: Bool = true
    ) {
        self.id = id
        self.sku = sku
        self.title = title
        self.productID = productID
        self.productTitle = productTitle
        self.inventoryItemID = inventoryItemID
        self.tracked = tracked
    }

    private enum CodingKeys: String, CodingKey { case id, sku, title, product, inventoryItem }

    private struct Product: Decodable {
        var id: ShopifyGID
        var title: String?
    }

    private struct InventoryItem: Decodable {
        var id: ShopifyGID
        var tracked: Bool?
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ShopifyGID.self, forKey: .id)
        sku = try container.decodeIfPresent(String.self, forKey: .sku)
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? ""
        let product = try container.decodeIfPresent(Product.self, forKey: .product)
        productID = product?.id
        productTitle = product?.title
        let item = try container.decodeIfPresent(InventoryItem.self, forKey: .inventoryItem)
        inventoryItemID = item?.id
        tracked = item?.tracked ?? true
    }
}

/// A webhook subscription of the app at this shop.
public struct ShopifyWebhookSubscription: Sendable, Hashable, Decodable {
    public var id: ShopifyGID
    public var topic: ShopifyWebhookTopic
    /// Where deliveries go (`uri`; the deprecated `callbackUrl` for HTTP ones).
    public var uri: String

    public init(id: ShopifyGID, topic: ShopifyWebhookTopic, uri: String) {
        self.id = id
        self.topic = topic
        self.uri = uri
    }
}

/// The shop, for the connection test.
public struct ShopifyShop: Sendable, Hashable, Decodable {
    public var id: ShopifyGID
    public var name: String
    /// The permanent `{handle}.myshopify.com`.
    public var myshopifyDomain: String
    public var currencyCode: String
    /// E.g. `Europe/Berlin`; webhook bodies carry times in this zone's offset.
    public var ianaTimezone: String?

    public init(id: ShopifyGID, name: String, myshopifyDomain: String, currencyCode: String, ianaTimezone: String?) {
        self.id = id
        self.name = name
        self.myshopifyDomain = myshopifyDomain
        self.currencyCode = currencyCode
        self.ianaTimezone = ianaTimezone
    }
}
