/// The Logix order state machine: which status changes are legal, and what each one obliges the caller to do.
///
/// A pure value, like AsyncHTTPClient's `RequestBag.StateMachine`: feed it an event (a status change, or new
/// stock demand after the lines changed), it moves to its new state and returns the ``LifecycleEffect``s the
/// caller must perform. It does no I/O and reads no clock.
///
/// The legal transitions (the same status is always a no-op, never an error):
///
/// | from               | to                                                                    |
/// |--------------------|-----------------------------------------------------------------------|
/// | `awaiting_payment` | `on_hold`, `ready`, `cancelled`, `failed`                             |
/// | `on_hold`          | `awaiting_payment`, `ready`, `cancelled`, `failed`, `refunded`        |
/// | `failed`           | `awaiting_payment`, `on_hold`, `ready`, `cancelled`                   |
/// | `ready`            | `picking`, `awaiting_payment`, `on_hold`, `failed`, `cancelled`, `refunded` |
/// | `picking`          | `packed`, `cancelled`                                                 |
/// | `packed`           | `shipped`, `cancelled`                                                |
/// | `shipped`          | `delivered`, `refunded`                                               |
/// | `delivered`        | `refunded`                                                            |
/// | `cancelled`        | `awaiting_payment`, `on_hold`, `ready`, `refunded`                    |
/// | `refunded`         | —                                                                     |
///
/// Why the debatable ones:
/// - `ready` may fall back to any commercial status: until picking starts the store owns payment, so a payment
///   that turns out pending, held or failed takes the order back out of the warehouse (releasing its stock).
/// - `picking` and `packed` only go forward or to `cancelled`: goods are in hand, so anything else is a
///   decision for a person (``decide(current:requested:origin:)`` flags it) who can then cancel.
/// - `shipped → refunded`: a parcel lost or refused in transit is refunded and never delivered; the open ship
///   task is cancelled. Stock is not returned: it was consumed at shipping, and whether anything comes back is
///   for goods receipt to count.
/// - `delivered → refunded`: a return. No effects, for the same reason.
/// - `on_hold`/`cancelled → refunded`: a paid order held or cancelled and then refunded, as stores do.
/// - `refunded` is terminal: re-opening a refunded order is a decision for a person.
public struct OrderLifecycle: Sendable, Hashable {
    /// The order's status.
    public private(set) var status: OrderStatus
    /// What the order needs from stock (see ``Order/stockDemand``): normalized, one entry per SKU.
    public private(set) var demand: [StockQuantity]

    public init(status: OrderStatus, demand: [StockQuantity]) {
        self.status = status
        self.demand = StockQuantity.normalized(demand)
    }

    // MARK: The transition table

    private static let table: [OrderStatus: Set<OrderStatus>] = [
        .awaitingPayment: [.onHold, .ready, .cancelled, .failed],
        .onHold: [.awaitingPayment, .ready, .cancelled, .failed, .refunded],
        .failed: [.awaitingPayment, .onHold, .ready, .cancelled],
        .ready: [.picking, .awaitingPayment, .onHold, .failed, .cancelled, .refunded],
        .picking: [.packed, .cancelled],
        .packed: [.shipped, .cancelled],
        .shipped: [.delivered, .refunded],
        .delivered: [.refunded],
        .cancelled: [.awaitingPayment, .onHold, .ready, .refunded],
        .refunded: [],
    ]

    /// The statuses an order in `status` may move to (the same status, a no-op, is not listed).
    public static func legalTargets(from status: OrderStatus) -> Set<OrderStatus> {
        table[status] ?? []
    }

    /// Whether an order may move from `from` to `to`; the same status always may (it is a no-op).
    public static func canTransition(from: OrderStatus, to: OrderStatus) -> Bool {
        from == to || legalTargets(from: from).contains(to)
    }

    // MARK: Events

    /// Moves to `target` and returns what the caller must do. The same status returns no effects; an illegal
    /// move throws and leaves the state unchanged.
    public mutating func transition(to target: OrderStatus) throws(OrderLifecycleError) -> [LifecycleEffect] {
        guard target != status else { return [] }
        guard Self.legalTargets(from: status).contains(target) else {
            throw .illegalTransition(from: status, to: target)
        }
        let effects = Self.effects(from: status, to: target, demand: demand)
        status = target
        return effects
    }

