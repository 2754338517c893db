import Foundation

/// An order as Logix holds it: the store's commercial data (customer, addresses, lines, totals) together with
/// Logix's own fulfillment ``status``.
///
/// Named plainly `Order` rather than `LogixOrder`: channel clients prefix their models with the platform's name,
/// so within Logix the short name is unambiguous; write `LogixCore.Order` where another module's `Order` is in
/// scope.
/// Nothing here is specific to one store platform.
///
/// An order is identified by (``integrationID``, ``externalID``). ``storeModifiedAt`` is the store's version of
/// the data: Logix applies a version only when it is newer than the one stored (ARCHITECTURE.md,
/// "Idempotent import"), see ``OrderChanges``.
///
/// Money is `Decimal`, never `Double`, so totals match the store to the cent. In `Codable` form amounts are
/// decimal strings (`"10.30"`), which no decoder on the way can round through a binary float.
public struct Order: Sendable, Hashable {
    /// The database id; `nil` until the order is stored.
    public var id: Int64?
    /// The store connection (integration) the order came from.
    public var integrationID: Int64
    /// The store's id for the order, unique within the integration.
    public var externalID: Int64
    /// The order number the merchant and customer see, which need not equal ``externalID``.
    public var number: String
    /// Logix's status. Changed only through ``OrderLifecycle`` (or ``transition(to:)``) so every change comes
    /// with its effects.
    public var status: OrderStatus
    /// The store's own status, verbatim (`processing`, or a custom one such as `shipped`); mapping it to an
    /// ``OrderStatus`` is the channel's business.
    public var storeStatus: String
    /// ISO 4217 code, e.g. `EUR`.
    public var currency: String
    public var total: Decimal
    public var subtotal: Decimal
    public var shippingTotal: Decimal
    public var taxTotal: Decimal
    public var discountTotal: Decimal
    public var feeTotal: Decimal
    public var refundedTotal: Decimal
    public var customer: Customer
    public var billingAddress: PostalAddress
    public var shippingAddress: PostalAddress
    public var shippingMethod: String?
    public var lines: [OrderLine]
    public var customerNote: String
    /// Set when a store change could not be applied automatically (ARCHITECTURE.md, "Who owns what"); a person
    /// must look at it.
    public var review: ReviewFlag?
    /// When the store last modified the order (its `date_modified` in UTC): the version of the store's data.
    public var storeModifiedAt: Date
    /// When the order was placed in the store. Store data, so mapping the same store order twice gives the
    /// same value.
    public var createdAt: Date
    /// When Logix last changed its record of the order; set by whoever writes it.
    public var updatedAt: Date
    /// When the customer placed the order, as the store says (WooCommerce's `date_created_gmt`); `nil` when the
    /// store did not say. What the dashboard counts orders per day and time to shipment by.
    public var placedAt: Date?

    public init(
        id: Int64? = nil,
        integrationID: Int64,
        externalID: Int64,
        number: String,
        status: OrderStatus,
        storeStatus: String,
        currency: String,
        total: Decimal = 0,
        subtotal: Decimal = 0,
        shippingTotal: Decimal = 0,
        taxTotal: Decimal = 0,
        discountTotal: Decimal = 0,
        feeTotal: Decimal = 0,
        refundedTotal: Decimal = 0,
        customer: Customer = Customer(),
        billingAddress: PostalAddress = PostalAddress(),
        shippingAddress: PostalAddress = PostalAddress(),
        shippingMethod: String? = nil,
        lines: [OrderLine] = [],
        customerNote: String = "",
        review: ReviewFlag? = nil,
        storeModifiedAt: Date,
        createdAt: Date,
        updatedAt: Date,
        placedAt: Date? = nil
    ) {
        self.id = id
        self.integrationID = integrationID
        self.externalID = externalID
        self.number = number
        self.status = status
        self.storeStatus = storeStatus
        self.currency = currency
        self.total = total
        self.subtotal = subtotal
        self.shippingTotal = shippingTotal
        self.taxTotal = taxTotal
        self.discountTotal = discountTotal
        self.feeTotal = feeTotal
        self.refundedTotal = refundedTotal
        self.customer = customer
        self.billingAddress = billingAddress
        self.shippingAddress = shippingAddress
        self.shippingMethod = shippingMethod
        self.lines = lines
        self.customerNote = customerNote
        self.review = review
        self.storeModifiedAt = storeModifiedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.placedAt = placedAt
    }

    /// What the order needs from stock: the open quantity of every line that has a SKU, one entry per SKU,
    /// sorted by SKU. This is what entering `ready` reserves and what shipping consumes.
    public var stockDemand: [StockQuantity] {
        StockQuantity.normalized(
            lines.compactMap { line in
                line.sku.map { StockQuantity(sku: $0, quantity: line.openQuantity) }
            }
        )
    }

    /// The order's state machine, positioned at its current status and stock demand.
    public var lifecycle: OrderLifecycle {
        OrderLifecycle(status: status, demand: stockDemand)
    }

