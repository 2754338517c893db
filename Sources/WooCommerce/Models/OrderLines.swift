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
        id = try container.requiredInt(.id)
        rateCode = container.lenientString(.rateCode)
        rateID = container.lenientInt(.rateID)
        label = container.lenientString(.label)
        compound = container.lenientBool(.compound)
        taxTotal = container.money(.taxTotal)
        shippingTaxTotal = container.money(.shippingTaxTotal)
        ratePercent = container.optionalMoney(.ratePercent)
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
        id = try container.requiredInt(.id)
        methodTitle = container.lenientString(.methodTitle)
        methodID = container.lenientString(.methodID)
        instanceID = container.lenientString(.instanceID)
        total = container.money(.total)
        totalTax = container.money(.totalTax)
        taxes = try container.lenientArray(WooTaxAmount.self, .taxes)
        metaData = try container.lenientArray(WooMetaData.self, .metaData)
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
        id = try container.requiredInt(.id)
        name = container.lenientString(.name)
        taxClass = container.lenientString(.taxClass)
        taxStatus = container.lenientString(.taxStatus)
        let amount = container.lenientOptionalString(.amount)
        self.amount = amount.flatMap { WooMoney($0) }
        total = container.money(.total)
        totalTax = container.money(.totalTax)
        taxes = try container.lenientArray(WooTaxAmount.self, .taxes)
        metaData = try container.lenientArray(WooMetaData.self, .metaData)
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
        id = try container.requiredInt(.id)
        code = container.lenientString(.code)
        discount = container.money(.discount)
        discountTax = container.money(.discountTax)
        metaData = try container.lenientArray(WooMetaData.self, .metaData)
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
        id = try container.requiredInt(.id)
        reason = container.lenientString(.reason)
        total = container.money(.total)
    }
}
