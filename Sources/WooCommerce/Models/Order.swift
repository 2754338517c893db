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
        id = try container.requiredInt(.id)
        parentID = container.lenientInt(.parentID)
        number = container.lenientOptionalString(.number) ?? String(id)
        orderKey = container.lenientString(.orderKey)
        createdVia = container.lenientString(.createdVia)
        version = container.lenientString(.version)
        status = WooOrderStatus(rawValue: container.lenientString(.status))
        currency = container.lenientString(.currency)
        currencySymbol = container.lenientOptionalString(.currencySymbol)
        pricesIncludeTax = container.lenientBool(.pricesIncludeTax)
        dateCreated = container.gmtDate(.dateCreated)
        dateModified = container.gmtDate(.dateModified)
        datePaid = container.gmtDate(.datePaid)
        dateCompleted = container.gmtDate(.dateCompleted)
        discountTotal = container.money(.discountTotal)
        discountTax = container.money(.discountTax)
        shippingTotal = container.money(.shippingTotal)
        shippingTax = container.money(.shippingTax)
        cartTax = container.money(.cartTax)
        total = container.money(.total)
        totalTax = container.money(.totalTax)
        customerID = container.lenientInt(.customerID)
        customerIPAddress = container.lenientString(.customerIPAddress)
        customerUserAgent = container.lenientString(.customerUserAgent)
        customerNote = container.lenientString(.customerNote)
        billing = container.lenientObject(WooAddress.self, .billing) ?? WooAddress()
        shipping = container.lenientObject(WooAddress.self, .shipping) ?? WooAddress()
        paymentMethod = container.lenientString(.paymentMethod)
        paymentMethodTitle = container.lenientString(.paymentMethodTitle)
        transactionID = container.lenientString(.transactionID)
        cartHash = container.lenientString(.cartHash)
        metaData = try container.lenientArray(WooMetaData.self, .metaData)
        lineItems = try container.lenientArray(WooLineItem.self, .lineItems)
        taxLines = try container.lenientArray(WooTaxLine.self, .taxLines)
        shippingLines = try container.lenientArray(WooShippingLine.self, .shippingLines)
        feeLines = try container.lenientArray(WooFeeLine.self, .feeLines)
        couponLines = try container.lenientArray(WooCouponLine.self, .couponLines)
        refunds = try container.lenientArray(WooRefundSummary.self, .refunds)
        paymentURL = container.lenientString(.paymentURL)
        isEditable = container.lenientBool(.isEditable)
        needsPayment = container.lenientBool(.needsPayment)
        needsProcessing = container.lenientBool(.needsProcessing)
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
