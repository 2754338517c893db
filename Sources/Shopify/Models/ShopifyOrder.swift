import Foundation

/// An order as the Admin GraphQL API returns it (`orders`, `nodes`, `order`), flattened: the gid and its
/// numeric id, money as `Decimal`, statuses as open enums.
public struct ShopifyOrder: Sendable, Hashable, Decodable {
    public var id: ShopifyGID
    /// The numeric id (the REST and webhook id), from `legacyResourceId` or else the gid.
    public var legacyID: Int64
    /// `#1001`, as the shop numbers them.
    public var name: String
    public var createdAt: Date
    public var updatedAt: Date
    public var cancelledAt: Date?
    public var cancelReason: ShopifyCancelReason?
    public var closedAt: Date?
    /// A test order: looks real, is not.
    public var test: Bool
    /// Protected customer data: `nil` when absent or redacted.
    public var email: String?
    public var phone: String?
    public var note: String?
    public var tags: [String]
    public var financialStatus: ShopifyFinancialStatus?
    public var fulfillmentStatus: ShopifyOrderFulfillmentStatus
    /// The shop currency, e.g. `EUR`.
    public var currencyCode: String
    /// `totalPriceSet.shopMoney.amount`.
    public var totalPrice: Decimal
    public var customer: ShopifyCustomer?
    public var shippingAddress: ShopifyAddress?
    public var shippingLines: [ShopifyShippingLine]
    /// The first page of line items (the page size the call asked for).
    public var lineItems: [ShopifyLineItem]
    /// Whether the order has more lines than `lineItems` holds: read the rest with
    /// ``ShopifyClient/lineItems(ofOrder:after:)``.
    public var hasMoreLineItems: Bool
    /// The cursor after the last line in `lineItems`.
    public var lineItemsEndCursor: String?

    public init(
        id: ShopifyGID, name: String, createdAt: Date, updatedAt: Date, cancelledAt: Date? = nil,
        cancelReason: ShopifyCancelReason? = nil, closedAt: Date? = nil, test: Bool = false, email: String? = nil,
        phone: String? = nil, note: String? = nil, tags: [String] = [], financialStatus: ShopifyFinancialStatus? = nil,
        fulfillmentStatus: ShopifyOrderFulfillmentStatus = .unfulfilled, currencyCode: String, totalPrice: Decimal,
        customer: ShopifyCustomer? = nil, shippingAddress: ShopifyAddress? = nil,
        shippingLines: [ShopifyShippingLine] = [], lineItems: [ShopifyLineItem] = [], hasMoreLineItems: Bool = false,
        lineItemsEndCursor: String? = nil
    ) {
        self.id = id
        self.legacyID = id.legacyID
        self.name = name
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.cancelledAt = cancelledAt
        self.cancelReason = cancelReason
        self.closedAt = closedAt
        self.test = test
        self.email = email
        self.phone = phone
        self.note = note
        self.tags = tags
        self.financialStatus = financialStatus
        self.fulfillmentStatus = fulfillmentStatus
        self.currencyCode = currencyCode
        self.totalPrice = totalPrice
        self.customer = customer
        self.shippingAddress = shippingAddress
        self.shippingLines = shippingLines
        self.lineItems = lineItems
        self.hasMoreLineItems = hasMoreLineItems
        self.lineItemsEndCursor = lineItemsEndCursor
    }

