/// What to do with a requested status change, as decided by
/// ``OrderLifecycle/decide(current:requested:origin:)``.
public enum StatusDecision: Sendable, Hashable {
    /// Make the transition (``OrderLifecycle/transition(to:)`` will succeed) and apply its effects.
    case apply
    /// Leave the Logix status as it is; nothing is wrong.
    case ignore(IgnoreReason)
    /// Leave the Logix status as it is and flag the order so a person decides.
    case flagForReview(ReviewReason)
    /// Refuse: Logix's own side asked for a move the lifecycle does not allow.
    case reject(OrderLifecycleError)

    /// Why a request is ignored.
    public enum IgnoreReason: String, Sendable, Hashable, Codable {
        /// The order already has the requested status.
        case unchanged
        /// The store reports a point of the fulfillment path Logix has already passed: it is lagging, or echoing
        /// a status Logix pushed to it (ARCHITECTURE.md, "No echo").
        case storeBehind = "store_behind"
        /// The store claims fulfillment progress after the goods left the warehouse; Logix's fleet, not the
        /// store, says when an order is delivered.
        case fulfillmentOwnedByLogix = "fulfillment_owned_by_logix"
    }
}
