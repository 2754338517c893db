import Foundation

/// A Shopify enum read as an open set: the values documented today are named constants, and a value added
/// later (or a legacy one) is kept as it came instead of failing the whole answer.
public protocol ShopifyOpenEnum: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible
where RawValue == String {
    init(rawValue: String)
}

extension ShopifyOpenEnum {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}

/// `Order.displayFinancialStatus`.
public struct ShopifyFinancialStatus: ShopifyOpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let pending = Self(rawValue: "PENDING")
    public static let authorized = Self(rawValue: "AUTHORIZED")
    public static let partiallyPaid = Self(rawValue: "PARTIALLY_PAID")
    public static let paid = Self(rawValue: "PAID")
    public static let partiallyRefunded = Self(rawValue: "PARTIALLY_REFUNDED")
    public static let refunded = Self(rawValue: "REFUNDED")
    public static let voided = Self(rawValue: "VOIDED")
    public static let expired = Self(rawValue: "EXPIRED")
}

/// `Order.displayFulfillmentStatus`.
public struct ShopifyOrderFulfillmentStatus: ShopifyOpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let unfulfilled = Self(rawValue: "UNFULFILLED")
    public static let partiallyFulfilled = Self(rawValue: "PARTIALLY_FULFILLED")
    public static let fulfilled = Self(rawValue: "FULFILLED")
    public static let inProgress = Self(rawValue: "IN_PROGRESS")
    public static let onHold = Self(rawValue: "ON_HOLD")
    public static let scheduled = Self(rawValue: "SCHEDULED")
    public static let requestDeclined = Self(rawValue: "REQUEST_DECLINED")
}

/// `Order.cancelReason`.
public struct ShopifyCancelReason: ShopifyOpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let customer = Self(rawValue: "CUSTOMER")
    public static let declined = Self(rawValue: "DECLINED")
    public static let fraud = Self(rawValue: "FRAUD")
    public static let inventory = Self(rawValue: "INVENTORY")
    public static let staff = Self(rawValue: "STAFF")
    public static let other = Self(rawValue: "OTHER")
}

/// `FulfillmentOrder.status`.
public struct ShopifyFulfillmentOrderStatus: ShopifyOpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let open = Self(rawValue: "OPEN")
    public static let inProgress = Self(rawValue: "IN_PROGRESS")
    public static let scheduled = Self(rawValue: "SCHEDULED")
    public static let onHold = Self(rawValue: "ON_HOLD")
    public static let incomplete = Self(rawValue: "INCOMPLETE")
    public static let closed = Self(rawValue: "CLOSED")
    public static let cancelled = Self(rawValue: "CANCELLED")

    /// Whether lines can be shipped from it now (SCHEDULED and ON_HOLD cannot, CLOSED and CANCELLED are done).
    public var canFulfill: Bool { self == .open || self == .inProgress }
}

/// `FulfillmentOrder.requestStatus` (fulfillment-service locations).
public struct ShopifyFulfillmentRequestStatus: ShopifyOpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let unsubmitted = Self(rawValue: "UNSUBMITTED")
    public static let submitted = Self(rawValue: "SUBMITTED")
    public static let accepted = Self(rawValue: "ACCEPTED")
    public static let rejected = Self(rawValue: "REJECTED")
    public static let closed = Self(rawValue: "CLOSED")
}

/// `Fulfillment.status`.
public struct ShopifyFulfillmentStatus: ShopifyOpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let success = Self(rawValue: "SUCCESS")
    public static let cancelled = Self(rawValue: "CANCELLED")
    public static let error = Self(rawValue: "ERROR")
    public static let failure = Self(rawValue: "FAILURE")
    public static let open = Self(rawValue: "OPEN")
    public static let pending = Self(rawValue: "PENDING")
}

/// `WebhookSubscriptionTopic`: GraphQL's upper-case names (`ORDERS_UPDATED`); ``restName`` gives the
/// `orders/updated` form webhook headers use.
public struct ShopifyWebhookTopic: ShopifyOpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The topic named as in `X-Shopify-Topic` (`orders/updated`).
    public init(restName: String) {
        self.rawValue = restName.uppercased().replacingOccurrences(of: "/", with: "_")
    }
    public static let ordersCreate = Self(rawValue: "ORDERS_CREATE")
    public static let ordersUpdated = Self(rawValue: "ORDERS_UPDATED")
    public static let ordersCancelled = Self(rawValue: "ORDERS_CANCELLED")
    public static let ordersDelete = Self(rawValue: "ORDERS_DELETE")
    public static let ordersFulfilled = Self(rawValue: "ORDERS_FULFILLED")
    public static let ordersPaid = Self(rawValue: "ORDERS_PAID")
    public static let ordersEdited = Self(rawValue: "ORDERS_EDITED")
    public static let refundsCreate = Self(rawValue: "REFUNDS_CREATE")
    public static let fulfillmentsCreate = Self(rawValue: "FULFILLMENTS_CREATE")
    public static let fulfillmentsUpdate = Self(rawValue: "FULFILLMENTS_UPDATE")
    public static let inventoryLevelsUpdate = Self(rawValue: "INVENTORY_LEVELS_UPDATE")
    public static let appUninstalled = Self(rawValue: "APP_UNINSTALLED")

    /// `orders/updated` for `ORDERS_UPDATED`. Topics whose first word has an underscore
    /// (`FULFILLMENT_ORDERS_…`, `INVENTORY_LEVELS_…`, `BULK_OPERATIONS_…`) keep it in the resource part.
    public var restName: String {
        let lower = rawValue.lowercased()
        for resource in ["fulfillment_orders", "inventory_levels", "inventory_items", "bulk_operations"]
        where lower.hasPrefix(resource + "_") {
            return resource + "/" + lower.dropFirst(resource.count + 1)
        }
        guard let split = lower.firstIndex(of: "_") else { return lower }
        return lower[..<split] + "/" + lower[lower.index(after: split)...]
    }
}