    private enum CodingKeys: String, CodingKey {
        case id, legacyResourceId, name, createdAt, updatedAt, cancelledAt, cancelReason, closedAt, test, email, phone
        case note, tags, displayFinancialStatus, displayFulfillmentStatus, currencyCode, totalPriceSet, customer
        case shippingAddress, shippingLines, lineItems
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ShopifyGID.self, forKey: .id)
        if let legacy = try container.decodeIfPresent(String.self, forKey: .legacyResourceId) {
            guard let number = Int64(legacy) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .legacyResourceId, in: container, debugDescription: "not an Int64: \(legacy)")
            }
            legacyID = number
        } else {
            legacyID = id.legacyID
        }
        name = try container.decode(String.self, forKey: .name)
        createdAt = try container.decodeDate(forKey: .createdAt)
        updatedAt = try container.decodeDate(forKey: .updatedAt)
        cancelledAt = try container.decodeDateIfPresent(forKey: .cancelledAt)
        cancelReason = try container.decodeIfPresent(ShopifyCancelReason.self, forKey: .cancelReason)
        closedAt = try container.decodeDateIfPresent(forKey: .closedAt)
        test = try container.decodeIfPresent(Bool.self, forKey: .test) ?? false
        email = try container.decodeIfPresent(String.self, forKey: .email)
        phone = try container.decodeIfPresent(String.self, forKey: .phone)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        tags = try container.decodeIfPresent([String].self, forKey: .tags) ?? []
        financialStatus = try container.decodeIfPresent(ShopifyFinancialStatus.self, forKey: .displayFinancialStatus)
        fulfillmentStatus =
            try container.decodeIfPresent(ShopifyOrderFulfillmentStatus.self, forKey: .displayFulfillmentStatus)
            ?? .unfulfilled
        let total = try container.decodeIfPresent(MoneyBag.self, forKey: .totalPriceSet)
        currencyCode =
            try container.decodeIfPresent(String.self, forKey: .currencyCode) ?? total?.shopMoney.currencyCode ?? ""
        totalPrice = total?.shopMoney.amount ?? 0
        customer = try container.decodeIfPresent(ShopifyCustomer.self, forKey: .customer)
        shippingAddress = try container.decodeIfPresent(ShopifyAddress.self, forKey: .shippingAddress)
        shippingLines =
            try container.decodeIfPresent(Connection<ShopifyShippingLine>.self, forKey: .shippingLines)?.nodes ?? []
        let lines = try container.decodeIfPresent(Connection<ShopifyLineItem>.self, forKey: .lineItems)
        lineItems = lines?.nodes ?? []
        hasMoreLineItems = lines?.pageInfo?.hasNextPage ?? false
        lineItemsEndCursor = lines?.pageInfo?.endCursor
    }
}

/// An order's customer as the order query reads it.
public struct ShopifyCustomer: Sendable, Hashable, Decodable {
    public var id: ShopifyGID
    public var firstName: String?
    public var lastName: String?

    public init(id: ShopifyGID, firstName: String? = nil, lastName: String? = nil) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
    }
}

/// A `MailingAddress` (shipping address); any field may be null or redacted.
public struct ShopifyAddress: Sendable, Hashable, Codable {
    public var name: String?
    public var company: String?
    public var address1: String?
    public var address2: String?
    public var city: String?
    public var province: String?
    public var provinceCode: String?
    public var zip: String?
    public var country: String?
    /// ISO 3166-1 alpha-2, e.g. `DE`.
    public var countryCodeV2: String?
    public var phone: String?

    public init(
        name: String? = nil, company: String? = nil, address1: String? = nil, address2: String? = nil,
        city: String? = nil, province: String? = nil, provinceCode: String? = nil, zip: String? = nil,
        country: String? = nil, countryCodeV2: String? = nil, phone: String? = nil
    ) {
        self.name = name
        self.company = company
        self.address1 = address1
        self.address2 = address2
        self.city = city
        self.province = province
        self.provinceCode = provinceCode
        self.zip = zip
        self.country = country
        self.countryCodeV2 = countryCodeV2
        self.phone = phone
    }
}

/// One shipping line of an order.
public struct ShopifyShippingLine: Sendable, Hashable, Decodable {
    public var title: String
    public var code: String?
    /// `originalPriceSet.shopMoney.amount`.
    public var price: Decimal?

    private enum CodingKeys: String, CodingKey { case title, code, originalPriceSet }

    public init(title: String, code: String? = nil, price: Decimal? = nil) {
        self.title = title
        self.code = code
        self.price = price
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? ""
        code = try container.decodeIfPresent(String.self, forKey: .code)
        price = try container.decodeIfPresent(MoneyBag.self, forKey: .originalPriceSet)?.shopMoney.amount
    }
}

