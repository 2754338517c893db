/// One product line of an order (or, with negative quantities, of a refund).
public struct WooLineItem: Sendable, Hashable, Decodable {
    public var id: Int
    public var name: String
    /// `0` when the product has been deleted from the store.
    public var productID: Int
    /// The variation's id, `0` for a simple product.
    public var variationID: Int
    /// Units ordered; negative in a refund's lines.
    public var quantity: Int
    public var taxClass: String
    public var subtotal: WooMoney
    public var subtotalTax: WooMoney
    public var total: WooMoney
    public var totalTax: WooMoney
    public var taxes: [WooTaxAmount]
    public var metaData: [WooMetaData]
    /// The SKU; `nil` when the product has none or no longer exists (the store sends `null`).
    public var sku: String?
    /// Unit price: `total ÷ quantity`, unrounded (WooCommerce sends it as a JSON number).
    public var price: WooMoney
    public var image: WooImage?
    /// The parent product's name for a variation, else `nil`.
    public var parentName: String?

    enum CodingKeys: String, CodingKey {
        case id, name, quantity, taxes, sku, price, image
        case productID = "product_id"
        case variationID = "variation_id"
        case taxClass = "tax_class"
        case subtotal
        case subtotalTax = "subtotal_tax"
        case total
        case totalTax = "total_tax"
        case metaData = "meta_data"
        case parentName = "parent_name"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let id = try container.requiredInt(.id)
        var fields = Fields()
        fields.name = container.lenientOptionalString(.name)
        fields.productID = container.lenientOptionalInt(.productID)
        fields.variationID = container.lenientOptionalInt(.variationID)
        fields.quantity = container.lenientOptionalInt(.quantity)
        fields.taxClass = container.lenientOptionalString(.taxClass)
        fields.subtotal = container.optionalMoney(.subtotal)
        fields.subtotalTax = container.optionalMoney(.subtotalTax)
        fields.total = container.optionalMoney(.total)
        fields.totalTax = container.optionalMoney(.totalTax)
        fields.taxes = try container.lenientArray(WooTaxAmount.self, .taxes)
        fields.metaData = try container.lenientArray(WooMetaData.self, .metaData)
        fields.sku = container.lenientOptionalString(.sku)
        fields.price = container.optionalMoney(.price)
        fields.image = container.lenientObject(WooImage.self, .image)
        fields.parentName = container.lenientOptionalString(.parentName)
        self.init(id: id, fields)
    }

    /// What a decoder found in a line item, field by field (`nil`, or an empty list, where nothing usable);
    /// both decoders fill one, the Codable path and ``WooOrderReader``, so the defaults below exist once.
    struct Fields {
        var name: String?
        var productID: Int?
        var variationID: Int?
        var quantity: Int?
        var taxClass: String?
        var subtotal: WooMoney?
        var subtotalTax: WooMoney?
        var total: WooMoney?
        var totalTax: WooMoney?
        var taxes: [WooTaxAmount] = []
        var metaData: [WooMetaData] = []
        var sku: String?
        var price: WooMoney?
        var image: WooImage?
        var parentName: String?
    }

    /// The line item from what a decoder found, each missing field at its default; an empty SKU is none.
    init(id: Int, _ fields: Fields) {
        self.id = id
        name = fields.name ?? ""
        productID = fields.productID ?? 0
        variationID = fields.variationID ?? 0
        quantity = fields.quantity ?? 0
        taxClass = fields.taxClass ?? ""
        subtotal = fields.subtotal ?? .zero
        subtotalTax = fields.subtotalTax ?? .zero
        total = fields.total ?? .zero
        totalTax = fields.totalTax ?? .zero
        taxes = fields.taxes
        metaData = fields.metaData
        sku = fields.sku?.isEmpty == false ? fields.sku : nil
        price = fields.price ?? .zero
        image = fields.image
        parentName = fields.parentName
    }

    /// The value of a meta entry by key, e.g. `pa_color`.
    public func meta(_ key: String) -> JSONValue? { metaData.first { $0.key == key }?.value }
}

/// A tax amount on a line: the rate id and the amounts charged.
public struct WooTaxAmount: Sendable, Hashable, Decodable {
    public var id: Int
    public var total: WooMoney
    public var subtotal: WooMoney

    enum CodingKeys: String, CodingKey { case id, total, subtotal }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var fields = Fields()
        fields.id = container.lenientOptionalInt(.id)
        fields.total = container.optionalMoney(.total)
        fields.subtotal = container.optionalMoney(.subtotal)
        self.init(fields)
    }

    /// What a decoder found, field by field (`nil`, or an empty list, where nothing usable); both decoders
    /// fill one, the Codable path and ``WooOrderReader``, so the defaults below exist once.
    struct Fields {
        var id: Int?
        var total: WooMoney?
        var subtotal: WooMoney?
    }

    /// Built from what a decoder found, each missing field at its default.
    init(_ fields: Fields) {
        self.id = fields.id ?? 0
        self.total = fields.total ?? .zero
        self.subtotal = fields.subtotal ?? .zero
    }
}

/// A product image reference. WooCommerce sends `id` as a number or as `""` when there is none.
public struct WooImage: Sendable, Hashable, Decodable {
    public var id: Int?
    public var src: String
    public var name: String?

    enum CodingKeys: String, CodingKey { case id, src, name }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var fields = Fields()
        fields.id = container.lenientOptionalInt(.id)
        fields.src = container.lenientOptionalString(.src)
        fields.name = container.lenientOptionalString(.name)
        self.init(fields)
    }

    /// What a decoder found, field by field (`nil`, or an empty list, where nothing usable); both decoders
    /// fill one, the Codable path and ``WooOrderReader``, so the defaults below exist once.
    struct Fields {
        var id: Int?
        var src: String?
        var name: String?
    }

    /// Built from what a decoder found, each missing field at its default.
    init(_ fields: Fields) {
        self.id = fields.id
        self.src = fields.src ?? ""
        self.name = fields.name
    }
}
