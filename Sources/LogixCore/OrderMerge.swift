import Foundation

/// What applying one version of an order from the store does to Logix's record of it: ARCHITECTURE.md's
/// "Idempotent import" and "Who owns what" as a pure function, shared by polling and webhooks so both decide
/// alike.
///
/// - No stored order: the incoming one is created, with the effects of its first status (a `ready` order gets
///   its pick task and reservation).
/// - Not newer than the stored version (equal or older `storeModifiedAt`): nothing changes. Replays, duplicate
///   and reordered webhooks and overlapping polls end here.
/// - Newer, before fulfillment started: the store's data replaces Logix's; a changed stock demand moves the
///   reservation; the store's status goes through ``OrderLifecycle/decide(current:requested:origin:)``.
/// - Newer, after picking started, with commercial changes (lines, addresses, shipping method, note): the
///   warehouse keeps working on the data it has. Nothing of the store's data is applied except its status
///   text and version; the order is flagged for review with the diff, so a person decides.
///
/// Versions are the store's `date_modified`, which has whole seconds: two edits in one second share a stamp.
/// A version just read from the store's API (`incomingIsCurrent`) is the store's state at that moment, so on
/// an equal stamp with different data it wins; a version that may have been in flight for a while (a webhook
/// body) does not, since it may be the older of the two.
///
/// Does no I/O and reads no clock: ``updatedAt`` of a changed order is the `now` passed in.
public struct OrderMerge: Sendable, Hashable {
    /// What happened, for counting and the sync log.
    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        /// A new order.
        case created
        /// A newer version was applied.
        case updated
        /// A newer version could not be applied automatically: the order now carries a review flag.
        case flagged
        /// Equal or older version, or a newer one carrying the same data: nothing changed but, for the newer
        /// one, the version stamp.
        case unchanged
    }

    public let outcome: Outcome
    /// The order to store; equal to the stored one when ``outcome`` is `unchanged`.
    public let order: Order
    /// What the caller must do in the same transaction as storing ``order``, in order.
    public let effects: [LifecycleEffect]
    /// The status decision taken for the store's status (`nil` for a created or unchanged order).
    public let statusDecision: StatusDecision?

    /// Whether anything must be written (also true when only the version stamp moved).
    public let changesRecord: Bool

    /// Merges `incoming` (a freshly mapped store version) into `stored` (Logix's record, if any).
    ///
    /// - Parameter incomingIsCurrent: `incoming` was just read from the store (a listing or `GET`), so an
    ///   equal version carrying different data is the later one.
    public init(stored: Order?, incoming: Order, now: Date, incomingIsCurrent: Bool = false) {
        guard let stored else {
            var created = incoming
            created.id = nil
            created.review = nil
            created.updatedAt = now
            self.init(
                outcome: .created, order: created,
                effects: OrderLifecycle.effectsOfCreation(status: created.status, demand: created.stockDemand),
                statusDecision: nil, changesRecord: true)
            return
        }
        let changes = OrderChanges(stored: stored, incoming: incoming)
        let sameSecondEdit =
            incomingIsCurrent && incoming.storeModifiedAt == stored.storeModifiedAt && changes.storeDataDiffers
        guard changes.isNewer || sameSecondEdit else {
            self.init(outcome: .unchanged, order: stored, effects: [], statusDecision: nil, changesRecord: false)
            return
        }

        var lifecycle = stored.lifecycle
        var effects: [LifecycleEffect] = []
        var merged: Order
        var review = stored.review
        if let flag = changes.reviewFlag(forOrderIn: stored.status) {
            // ARCHITECTURE.md, "Who owns what": goods are in hand; keep what the warehouse works on, record what
            // the store wants.
            merged = stored
            merged.storeStatus = incoming.storeStatus
            review = flag
        } else {
            merged = incoming
            merged.id = stored.id
            merged.createdAt = stored.createdAt
            effects += lifecycle.updateDemand(incoming.stockDemand)
        }

        let decision = OrderLifecycle.decide(current: stored.status, requested: incoming.status, origin: .store)
        switch decision {
        case .apply:
            // `decide` answers `.apply` only for a legal move, so the transition cannot fail.
            effects += (try? lifecycle.transition(to: incoming.status)) ?? []
        case .flagForReview(let reason):
            // A status the store set after picking started (a cancellation, a refund) is the more urgent news:
            // it names the flag, and the changes of an edit flagged before (or in this same version) stay listed
            // beside it, so that neither hides the other.
            let earlier = (review?.changes ?? []).filter { $0.field != "status" }
            review = ReviewFlag(
                reason: reason,
                changes: earlier + [
                    FieldChange(field: "status", old: stored.status.rawValue, new: incoming.status.rawValue)
                ])
        case .ignore, .reject:
            break
        }
        merged.status = lifecycle.status
        merged.review = review
        merged.storeModifiedAt = incoming.storeModifiedAt
        merged.updatedAt = now

        var sameRecord = merged
        sameRecord.updatedAt = stored.updatedAt
        guard sameRecord != stored else {
            // A same-second re-read of what Logix already holds (or already flagged): nothing to write.
            self.init(outcome: .unchanged, order: stored, effects: [], statusDecision: decision, changesRecord: false)
            return
        }
        let outcome: Outcome
        if review != nil && review != stored.review {
            outcome = .flagged
        } else if changes.storeDataDiffers || merged.status != stored.status {
            outcome = .updated
        } else {
            outcome = .unchanged
        }
        self.init(outcome: outcome, order: merged, effects: effects, statusDecision: decision, changesRecord: true)
    }

    private init(
        outcome: Outcome, order: Order, effects: [LifecycleEffect], statusDecision: StatusDecision?,
        changesRecord: Bool
    ) {
        self.outcome = outcome
        self.order = order
        self.effects = effects
        self.statusDecision = statusDecision
        self.changesRecord = changesRecord
    }
}
