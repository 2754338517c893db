import LogixCore
import WooCommerce

/// What a store status means for import, as decided by ``StatusMapping/inbound(_:)``.
public enum InboundStatus: Sendable, Hashable {
    /// Import the order with this Logix status.
    case imported(OrderStatus)
    /// `checkout-draft`, `trash` or `auto-draft`: not a real order, never imported whatever the configuration.
    case neverImported
    /// The status maps to `mappedTo`, but the integration does not import orders in it. The Logix status is
    /// kept so an import engine can still tell what the store meant for an order it already holds.
    case notSelected(mappedTo: OrderStatus)
    /// A custom store status with no override. It is not imported rather than guessed: a wrong guess could
    /// release an unpaid order to the warehouse (`ready`) or bury a paid one (`on_hold`), and only the merchant
    /// knows what their plugin's status means. The sync log records it, so the fix is one override away.
    case unmapped
}
