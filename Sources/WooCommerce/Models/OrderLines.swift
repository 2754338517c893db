/// A tax rate applied to an order.
public struct WooTaxLine: Sendable, Hashable, Decodable {
    public var id: Int
    public var rateCode: String
    public var rateID: Int
    public var label: String
    public var compound: Bool
    public var taxTotal: WooMoney
    public var shippingTaxTotal: WooMoney
    public var ratePercent: WooMoney?

    enum CodingKeys: String, CodingKey {
        case id, label, compound
        case rateCode = "rate_code"
        case rateID = "rate_id"
        case taxTotal = "tax_total"
        case shippingTaxTotal = "shipping_tax_total"
        case ratePercent = "rate_percent"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let id = try container.requiredInt(.id)
        var fields = Fields()
        fields.rateCode = container.lenientOptionalString(.rateCode)
        fields.rateID = container.lenientOptionalInt(.rateID)
        fields.label = container.lenientOptionalString(.label)
        fields.compound = container.lenientOptionalBool(.compound)
        fields.taxTotal = container.optionalMoney(.taxTotal)
        fields.shippingTaxTotal = container.optionalMoney(.shippingTaxTotal)
        fields.ratePercent = container.optionalMoney(.ratePercent)
        self.init(id: id, fields)
    }

    /// What a decoder found, field by field (`nil`, or an empty list, where nothing usable); both decoders
    /// fill one, the Codable path and ``WooOrderReader``, so the defaults below exist once.
    struct Fields {
        var rateCode: String?
        var rateID: Int?
        var label: String?
        var compound: Bool?
        var taxTotal: WooMoney?
        var shippingTaxTotal: WooMoney?
        var ratePercent: WooMoney?
    }

    /// Built from what a decoder found, each missing field at its default.
    init(id: Int, _ fields: Fields) {
        self.id = id
        self.rateCode = fields.rateCode ?? ""
        self.rateID = fields.rateID ?? 0
        self.label = fields.label ?? ""
        self.compound = fields.compound ?? false
        self.taxTotal = fields.taxTotal ?? .zero
        self.shippingTaxTotal = fields.shippingTaxTotal ?? .zero
        self.ratePercent = fields.ratePercent
    }
}

/// A shipping method charged on an order.
public struct WooShippingLine: Sendable, Hashable, Decodable {
    public var id: Int
    public var methodTitle: String
    /// e.g. `flat_rate`, `free_shipping`, `local_pickup`.
    public var methodID: String
    /// The shipping zone instance, a string (`"5"`).
    public var instanceID: String
    public var total: WooMoney
    public var totalTax: WooMoney
    public var taxes: [WooTaxAmount]
    public var metaData: [WooMetaData]

    enum CodingKeys: String, CodingKey {
        case id, total, taxes
        case methodTitle = "method_title"
        case methodID = "method_id"
        case instanceID = "instance_id"
        case totalTax = "total_tax"
        case metaData = "meta_data"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let id = try container.requiredInt(.id)
        var fields = Fields()
        fields.methodTitle = container.lenientOptionalString(.methodTitle)
        fields.methodID = container.lenientOptionalString(.methodID)
        fields.instanceID = container.lenientOptionalString(.instanceID)
        fields.total = container.optionalMoney(.total)
        fields.totalTax = container.optionalMoney(.totalTax)
        fields.taxes = try container.lenientArray(WooTaxAmount.self, .taxes)
        fields.metaData = try container.lenientArray(WooMetaData.self, .metaData)
        self.init(id: id, fields)
    }

    /// What a decoder found, field by field (`nil`, or an empty list, where nothing usable); both decoders
    /// fill one, the Codable path and ``WooOrderReader``, so the defaults below exist once.
    struct Fields {
        var methodTitle: String?
        var methodID: String?
        var instanceID: String?
        var total: WooMoney?
        var totalTax: WooMoney?
        var taxes: [WooTaxAmount] = []
        var metaData: [WooMetaData] = []
    }

    /// Built from what a decoder found, each missing field at its default.
    init(id: Int, _ fields: Fields) {
        self.id = id
        self.methodTitle = fields.methodTitle ?? ""
        self.methodID = fields.methodID ?? ""
        self.instanceID = fields.instanceID ?? ""
        self.total = fields.total ?? .zero
        self.totalTax = fields.totalTax ?? .zero
        self.taxes = fields.taxes
        self.metaData = fields.metaData
    }
}