    /// Moves the order to `target` and returns the effects the caller must apply in the same transaction.
    ///
    /// The same status is a no-op with no effects; an illegal move throws and leaves the order unchanged.
    public mutating func transition(to target: OrderStatus) throws(OrderLifecycleError) -> [LifecycleEffect] {
        var machine = lifecycle
        let effects = try machine.transition(to: target)
        status = machine.status
        return effects
    }

    /// Whether `self` is a newer version of the store's data than `other` (ARCHITECTURE.md, "Idempotent import":
    /// older or equal versions change nothing).
    public func isNewer(than other: Order) -> Bool {
        storeModifiedAt > other.storeModifiedAt
    }

    /// Whether the two carry the same store data, ignoring what Logix owns or assigns (``id``, ``status``,
    /// ``review``, ``updatedAt``) and the version stamp ``storeModifiedAt``.
    public func hasSameStoreData(as other: Order) -> Bool {
        storeData == other.storeData
    }

    private var storeData: Order {
        var copy = self
        copy.id = nil
        copy.status = .awaitingPayment
        copy.review = nil
        copy.updatedAt = .distantPast
        copy.storeModifiedAt = .distantPast
        return copy
    }
}

extension Order: Codable {
    private enum CodingKeys: String, CodingKey {
        case id
        case integrationID
        case externalID
        case number
        case status
        case storeStatus
        case currency
        case total
        case subtotal
        case shippingTotal
        case taxTotal
        case discountTotal
        case feeTotal
        case refundedTotal
        case customer
        case billingAddress
        case shippingAddress
        case shippingMethod
        case lines
        case customerNote
        case review
        case storeModifiedAt
        case createdAt
        case updatedAt
        case placedAt
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decodeIfPresent(Int64.self, forKey: .id),
            integrationID: try container.decode(Int64.self, forKey: .integrationID),
            externalID: try container.decode(Int64.self, forKey: .externalID),
            number: try container.decode(String.self, forKey: .number),
            status: try container.decode(OrderStatus.self, forKey: .status),
            storeStatus: try container.decode(String.self, forKey: .storeStatus),
            currency: try container.decode(String.self, forKey: .currency),
            total: try container.decodeExactDecimal(forKey: .total),
            subtotal: try container.decodeExactDecimal(forKey: .subtotal),
            shippingTotal: try container.decodeExactDecimal(forKey: .shippingTotal),
            taxTotal: try container.decodeExactDecimal(forKey: .taxTotal),
            discountTotal: try container.decodeExactDecimal(forKey: .discountTotal),
            feeTotal: try container.decodeExactDecimal(forKey: .feeTotal),
            refundedTotal: try container.decodeExactDecimal(forKey: .refundedTotal),
            customer: try container.decode(Customer.self, forKey: .customer),
            billingAddress: try container.decode(PostalAddress.self, forKey: .billingAddress),
            shippingAddress: try container.decode(PostalAddress.self, forKey: .shippingAddress),
            shippingMethod: try container.decodeIfPresent(String.self, forKey: .shippingMethod),
            lines: try container.decode([OrderLine].self, forKey: .lines),
            customerNote: try container.decode(String.self, forKey: .customerNote),
            review: try container.decodeIfPresent(ReviewFlag.self, forKey: .review),
            storeModifiedAt: try container.decode(Date.self, forKey: .storeModifiedAt),
            createdAt: try container.decode(Date.self, forKey: .createdAt),
            updatedAt: try container.decode(Date.self, forKey: .updatedAt),
            placedAt: try container.decodeIfPresent(Date.self, forKey: .placedAt)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode(integrationID, forKey: .integrationID)
        try container.encode(externalID, forKey: .externalID)
        try container.encode(number, forKey: .number)
        try container.encode(status, forKey: .status)
        try container.encode(storeStatus, forKey: .storeStatus)
        try container.encode(currency, forKey: .currency)
        try container.encodeExactDecimal(total, forKey: .total)
        try container.encodeExactDecimal(subtotal, forKey: .subtotal)
        try container.encodeExactDecimal(shippingTotal, forKey: .shippingTotal)
        try container.encodeExactDecimal(taxTotal, forKey: .taxTotal)
        try container.encodeExactDecimal(discountTotal, forKey: .discountTotal)
        try container.encodeExactDecimal(feeTotal, forKey: .feeTotal)
        try container.encodeExactDecimal(refundedTotal, forKey: .refundedTotal)
        try container.encode(customer, forKey: .customer)
        try container.encode(billingAddress, forKey: .billingAddress)
        try container.encode(shippingAddress, forKey: .shippingAddress)
        try container.encodeIfPresent(shippingMethod, forKey: .shippingMethod)
        try container.encode(lines, forKey: .lines)
        try container.encode(customerNote, forKey: .customerNote)
        try container.encodeIfPresent(review, forKey: .review)
        try container.encode(storeModifiedAt, forKey: .storeModifiedAt)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encodeIfPresent(placedAt, forKey: .placedAt)
    }
}
