// What the sim holds, as inspection returns it (public, Codable: the control API answers with these).

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
