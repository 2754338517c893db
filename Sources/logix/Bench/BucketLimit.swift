/// The fastest any client can spend `charged` points from a leaky bucket of `size` points restoring
/// `restoreRate` a second that starts full: the first `size` points are there at once, the rest must restore
/// first. A client that waits exactly for its points and never stalls the bucket finishes in `seconds`.
struct BucketLimit: Sendable, Hashable {
    /// Points the work was charged (the sum of `actualQueryCost`).
    var charged: Double
    var size: Double
    var restoreRate: Double

    /// `max(0, (charged − size) / restoreRate)`.
    var seconds: Double { max(0, (charged - size) / restoreRate) }

    /// `items` a second at the limit; `nil` when the bucket alone holds the work (no limit to speak of).
    func perSecond(_ items: Int) -> Double? {
        seconds > 0 ? Double(items) / seconds : nil
    }

    /// `wall` over the limit: 1.0 is as fast as the bucket allows, 1.25 a quarter slower; `nil` as above.
    func ratio(wall: Double) -> Double? {
        seconds > 0 ? wall / seconds : nil
    }

    /// The limit once the last query is counted as Shopify admits it: the bucket must hold its whole requested
    /// cost, of which `refund` points come back after it ran, so it waits `refund / restoreRate` more than its
    /// actual cost alone would make it (every earlier query's refund is spent again by the next).
    func seconds(lastQueryRefund refund: Double) -> Double {
        max(0, (charged + refund - size) / restoreRate)
    }
}
