import Foundation

/// A postal address of an order.
struct ShopAddress: Sendable {
    var firstName: String
    var lastName: String
    var company: String?
    var address1: String
    var address2: String?
    var city: String
    var province: String?
    var provinceCode: String?
    var zip: String
    var country: String
    var countryCode: String
    var phone: String?

    var name: String { "\(self.firstName) \(self.lastName)" }
}

struct ShopCustomer: Sendable {
    var id: Int64
    var firstName: String
    var lastName: String
    var email: String
}

struct ShopLineItem: Sendable {
    var id: Int64
    var variantId: Int64?
    var productId: Int64?
    var sku: String?
    var title: String
    var variantTitle: String
    var quantity: Int
    /// `quantity` minus refunded or removed units.
    var currentQuantity: Int
    var fulfilledQuantity: Int = 0
    var price: Decimal

    var name: String { self.variantTitle.isEmpty ? self.title : "\(self.title) - \(self.variantTitle)" }
    var unfulfilledQuantity: Int { max(0, self.currentQuantity - self.fulfilledQuantity) }
}

struct ShopShippingLine: Sendable {
    var id: Int64
    var title: String
    var code: String
    var price: Decimal
}

struct ShopOrder: Sendable {
    var id: Int64
    var number: Int
    var createdAt: Int64
    var updatedAt: Int64
    var cancelledAt: Int64?
    var cancelReason: String?
    var closedAt: Int64?
    var test: Bool
    var email: String?
    var phone: String?
    var note: String?
    var tags: [String]
    /// `OrderDisplayFinancialStatus`, e.g. `PAID`.
    var financialStatus: String
    var currency: String
    var customer: ShopCustomer?
    var shippingAddress: ShopAddress?
    var billingAddress: ShopAddress?
    var lineItems: [ShopLineItem]
    var shippingLines: [ShopShippingLine]
    var fulfillmentOrderIds: [Int64] = []
    var fulfillmentIds: [Int64] = []
    var refundIds: [Int64] = []
    /// Fulfillment orders appear once the clock reaches this (Shopify creates them after the order).
    var fulfillmentOrdersDueAt: Int64?

    var name: String { "#\(self.number)" }

    var subtotal: Decimal { self.lineItems.reduce(Decimal(0)) { $0 + $1.price * Decimal($1.quantity) } }
    var shippingTotal: Decimal { self.shippingLines.reduce(Decimal(0)) { $0 + $1.price } }
    var total: Decimal { self.subtotal + self.shippingTotal }

    /// `OrderDisplayFulfillmentStatus` from what was shipped.
    var displayFulfillmentStatus: String {
        let fulfilled = self.lineItems.reduce(0) { $0 + min($1.fulfilledQuantity, $1.currentQuantity) }
        let wanted = self.lineItems.reduce(0) { $0 + $1.currentQuantity }
        if wanted > 0, fulfilled >= wanted { return "FULFILLED" }
        if fulfilled > 0 { return "PARTIALLY_FULFILLED" }
        return "UNFULFILLED"
    }
}

struct ShopProduct: Sendable {
    var id: Int64
    var title: String
    var handle: String
    var variantIds: [Int64]
}

struct ShopVariant: Sendable {
    var id: Int64
    var productId: Int64
    var sku: String?
    var title: String
    var price: Decimal
    var inventoryItemId: Int64
    var tracked: Bool
    /// Where this variant ships from by default.
    var homeLocationId: Int64
}

struct ShopLocation: Sendable {
    var id: Int64
    var name: String
    var isActive: Bool
}

struct ShopFulfillmentOrderLine: Sendable {
    var id: Int64
    var lineItemId: Int64
    var totalQuantity: Int
    var remainingQuantity: Int
}

struct ShopFulfillmentOrder: Sendable {
    var id: Int64
    var orderId: Int64
    var locationId: Int64
    /// `FulfillmentOrderStatus`: OPEN → IN_PROGRESS (partly shipped) → CLOSED.
    var status: String
    var requestStatus: String = "UNSUBMITTED"
    var holds: [String] = []
    var lines: [ShopFulfillmentOrderLine]
    var createdAt: Int64
    var updatedAt: Int64
}

struct ShopTrackingInfo: Sendable {
    var company: String?
    var number: String?
    var url: String?
}

struct ShopFulfillment: Sendable {
    var id: Int64
    var orderId: Int64
    var name: String
    var locationId: Int64
    var status: String = "SUCCESS"
    var createdAt: Int64
    var updatedAt: Int64
    var tracking: [ShopTrackingInfo]
    /// (fulfillment order line id, line item id, quantity)
    var lines: [(Int64, Int64, Int)]
}

struct ShopRefundLine: Sendable {
    var id: Int64
    var lineItemId: Int64
    var quantity: Int
    /// `RefundLineItemRestockType`: NO_RESTOCK, CANCEL (unshipped units), RETURN (shipped ones).
    var restockType: String
}

struct ShopRefund: Sendable {
    var id: Int64
    var orderId: Int64
    var createdAt: Int64
    var note: String?
    var lines: [ShopRefundLine]
}

struct ShopWebhookSubscription: Sendable {
    var id: Int64
    /// `WebhookSubscriptionTopic`, e.g. `ORDERS_UPDATED`.
    var topic: String
    var uri: String
    var format: String
    var createdAt: Int64
    var updatedAt: Int64
    var consecutiveFailures: Int = 0

    /// `orders/updated` for `ORDERS_UPDATED`.
    var restTopic: String { ShopWebhookSubscription.restTopic(self.topic) }

    static func restTopic(_ topic: String) -> String {
        let parts = topic.lowercased().split(separator: "_")
        guard let first = parts.first else { return topic.lowercased() }
        return first + "/" + parts.dropFirst().joined(separator: "_")
    }
}

/// What a node id names.
enum GlobalID {
    static func make(_ type: String, _ id: Int64) -> String { "gid://shopify/\(type)/\(id)" }

    /// The type and numeric id of `gid://shopify/Type/123` (a query string after the id is ignored).
    static func parse(_ text: String) -> (type: String, id: Int64)? {
        guard text.hasPrefix("gid://shopify/") else { return nil }
        let rest = text.dropFirst("gid://shopify/".count)
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        let number = parts[1].split(separator: "?").first ?? ""
        guard let id = Int64(number), id > 0 else { return nil }
        return (String(parts[0]), id)
    }
}
