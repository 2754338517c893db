import LogixCore
import Shopify

/// How a Shopify order's state becomes a Logix status.
///
/// Shopify has no single order status: an order is cancelled or not, has a financial status (paid, authorized,
/// refunded, …) and a fulfillment status (unfulfilled, partially fulfilled, on hold, …). Logix keeps one store
/// status string per order (`orders.store_status`, shown beside the Logix status and compared by reconciliation),
/// so the three are first folded into one ``storeStatus(of:)`` by precedence — cancelled, then refunded or
/// voided, then fulfilled, on hold, then payment — and that name is mapped by a table:
///
/// | store status | meaning | Logix |
/// |---|---|---|
/// | `cancelled` | `cancelledAt` set | `cancelled` |
/// | `voided` | the authorisation was voided | `cancelled` |
/// | `refunded` | refunded in full | `refunded` |
/// | `fulfilled` | every line fulfilled (outside Logix, or Logix's own echo) | `delivered` |
/// | `on_hold` | a fulfillment hold | `on_hold` |
/// | `pending` | payment pending | `awaiting_payment` |
/// | `partially_paid` | part of the payment in | `awaiting_payment` |
/// | `expired` | the payment expired | `failed` |
/// | `authorized` | payment authorised, to be captured | `ready` |
/// | `partially_fulfilled` | some lines fulfilled | `ready` |
/// | `open` | paid (or partly refunded), lines to ship | `ready` |
///
/// `fulfilled` maps to `delivered` for the reason WooCommerce's `completed` does (``StatusMapping``): an order
/// fulfilled before Logix saw it was shipped another way. `authorized` is ready: merchants who capture manually
/// capture when they ship, so holding their orders for payment would hold them for ever. Overrides per
/// integration are not stored yet: the table is the default for every Shopify integration.
public struct ShopifyStatusMapping: Sendable, Hashable {
    /// The store statuses and their Logix statuses.
    public private(set) var inbound: [String: OrderStatus]

    public init(overrides: [String: OrderStatus] = [:]) {
        inbound = Self.defaultInbound.merging(overrides) { _, override in override }
    }

    /// The defaults only.
    public static let `default` = ShopifyStatusMapping()

    /// The default table (see the type's documentation).
    public static let defaultInbound: [String: OrderStatus] = [
        "cancelled": .cancelled,
        "voided": .cancelled,
        "refunded": .refunded,
        "fulfilled": .delivered,
        "on_hold": .onHold,
        "pending": .awaitingPayment,
        "partially_paid": .awaitingPayment,
        "expired": .failed,
        "authorized": .ready,
        "partially_fulfilled": .ready,
        "open": .ready,
    ]

    /// Every store status name an order can have.
    public var storeStatuses: Set<String> { Set(inbound.keys) }

    /// The order's state folded into one store status name, by precedence: a cancelled order is cancelled
    /// whatever was paid or shipped; a refund or a void ends it next; then what was shipped; then what was paid.
    public static func storeStatus(
        cancelled: Bool, financial: ShopifyFinancialStatus?, fulfillment: ShopifyOrderFulfillmentStatus
    ) -> String {
        if cancelled { return "cancelled" }
        switch financial {
        case .refunded?: return "refunded"
        case .voided?: return "voided"
        default: break
        }
        switch fulfillment {
        case .fulfilled: return "fulfilled"
        case .onHold: return "on_hold"
        default: break
        }
        switch financial {
        case .pending?: return "pending"
        case .partiallyPaid?: return "partially_paid"
        case .expired?: return "expired"
        case .authorized?: return "authorized"
        default: break
        }
        return fulfillment == .partiallyFulfilled ? "partially_fulfilled" : "open"
    }

    /// The store status of an order as the Admin API returns it.
    public static func storeStatus(of order: ShopifyOrder) -> String {
        storeStatus(
            cancelled: order.cancelledAt != nil, financial: order.financialStatus, fulfillment: order.fulfillmentStatus)
    }

    /// The Logix status of a store status. ``storeStatus(of:)`` only names statuses of the table; any other
    /// name is held (`on_hold`) for a person to look at rather than shipped or dropped.
    public func logixStatus(for storeStatus: String) -> OrderStatus { inbound[storeStatus] ?? .onHold }
}