/// One line of an order.
public struct ShopifyLineItem: Sendable, Hashable, Decodable {
    public var id: ShopifyGID
    /// The line's own SKU (copied when ordered); ``variantSKU`` is the variant's current one.
    public var sku: String?
    public var name: String
    /// Units ordered, refunded and removed ones included.
    public var quantity: Int
    /// Units still on the order (refunds and edits taken off).
    public var currentQuantity: Int
    public var unfulfilledQuantity: Int
    /// `nil` once the variant was deleted.
    public var variantID: ShopifyGID?
    public var variantSKU: String?
    public var productID: ShopifyGID?
    /// `originalUnitPriceSet.shopMoney`.
    public var unitPrice: Decimal?
    public var currencyCode: String?

    public init(
        id: ShopifyGID, sku: String? = nil, name: String = "", quantity: Int, currentQuantity: Int? = nil,
        unfulfilledQuantity: Int? = nil, variantID: ShopifyGID? = nil, variantSKU: String? = nil,
        productID: ShopifyGID? = nil, unitPrice: Decimal? = nil, currencyCode: String? = nil
    ) {
        self.id = id
        self.sku = sku
        self.name = name
        self.quantity = quantity
        self.currentQuantity = currentQuantity ?? quantity
        self.unfulfilledQuantity = unfulfilledQuantity ?? quantity
        self.variantID = variantID
        self.variantSKU = variantSKU
        self.productID = productID
        self.unitPrice = unitPrice
        self.currencyCode = currencyCode
    }

    /// The SKU to match stock by: the variant's, else the line's; `nil` when both are blank.
    public var effectiveSKU: String? {
        for candidate in [variantSKU, sku] {
            if let candidate, !candidate.trimmingCharacters(in: .whitespaces).isEmpty { return candidate }
        }
        return nil
    }

    private enum CodingKeys: String, CodingKey {
        case id, sku, name, quantity, currentQuantity, unfulfilledQuantity, variant, product, originalUnitPriceSet
    }

    private struct Reference: Decodable {
        var id: ShopifyGID
        var sku: String?
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ShopifyGID.self, forKey: .id)
        sku = try container.decodeIfPresent(String.self, forKey: .sku)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        quantity = try container.decode(Int.self, forKey: .quantity)
        currentQuantity = try container.decodeIfPresent(Int.self, forKey: .currentQuantity) ?? quantity
        unfulfilledQuantity = try container.decodeIfPresent(Int.self, forKey: .unfulfilledQuantity) ?? currentQuantity
        let variant = try container.decodeIfPresent(Reference.self, forKey: .variant)
        variantID = variant?.id
        variantSKU = variant?.sku
        productID = try container.decodeIfPresent(Reference.self, forKey: .product)?.id
        let price = try container.decodeIfPresent(MoneyBag.self, forKey: .originalUnitPriceSet)
        unitPrice = price?.shopMoney.amount
        currencyCode = price?.shopMoney.currencyCode
    }
}

/// `MoneyBag`: `{ shopMoney { amount currencyCode } }`.
struct MoneyBag: Decodable {
    var shopMoney: MoneyV2

    struct MoneyV2: Decodable {
        var amount: Decimal
        var currencyCode: String?

        private enum CodingKeys: String, CodingKey { case amount, currencyCode }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            amount = try container.decodeDecimalIfPresent(forKey: .amount) ?? 0
            currencyCode = try container.decodeIfPresent(String.self, forKey: .currencyCode)
        }
    }
}

/// A connection read as GraphQL sends it: `{ pageInfo { hasNextPage endCursor } nodes [ … ] }`.
struct Connection<Node: Decodable & Sendable>: Decodable, Sendable {
    var nodes: [Node]
    var pageInfo: PageInfo?

    struct PageInfo: Decodable, Sendable {
        var hasNextPage: Bool
        var endCursor: String?
    }
}
