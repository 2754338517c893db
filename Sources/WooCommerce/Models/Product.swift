import Foundation

/// Whether WooCommerce tracks stock for a product or variation, and where.
public enum WooManageStock: Sendable, Hashable, Codable {
    /// Stock is not tracked; only `stock_status` applies.
    case no
    /// Stock is tracked on this product or variation.
    case yes
    /// A variation whose stock lives on its parent product (`manage_stock: "parent"`); update the parent.
    case parent

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = flag ? .yes : .no
        } else if let text = try? container.decode(String.self) {
            switch text.lowercased() {
            case "parent": self = .parent
            case "1", "true", "yes": self = .yes
            default: self = .no
            }
        } else {
            self = .no
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .no: try container.encode(false)
        case .yes: try container.encode(true)
        case .parent: try container.encode("parent")
        }
    }
}

/// A product type.
public struct WooProductType: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static let simple: WooProductType = "simple"
    public static let variable: WooProductType = "variable"
    public static let grouped: WooProductType = "grouped"
    public static let external: WooProductType = "external"
    /// Only in answers: `GET /products?sku=` returns matching variations too, typed `variation`.
    public static let variation: WooProductType = "variation"
}

/// A product (or, from a `sku` search, a variation) with the fields a sync needs: identity, price and stock.
public struct WooProduct: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    public var name: String
    public var slug: String
    public var type: WooProductType
    /// `publish`, `draft`, `pending`, `private`.
    public var status: String
    /// `""` when the product has none.
    public var sku: String
    public var price: WooMoney?
    public var regularPrice: WooMoney?
    public var salePrice: WooMoney?
    public var manageStock: WooManageStock
    /// `nil` when stock is not managed.
    public var stockQuantity: Int?
    /// `instock`, `outofstock` or `onbackorder`.
    public var stockStatus: String
    /// `no`, `notify` or `yes`.
    public var backorders: String
    /// The variable product for a variation; `0` otherwise.
    public var parentID: Int
    /// Variation ids of a variable product.
    public var variations: [Int]
    public var weight: String
    public var dateCreated: Date?
    public var dateModified: Date?
    public var metaData: [WooMetaData]

    enum CodingKeys: String, CodingKey {
        case id, name, slug, type, status, sku, price, backorders, variations, weight
        case regularPrice = "regular_price"
        case salePrice = "sale_price"
        case manageStock = "manage_stock"
        case stockQuantity = "stock_quantity"
        case stockStatus = "stock_status"
        case parentID = "parent_id"
        case dateCreated = "date_created_gmt"
        case dateModified = "date_modified_gmt"
        case metaData = "meta_data"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.requiredInt(.id)
        name = container.lenientString(.name)
        slug = container.lenientString(.slug)
        type = WooProductType(rawValue: container.lenientString(.type))
        status = container.lenientString(.status)
        sku = container.lenientString(.sku)
        price = container.optionalMoney(.price)
        regularPrice = container.optionalMoney(.regularPrice)
        salePrice = container.optionalMoney(.salePrice)
        manageStock = (try? container.decodeIfPresent(WooManageStock.self, forKey: .manageStock)) ?? .no
        stockQuantity = container.lenientOptionalInt(.stockQuantity)
        stockStatus = container.lenientString(.stockStatus)
        backorders = container.lenientString(.backorders)
        parentID = container.lenientInt(.parentID)
        variations = (try? container.lenientArray(Int.self, .variations)) ?? []
        weight = container.lenientString(.weight)
        dateCreated = container.gmtDate(.dateCreated)
        dateModified = container.gmtDate(.dateModified)
        metaData = try container.lenientArray(WooMetaData.self, .metaData)
    }
}

/// A variation of a variable product, from `GET /products/{id}/variations`.
public struct WooVariation: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    /// The variable product; WooCommerce 8+ sends it, older stores don't (then it is the listing's parent).
    public var parentID: Int
    public var name: String
    /// `""` when the variation only inherits its parent's SKU.
    public var sku: String
    public var status: String
    public var price: WooMoney?
    public var regularPrice: WooMoney?
    public var salePrice: WooMoney?
    /// `.parent` means the stock is the parent product's: update the parent, not the variation.
    public var manageStock: WooManageStock
    public var stockQuantity: Int?
    public var stockStatus: String
    public var backorders: String
    public var attributes: [WooVariationAttribute]
    public var dateModified: Date?
    public var metaData: [WooMetaData]

    enum CodingKeys: String, CodingKey {
        case id, name, sku, status, price, backorders, attributes
        case parentID = "parent_id"
        case regularPrice = "regular_price"
        case salePrice = "sale_price"
        case manageStock = "manage_stock"
        case stockQuantity = "stock_quantity"
        case stockStatus = "stock_status"
        case dateModified = "date_modified_gmt"
        case metaData = "meta_data"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.requiredInt(.id)
        parentID = container.lenientInt(.parentID)
        name = container.lenientString(.name)
        sku = container.lenientString(.sku)
        status = container.lenientString(.status)
        price = container.optionalMoney(.price)
        regularPrice = container.optionalMoney(.regularPrice)
        salePrice = container.optionalMoney(.salePrice)
        manageStock = (try? container.decodeIfPresent(WooManageStock.self, forKey: .manageStock)) ?? .no
        stockQuantity = container.lenientOptionalInt(.stockQuantity)
        stockStatus = container.lenientString(.stockStatus)
        backorders = container.lenientString(.backorders)
        attributes = (try? container.lenientArray(WooVariationAttribute.self, .attributes)) ?? []
        dateModified = container.gmtDate(.dateModified)
        metaData = try container.lenientArray(WooMetaData.self, .metaData)
    }
}

/// One attribute value of a variation, e.g. Color = Black.
public struct WooVariationAttribute: Sendable, Hashable, Decodable {
    public var id: Int
    public var name: String
    public var option: String

    enum CodingKeys: String, CodingKey { case id, name, option }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = container.lenientInt(.id)
        name = container.lenientString(.name)
        option = container.lenientString(.option)
    }
}
