/// Work the caller must do because an order changed status or lines, as decided by ``OrderLifecycle``.
///
/// The state machine only says what must happen; Storage applies the effects of one step together with the
/// status change in a single transaction, so tasks and stock never disagree with the order. Effects come in
/// the order they should be applied. Stock quantities are sorted by SKU (see ``StockQuantity``).
public enum LifecycleEffect: Sendable, Hashable {
    /// Create an open task of this kind for the order.
    case createTask(FulfillmentTask.Kind)
    /// Mark the order's open task of this kind done.
    case completeTask(FulfillmentTask.Kind)
    /// Cancel every open task of the order.
    case cancelOpenTasks
    /// Add to `reserved` (see ``StockLevel/reserving(_:)``).
    case reserveStock([StockQuantity])
    /// Take off `reserved`, never below zero (see ``StockLevel/releasing(_:)``).
    case releaseStock([StockQuantity])
    /// The goods left the building: take off both `on_hand` and `reserved` (see ``StockLevel/consuming(_:)``).
    case consumeStock([StockQuantity])
}