    /// Replaces the stock demand after the order's lines changed (an edit or a refund) and returns the
    /// reservation changes that keeps `reserved` true: while the order holds stock, more demand reserves the
    /// difference and less releases it. Without this, a later release or consumption would not match what was
    /// reserved and `reserved` would drift for good.
    public mutating func updateDemand(_ newDemand: [StockQuantity]) -> [LifecycleEffect] {
        let newDemand = StockQuantity.normalized(newDemand)
        defer { demand = newDemand }
        guard status.holdsStock else { return [] }
        var delta: [String: Int] = [:]
        for item in newDemand { delta[item.sku, default: 0] += item.quantity }
        for item in demand { delta[item.sku, default: 0] -= item.quantity }
        let release = StockQuantity.normalized(delta.map { StockQuantity(sku: $0.key, quantity: -$0.value) })
        let reserve = StockQuantity.normalized(delta.map { StockQuantity(sku: $0.key, quantity: $0.value) })
        var effects: [LifecycleEffect] = []
        if !release.isEmpty { effects.append(.releaseStock(release)) }
        if !reserve.isEmpty { effects.append(.reserveStock(reserve)) }
        return effects
    }

    /// The effects of an order first appearing in Logix with `status`: created `ready`, it gets its pick task
    /// and reservation as if it had just been released. In any other status it has none, so a historical order
    /// imported as `shipped` or `delivered` does not touch today's stock.
    public static func effectsOfCreation(status: OrderStatus, demand: [StockQuantity]) -> [LifecycleEffect] {
        guard status == .ready else { return [] }
        return effects(from: .awaitingPayment, to: .ready, demand: StockQuantity.normalized(demand))
    }

    private static func effects(
        from: OrderStatus,
        to: OrderStatus,
        demand: [StockQuantity]
    ) -> [LifecycleEffect] {
        func stock(_ effect: ([StockQuantity]) -> LifecycleEffect) -> [LifecycleEffect] {
            demand.isEmpty ? [] : [effect(demand)]
        }
        switch (from, to) {
        case (.picking, .packed):
            return [.completeTask(.pick), .createTask(.pack)]
        case (.packed, .shipped):
            return [.completeTask(.pack), .createTask(.ship)] + stock(LifecycleEffect.consumeStock)
        case (.shipped, .delivered):
            return [.completeTask(.ship)]
        case (.shipped, .refunded):
            return [.cancelOpenTasks]
        case _ where !from.holdsStock && to.holdsStock:
            return [.createTask(.pick)] + stock(LifecycleEffect.reserveStock)
        case _ where from.holdsStock && !to.holdsStock:
            return [.cancelOpenTasks] + stock(LifecycleEffect.releaseStock)
        default:
            // ready → picking (the pick task already exists), and moves between commercial statuses.
            return []
        }
    }

    // MARK: Who may ask for what

    /// Decides what a requested status change means, given who asks (ARCHITECTURE.md, "Who owns what": the store
    /// owns the commercial state until picking starts, Logix owns fulfillment and stock).
    ///
    /// From the ``ChangeOrigin/warehouse``: legal moves apply, illegal ones are rejected.
    ///
    /// From the ``ChangeOrigin/store`` (its status already mapped to an ``OrderStatus``), never rejected, since
    /// the store's data is a fact to record:
    /// - before picking: a legal commercial move applies; a store claiming fulfillment progress (`picking` …
    ///   `delivered`) is flagged, since the goods may have been sent another way and the warehouse is about to
    ///   send them again; any other illegal move (re-opening a refunded order) is flagged;
    /// - after picking started: a status Logix has already passed is ignored (the store lags or echoes what
    ///   Logix pushed); fulfillment progress Logix has not seen is flagged while the goods are in the warehouse
    ///   and ignored once they left it; `refunded` on a `delivered` order applies (a return, no effects); every
    ///   other commercial change (cancel, hold, payment reversal, refund in transit) is flagged.
    public static func decide(
        current: OrderStatus,
        requested: OrderStatus,
        origin: ChangeOrigin
    ) -> StatusDecision {
        if requested == current { return .ignore(.unchanged) }
        switch origin {
        case .warehouse:
            return canTransition(from: current, to: requested)
                ? .apply : .reject(.illegalTransition(from: current, to: requested))
        case .store:
            return decideStoreRequest(current: current, requested: requested)
        }
    }

    private static func decideStoreRequest(current: OrderStatus, requested: OrderStatus) -> StatusDecision {
        guard current.fulfillmentStarted else {
            if requested.fulfillmentStarted { return .flagForReview(.storeFulfillmentStatus) }
            return canTransition(from: current, to: requested) ? .apply : .flagForReview(.storeStatusNotAllowed)
        }
        if let requestedRank = requested.fulfillmentRank, let currentRank = current.fulfillmentRank {
            if requestedRank <= currentRank { return .ignore(.storeBehind) }
            let goodsLeftWarehouse = current == .shipped || current == .delivered
            return goodsLeftWarehouse ? .ignore(.fulfillmentOwnedByLogix) : .flagForReview(.storeFulfillmentStatus)
        }
        if current == .delivered && requested == .refunded { return .apply }
        return .flagForReview(.storeStatusAfterFulfillmentStarted)
    }
}
