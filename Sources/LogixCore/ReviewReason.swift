/// Why an order was flagged for review. A stable string (stored and shown in the API), wrapped in a struct so
/// new reasons can be added and reasons written by a newer version still decode.
public struct ReviewReason: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The store changed items, addresses, shipping method or note after picking started
    /// (ARCHITECTURE.md, "Who owns what").
    public static let storeEditAfterFulfillmentStarted = ReviewReason(
        rawValue: "store_edit_after_fulfillment_started"
    )
    /// The store cancelled, held, refunded or reverted payment after picking started
    /// (ARCHITECTURE.md, "Who owns what").
    public static let storeStatusAfterFulfillmentStarted = ReviewReason(
        rawValue: "store_status_after_fulfillment_started"
    )
    /// The store reports fulfillment progress (e.g. shipped) that the warehouse has not made: the goods may
    /// have been sent another way.
    public static let storeFulfillmentStatus = ReviewReason(rawValue: "store_fulfillment_status")
    /// The store moved the order in a way the lifecycle does not allow (e.g. re-opened a refunded order).
    public static let storeStatusNotAllowed = ReviewReason(rawValue: "store_status_not_allowed")

    public var description: String { rawValue }
}
