/// An order to place through the control API or ``ShopifySim/placeOrder(_:)``.
public struct ShopifySimNewOrder: Sendable, Codable {
    /// One line per SKU; none → one unit of the first variant that has a SKU.
    public var lines: [Line] = []
    public var email: String?
    public var test: Bool = false
    public var tags: [String] = []
    public var note: String?
    /// `OrderDisplayFinancialStatus`, e.g. `PAID`, `PENDING`.
    public var financialStatus: String = "PAID"

    public struct Line: Sendable, Codable {
        public var sku: String
        public var quantity: Int

        public init(sku: String, quantity: Int = 1) {
            self.sku = sku
            self.quantity = quantity
        }
    }

    public init(lines: [Line] = [], email: String? = nil, test: Bool = false, tags: [String] = [], note: String? = nil)
    {
        self.lines = lines
        self.email = email
        self.test = test
        self.tags = tags
        self.note = note
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.lines = try c.decodeIfPresent([Line].self, forKey: .lines) ?? []
        self.email = try c.decodeIfPresent(String.self, forKey: .email)
        self.test = try c.decodeIfPresent(Bool.self, forKey: .test) ?? false
        self.tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        self.note = try c.decodeIfPresent(String.self, forKey: .note)
        self.financialStatus = try c.decodeIfPresent(String.self, forKey: .financialStatus) ?? "PAID"
    }
}

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

/// How to name an order: its gid, numeric id and `#1001`-style name.
public struct ShopifySimOrderRef: Sendable, Codable, Hashable {
    public var id: String
    public var legacyResourceId: Int64
    public var name: String
}

/// A fulfillment order as the sim holds it.
public struct ShopifySimFulfillmentOrder: Sendable, Codable {
    public var id: String
    /// OPEN, IN_PROGRESS, CLOSED, ON_HOLD…
    public var status: String
    public var locationId: String
    public var holds: [String]
    public var lines: [Line]

    public struct Line: Sendable, Codable {
        public var id: String
        public var lineItemId: String
        public var sku: String?
        public var totalQuantity: Int
        public var remainingQuantity: Int
    }
}

/// A fulfillment (shipment) as the sim holds it.
public struct ShopifySimFulfillment: Sendable, Codable {
    public var id: String
    public var status: String
    public var tracking: [Tracking]
    public var lines: [Line]

    public struct Tracking: Sendable, Codable, Equatable {
        public var company: String?
        public var number: String?
        public var url: String?
    }

    public struct Line: Sendable, Codable {
        public var lineItemId: String
        public var quantity: Int
    }
}

/// The named quantities of one inventory item at one location.
public struct ShopifySimInventoryLevel: Sendable, Codable {
    public var inventoryItemId: String
    public var locationId: String
    public var sku: String?
    /// available, committed, on_hand, incoming, …
    public var quantities: [String: Int]
}

/// A product variant of the catalogue.
public struct ShopifySimVariant: Sendable, Codable {
    public var id: String
    public var sku: String?
    public var title: String
    public var productId: String
    public var inventoryItemId: String
    public var tracked: Bool
}

/// A location of the shop.
public struct ShopifySimLocation: Sendable, Codable {
    public var id: String
    public var name: String
    public var isActive: Bool
}

/// A webhook subscription the app created.
public struct ShopifySimWebhookSubscription: Sendable, Codable {
    public var id: String
    /// `ORDERS_UPDATED`
    public var topic: String
    public var uri: String
}

/// One webhook delivery attempt (or a delivery a fault dropped).
public struct ShopifySimWebhookDelivery: Sendable, Codable {
    public enum Outcome: String, Sendable, Codable {
        case delivered
        case failed
        case dropped
    }

    public var subscriptionId: String
    /// `orders/updated`
    public var topic: String
    public var url: String
    /// `X-Shopify-Webhook-Id`, the same on every attempt of one delivery.
    public var webhookId: String
    /// `X-Shopify-Event-Id`, shared by every delivery of one event.
    public var eventId: String
    /// 1 for the first attempt.
    public var attempt: Int
    public var outcome: Outcome
    public var statusCode: Int?
    public var error: String?
    public var isDuplicate: Bool
    public var body: String
}

/// A token's bucket as `extensions.cost.throttleStatus` reports it.
public struct ShopifySimThrottleStatus: Sendable, Codable {
    public var maximumAvailable: Double
    public var currentlyAvailable: Double
    public var restoreRate: Double
}
