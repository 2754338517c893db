import Synchronization

/// What the GraphQL endpoint charged and refused, over every token: a bench's proof that a client kept to the
/// bucket (no THROTTLED answer) and the points its work cost, from which the bucket's limit follows.
final class CostLedger: Sendable {
    private let throttledAnswers = Atomic<Int>(0)
    private let chargedPoints = Atomic<Int>(0)
    private let requestedPoints = Atomic<Int>(0)

    func recordThrottled() { self.throttledAnswers.add(1, ordering: .relaxed) }

    /// A query ran: it took `requested` points and kept `points` (its `actualQueryCost`).
    func recordCharged(_ points: Int, requested: Int) {
        self.chargedPoints.add(points, ordering: .relaxed)
        self.requestedPoints.add(requested, ordering: .relaxed)
    }

    var throttled: Int { self.throttledAnswers.load(ordering: .relaxed) }

    var charged: Int { self.chargedPoints.load(ordering: .relaxed) }

    var requested: Int { self.requestedPoints.load(ordering: .relaxed) }
}
