import Foundation

/// A WooCommerce order as `GET /orders/{id}` returns it.
///
/// Dates are the UTC `*_gmt` fields; money is exact. Fields a store omits (older versions, `_fields=`
/// queries) decode to empty values rather than failing.
public struct WooOrder: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    public var parentID: Int
    /// The order number customers see; differs from `id` with numbering plugins.
    public var number: String
    public var orderKey: String
    public var createdVia: String
    /// The WooCommerce version that last saved the order.
    public var version: String
    public var status: WooOrderStatus
    /// ISO 4217, e.g. `EUR`.
    public var currency: String
    public var currencySymbol: String?
    public var pricesIncludeTax: Bool
    public var dateCreated: Date?
    /// The order's version for sync purposes: newer data has a later `dateModified`.
    public var dateModified: Date?
    public var datePaid: Date?
    public var dateCompleted: Date?
    public var discountTotal: WooMoney
    public var discountTax: WooMoney
    public var shippingTotal: WooMoney
    public var shippingTax: WooMoney
    public var cartTax: WooMoney
    public var total: WooMoney
    public var totalTax: WooMoney
    /// `0` for a guest checkout.
    public var customerID: Int
    public var customerIPAddress: String
    public var customerUserAgent: String
    public var customerNote: String
    public var billing: WooAddress
    public var shipping: WooAddress
    public var paymentMethod: String
    public var paymentMethodTitle: String
    public var transactionID: String
    public var cartHash: String
    public var metaData: [WooMetaData]
    public var lineItems: [WooLineItem]
    public var taxLines: [WooTaxLine]
    public var shippingLines: [WooShippingLine]
    public var feeLines: [WooFeeLine]
    public var couponLines: [WooCouponLine]
    public var refunds: [WooRefundSummary]
    public var paymentURL: String
    public var isEditable: Bool
    public var needsPayment: Bool
    public var needsProcessing: Bool

    enum CodingKeys: String, CodingKey {
        case id, number, version, status, currency, total, billing, shipping, refunds
        case parentID = "parent_id"
        case orderKey = "order_key"
        case createdVia = "created_via"
        case currencySymbol = "currency_symbol"
        case pricesIncludeTax = "prices_include_tax"
        case dateCreated = "date_created_gmt"
        case dateModified = "date_modified_gmt"
        case datePaid = "date_paid_gmt"
        case dateCompleted = "date_completed_gmt"
        case discountTotal = "discount_total"
        case discountTax = "discount_tax"
        case shippingTotal = "shipping_total"
        case shippingTax = "shipping_tax"
        case cartTax = "cart_tax"
        case totalTax = "total_tax"
        case customerID = "customer_id"
        case customerIPAddress = "customer_ip_address"
        case customerUserAgent = "customer_user_agent"
        case customerNote = "customer_note"
        case paymentMethod = "payment_method"
        case paymentMethodTitle = "payment_method_title"
        case transactionID = "transaction_id"
        case cartHash = "cart_hash"
        case metaData = "meta_data"
        case lineItems = "line_items"
        case taxLines = "tax_lines"
        case shippingLines = "shipping_lines"
        case feeLines = "fee_lines"
        case couponLines = "coupon_lines"
        case paymentURL = "payment_url"
        case isEditable = "is_editable"
        case needsPayment = "needs_payment"
        case needsProcessing = "needs_processing"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let id = try container.requiredInt(.id)
        var fields = Fields()
        fields.parentID = container.lenientOptionalInt(.parentID)
        fields.number = container.lenientOptionalString(.number)
        fields.orderKey = container.lenientOptionalString(.orderKey)
        fields.createdVia = container.lenientOptionalString(.createdVia)
        fields.version = container.lenientOptionalString(.version)
        fields.status = container.lenientOptionalString(.status)
        fields.currency = container.lenientOptionalString(.currency)
        fields.currencySymbol = container.lenientOptionalString(.currencySymbol)
        fields.pricesIncludeTax = container.lenientOptionalBool(.pricesIncludeTax)
        fields.dateCreated = container.gmtDate(.dateCreated)
        fields.dateModified = container.gmtDate(.dateModified)
        fields.datePaid = container.gmtDate(.datePaid)
        fields.dateCompleted = container.gmtDate(.dateCompleted)
        fields.discountTotal = container.optionalMoney(.discountTotal)
        fields.discountTax = container.optionalMoney(.discountTax)
        fields.shippingTotal = container.optionalMoney(.shippingTotal)
        fields.shippingTax = container.optionalMoney(.shippingTax)
        fields.cartTax = container.optionalMoney(.cartTax)
        fields.total = container.optionalMoney(.total)
        fields.totalTax = container.optionalMoney(.totalTax)
        fields.customerID = container.lenientOptionalInt(.customerID)
        fields.customerIPAddress = container.lenientOptionalString(.customerIPAddress)
        fields.customerUserAgent = container.lenientOptionalString(.customerUserAgent)
        fields.customerNote = container.lenientOptionalString(.customerNote)
        fields.billing = container.lenientObject(WooAddress.self, .billing)
        fields.shipping = container.lenientObject(WooAddress.self, .shipping)
        fields.paymentMethod = container.lenientOptionalString(.paymentMethod)
        fields.paymentMethodTitle = container.lenientOptionalString(.paymentMethodTitle)
        fields.transactionID = container.lenientOptionalString(.transactionID)
        fields.cartHash = container.lenientOptionalString(.cartHash)
        fields.metaData = try container.lenientArray(WooMetaData.self, .metaData)
        fields.lineItems = try container.lenientArray(WooLineItem.self, .lineItems)
        fields.taxLines = try container.lenientArray(WooTaxLine.self, .taxLines)
        fields.shippingLines = try container.lenientArray(WooShippingLine.self, .shippingLines)
        fields.feeLines = try container.lenientArray(WooFeeLine.self, .feeLines)
        fields.couponLines = try container.lenientArray(WooCouponLine.self, .couponLines)
        fields.refunds = try container.lenientArray(WooRefundSummary.self, .refunds)
        fields.paymentURL = container.lenientOptionalString(.paymentURL)
        fields.isEditable = container.lenientOptionalBool(.isEditable)
        fields.needsPayment = container.lenientOptionalBool(.needsPayment)
        fields.needsProcessing = container.lenientOptionalBool(.needsProcessing)
        self.init(id: id, fields)
    }

    /// What a decoder found in an order body, field by field: `nil` (an empty list) where the body has
    /// nothing usable. Both decoders fill one, the Codable path and ``WooOrderReader``, so the defaults
    /// below exist once.
    struct Fields {
        var parentID: Int?
        var number: String?
        var orderKey: String?
        var createdVia: String?
        var version: String?
        var status: String?
        var currency: String?
        var currencySymbol: String?
        var pricesIncludeTax: Bool?
        var dateCreated: Date?
        var dateModified: Date?
        var datePaid: Date?
        var dateCompleted: Date?
        var discountTotal: WooMoney?
        var discountTax: WooMoney?
        var shippingTotal: WooMoney?
        var shippingTax: WooMoney?
        var cartTax: WooMoney?
        var total: WooMoney?
        var totalTax: WooMoney?
        var customerID: Int?
        var customerIPAddress: String?
        var customerUserAgent: String?
        var customerNote: String?
        var billing: WooAddress?
        var shipping: WooAddress?
        var paymentMethod: String?
        var paymentMethodTitle: String?
        var transactionID: String?
        var cartHash: String?
        var metaData: [WooMetaData] = []
        var lineItems: [WooLineItem] = []
        var taxLines: [WooTaxLine] = []
        var shippingLines: [WooShippingLine] = []
        var feeLines: [WooFeeLine] = []
        var couponLines: [WooCouponLine] = []
        var refunds: [WooRefundSummary] = []
        var paymentURL: String?
        var isEditable: Bool?
        var needsPayment: Bool?
        var needsProcessing: Bool?
    }

    /// The order from what a decoder found, each missing field at its default: the one place they live.
    init(id: Int, _ fields: Fields) {
        self.id = id
        self.parentID = fields.parentID ?? 0
        self.number = fields.number ?? String(id)
        self.orderKey = fields.orderKey ?? ""
        self.createdVia = fields.createdVia ?? ""
        self.version = fields.version ?? ""
        self.status = WooOrderStatus(rawValue: fields.status ?? "")
        self.currency = fields.currency ?? ""
        self.currencySymbol = fields.currencySymbol
        self.pricesIncludeTax = fields.pricesIncludeTax ?? false
        self.dateCreated = fields.dateCreated
        self.dateModified = fields.dateModified
        self.datePaid = fields.datePaid
        self.dateCompleted = fields.dateCompleted
        self.discountTotal = fields.discountTotal ?? .zero
        self.discountTax = fields.discountTax ?? .zero
        self.shippingTotal = fields.shippingTotal ?? .zero
        self.shippingTax = fields.shippingTax ?? .zero
        self.cartTax = fields.cartTax ?? .zero
        self.total = fields.total ?? .zero
        self.totalTax = fields.totalTax ?? .zero
        self.customerID = fields.customerID ?? 0
        self.customerIPAddress = fields.customerIPAddress ?? ""
        self.customerUserAgent = fields.customerUserAgent ?? ""
        self.customerNote = fields.customerNote ?? ""
        self.billing = fields.billing ?? WooAddress()
        self.shipping = fields.shipping ?? WooAddress()
        self.paymentMethod = fields.paymentMethod ?? ""
        self.paymentMethodTitle = fields.paymentMethodTitle ?? ""
        self.transactionID = fields.transactionID ?? ""
        self.cartHash = fields.cartHash ?? ""
        self.metaData = fields.metaData
        self.lineItems = fields.lineItems
        self.taxLines = fields.taxLines
        self.shippingLines = fields.shippingLines
        self.feeLines = fields.feeLines
        self.couponLines = fields.couponLines
        self.refunds = fields.refunds
        self.paymentURL = fields.paymentURL ?? ""
        self.isEditable = fields.isEditable ?? false
        self.needsPayment = fields.needsPayment ?? false
        self.needsProcessing = fields.needsProcessing ?? false
    }

    /// The value of an order meta entry by key.
    public func meta(_ key: String) -> JSONValue? { metaData.first { $0.key == key }?.value }

    /// The sum of all refunds, as a positive amount.
    public var refundedTotal: WooMoney { refunds.reduce(.zero) { $0 - $1.total } }
}

/// The little of an order needed to tell whether a local copy is current: what a
/// `_fields=id,status,date_modified_gmt` listing returns, several times faster than full orders.
public struct WooOrderVersion: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    public var status: WooOrderStatus
    public var dateModified: Date?

    enum CodingKeys: String, CodingKey {
        case id, status
        case dateModified = "date_modified_gmt"
    }

    /// The `_fields` value that selects exactly these fields.
    public static let fields = "id,status,date_modified_gmt"

    public init(id: Int, status: WooOrderStatus, dateModified: Date?) {
        self.id = id
        self.status = status
        self.dateModified = dateModified
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.requiredInt(.id)
        status = WooOrderStatus(rawValue: container.lenientString(.status))
        dateModified = container.gmtDate(.dateModified)
    }
}