/// A fee (or, with a negative total, a discount) added to an order.
public struct WooFeeLine: Sendable, Hashable, Decodable {
    public var id: Int
    public var name: String
    public var taxClass: String
    public var taxStatus: String
    /// The fixed amount entered, when the store sends one (often `""`).
    public var amount: WooMoney?
    public var total: WooMoney
    public var totalTax: WooMoney
    public var taxes: [WooTaxAmount]
    public var metaData: [WooMetaData]

    enum CodingKeys: String, CodingKey {
        case id, name, amount, total, taxes
        case taxClass = "tax_class"
        case taxStatus = "tax_status"
        case totalTax = "total_tax"
        case metaData = "meta_data"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let id = try container.requiredInt(.id)
        var fields = Fields()
        fields.name = container.lenientOptionalString(.name)
        fields.taxClass = container.lenientOptionalString(.taxClass)
        fields.taxStatus = container.lenientOptionalString(.taxStatus)
        fields.amount = container.lenientOptionalString(.amount)
        fields.total = container.optionalMoney(.total)
        fields.totalTax = container.optionalMoney(.totalTax)
        fields.taxes = try container.lenientArray(WooTaxAmount.self, .taxes)
        fields.metaData = try container.lenientArray(WooMetaData.self, .metaData)
        self.init(id: id, fields)
    }

    /// What a decoder found, field by field (`nil`, or an empty list, where nothing usable); both decoders
    /// fill one, the Codable path and ``WooOrderReader``, so the defaults below exist once.
    struct Fields {
        var name: String?
        var taxClass: String?
        var taxStatus: String?
        var amount: String?
        var total: WooMoney?
        var totalTax: WooMoney?
        var taxes: [WooTaxAmount] = []
        var metaData: [WooMetaData] = []
    }

    /// Built from what a decoder found, each missing field at its default.
    init(id: Int, _ fields: Fields) {
        self.id = id
        self.name = fields.name ?? ""
        self.taxClass = fields.taxClass ?? ""
        self.taxStatus = fields.taxStatus ?? ""
        // The amount is read as text first (a number as its text), then as money.
        self.amount = fields.amount.flatMap { WooMoney($0) }
        self.total = fields.total ?? .zero
        self.totalTax = fields.totalTax ?? .zero
        self.taxes = fields.taxes
        self.metaData = fields.metaData
    }
}

/// A coupon used on an order.
public struct WooCouponLine: Sendable, Hashable, Decodable {
    public var id: Int
    public var code: String
    public var discount: WooMoney
    public var discountTax: WooMoney
    public var metaData: [WooMetaData]

    enum CodingKeys: String, CodingKey {
        case id, code, discount
        case discountTax = "discount_tax"
        case metaData = "meta_data"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let id = try container.requiredInt(.id)
        var fields = Fields()
        fields.code = container.lenientOptionalString(.code)
        fields.discount = container.optionalMoney(.discount)
        fields.discountTax = container.optionalMoney(.discountTax)
        fields.metaData = try container.lenientArray(WooMetaData.self, .metaData)
        self.init(id: id, fields)
    }

    /// What a decoder found, field by field (`nil`, or an empty list, where nothing usable); both decoders
    /// fill one, the Codable path and ``WooOrderReader``, so the defaults below exist once.
    struct Fields {
        var code: String?
        var discount: WooMoney?
        var discountTax: WooMoney?
        var metaData: [WooMetaData] = []
    }

    /// Built from what a decoder found, each missing field at its default.
    init(id: Int, _ fields: Fields) {
        self.id = id
        self.code = fields.code ?? ""
        self.discount = fields.discount ?? .zero
        self.discountTax = fields.discountTax ?? .zero
        self.metaData = fields.metaData
    }
}

/// A refund as listed inside an order: the total is **negative** (`"-10.00"`).
public struct WooRefundSummary: Sendable, Hashable, Decodable {
    public var id: Int
    public var reason: String
    public var total: WooMoney

    enum CodingKeys: String, CodingKey { case id, reason, total }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let id = try container.requiredInt(.id)
        var fields = Fields()
        fields.reason = container.lenientOptionalString(.reason)
        fields.total = container.optionalMoney(.total)
        self.init(id: id, fields)
    }

    /// What a decoder found, field by field (`nil`, or an empty list, where nothing usable); both decoders
    /// fill one, the Codable path and ``WooOrderReader``, so the defaults below exist once.
    struct Fields {
        var reason: String?
        var total: WooMoney?
    }

    /// Built from what a decoder found, each missing field at its default.
    init(id: Int, _ fields: Fields) {
        self.id = id
        self.reason = fields.reason ?? ""
        self.total = fields.total ?? .zero
    }
}
