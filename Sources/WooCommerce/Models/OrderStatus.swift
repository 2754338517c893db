/// An order status as WooCommerce names it in the REST API (without the `wc-` prefix).
///
/// A struct rather than an enum because stores register their own statuses (`shipped`, `awaiting-pickup`)
/// and the client must carry them through unchanged.
public struct WooOrderStatus: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue.hasPrefix("wc-") ? String(rawValue.dropFirst(3)) : rawValue
    }
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static let pending: WooOrderStatus = "pending"
    public static let processing: WooOrderStatus = "processing"
    public static let onHold: WooOrderStatus = "on-hold"
    public static let completed: WooOrderStatus = "completed"
    public static let cancelled: WooOrderStatus = "cancelled"
    public static let refunded: WooOrderStatus = "refunded"
    public static let failed: WooOrderStatus = "failed"
    /// Block checkout's draft; deleted by the store after a day, never a real order.
    public static let checkoutDraft: WooOrderStatus = "checkout-draft"
    public static let trash: WooOrderStatus = "trash"
    /// In list filters only: every status except `trash`.
    public static let any: WooOrderStatus = "any"

    /// The statuses every WooCommerce store has.
    public static let core: [WooOrderStatus] = [
        .pending, .processing, .onHold, .completed, .cancelled, .refunded, .failed,
    ]
}
