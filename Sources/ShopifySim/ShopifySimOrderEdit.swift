/// A change to an order as the merchant makes it in the admin; each one bumps `updatedAt` and fires
/// `orders/updated` (`orders/edited` too when lines change).
public struct ShopifySimOrderEdit: Sendable, Codable {
    public var note: String?
    public var tags: [String]?
    public var email: String?
    public var financialStatus: String?
    /// New `currentQuantity` per SKU (units refunded or removed; `quantity` keeps counting them).
    public var currentQuantities: [String: Int]?
    /// Lines added by an order edit; they get a fulfillment order of their own.
    public var addLines: [ShopifySimNewOrder.Line]?
    /// Puts the order's open fulfillment orders on hold with this reason (e.g. `AWAITING_PAYMENT`).
    public var holdReason: String?
    /// Releases every hold.
    public var releaseHolds: Bool?

    public init(
        note: String? = nil, tags: [String]? = nil, email: String? = nil, financialStatus: String? = nil,
        currentQuantities: [String: Int]? = nil, addLines: [ShopifySimNewOrder.Line]? = nil, holdReason: String? = nil,
        releaseHolds: Bool? = nil
    ) {
        self.note = note
        self.tags = tags
        self.email = email
        self.financialStatus = financialStatus
        self.currentQuantities = currentQuantities
        self.addLines = addLines
        self.holdReason = holdReason
        self.releaseHolds = releaseHolds
    }
}
