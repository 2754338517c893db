/// Where an order stands in Logix: the commercial states the store owns (`awaiting_payment`, `on_hold`,
/// `failed`, `cancelled`, `refunded`), release to the warehouse (`ready`) and the fulfillment states Logix owns
/// (`picking` through `delivered`).
///
/// The raw values are the stable names used in storage and the API. Which moves between them are legal, and
/// what each move obliges the caller to do, is decided by ``OrderLifecycle``.
public enum OrderStatus: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case awaitingPayment = "awaiting_payment"
    case onHold = "on_hold"
    /// Released to the warehouse: a pick task exists and the lines' stock is reserved.
    case ready
    case picking
    case packed
    case shipped
    case delivered
    case cancelled
    case refunded
    case failed

    /// Whether an order in this status has stock reserved for it (and an open warehouse task).
    ///
    /// `shipped` is not among them: shipping consumes the reservation.
    public var holdsStock: Bool {
        switch self {
        case .ready, .picking, .packed: true
        default: false
        }
    }

    /// Whether the warehouse has started working on the order (`picking` and later on the fulfillment path).
    ///
    /// From here on Logix owns the order: a store edit is no longer applied but flagged for review
    /// (ARCHITECTURE.md, "Who owns what").
    public var fulfillmentStarted: Bool {
        switch self {
        case .picking, .packed, .shipped, .delivered: true
        default: false
        }
    }

    /// Whether no transition leaves this status. Only `refunded` is terminal: `delivered` may still become
    /// `refunded` (a return), and a `cancelled` order may be re-opened by the store.
    public var isTerminal: Bool {
        OrderLifecycle.legalTargets(from: self).isEmpty
    }

    public var description: String { rawValue }

    /// Position on the forward fulfillment path, `nil` off it. Lets a store status that trails Logix (the store
    /// still says `processing` while the warehouse packs) be recognised as lag rather than as an instruction.
    var fulfillmentRank: Int? {
        switch self {
        case .ready: 0
        case .picking: 1
        case .packed: 2
        case .shipped: 3
        case .delivered: 4
        default: nil
        }
    }
}
