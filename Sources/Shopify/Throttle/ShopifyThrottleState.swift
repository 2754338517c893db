/// The client's model of its leaky bucket at one shop: fed by every answer's `throttleStatus`, restoring at
/// `restoreRate` over time, and asked before each query how long to wait so the bucket holds the query's
/// expected cost when it arrives — a long import then never collects a THROTTLED answer.
///
/// A pure value: time is passed in (a `Duration` since any fixed origin), so tests drive it without a clock.
/// Points promised to queries still in flight are already taken off `balance`, so concurrent queries queue
/// behind each other rather than all spending the same points.
public struct ShopifyThrottleState: Sendable, Hashable {
    /// The bucket's size.
    public private(set) var maximum: Double
    /// Points restored per second.
    public private(set) var restoreRate: Double
    /// Points left at `asOf`, after what queries in flight reserved; negative when queued queries owe points.
    public private(set) var balance: Double
    /// When `balance` was computed.
    public private(set) var asOf: Duration
    /// Points reserved by queries sent (or about to be) whose answer has not come.
    public private(set) var reservedInFlight: Double
    /// Whether an answer from the shop has been seen (before that the bucket is an assumption).
    public private(set) var isObserved: Bool

    /// A bucket assumed full before any answer: `assumed` should be no bigger than the smallest plan's, so the
    /// first queries cannot overrun it.
    public init(assumed: ShopifyThrottleStatus, now: Duration) {
        self.maximum = max(1, assumed.maximumAvailable)
        self.restoreRate = max(0.001, assumed.restoreRate)
        self.balance = min(assumed.currentlyAvailable, self.maximum)
        self.asOf = now
        self.reservedInFlight = 0
        self.isObserved = false
    }

    /// The points the bucket holds at `now` for a new query, in-flight reservations deducted.
    ///
    /// A balance owed by queued queries restores like any other, so the waits it gives are the same whenever
    /// they are asked for (a classic token bucket with debt); only a full bucket stops restoring.
    public func available(at now: Duration) -> Double {
        let elapsed = max(0, Self.seconds(now - asOf))
        return min(maximum, balance + elapsed * restoreRate)
    }

    /// How long a query of `cost` points would have to wait at `now`; zero when the bucket holds it.
    public func wait(forCost cost: Double, at now: Duration) -> Duration {
        let needed = min(max(0, cost), maximum) - available(at: now)
        guard needed > 0 else { return .zero }
        return Self.duration(seconds: needed / restoreRate)
    }

    /// Reserves `cost` points for a query about to be sent and returns how long it must wait first. The points
    /// are taken at once, so the next query waits behind this one. Hand them back with ``observe(_:releasing:now:)``
    /// when the answer comes, or ``release(_:now:)`` when none does.
    public mutating func reserve(cost: Double, now: Duration) -> Duration {
        let cost = min(max(0, cost), maximum)
        let wait = wait(forCost: cost, at: now)
        balance = available(at: now) - cost
        asOf = now
        reservedInFlight += cost
        return wait
    }

    /// Takes in an answer's bucket: Shopify's `currentlyAvailable` is the truth at `now`, less what other
    /// queries in flight have reserved. `reserved` is what this query reserved.
    public mutating func observe(_ status: ShopifyThrottleStatus, releasing reserved: Double, now: Duration) {
        reservedInFlight = max(0, reservedInFlight - reserved)
        maximum = max(1, status.maximumAvailable)
        restoreRate = max(0.001, status.restoreRate)
        balance = min(status.currentlyAvailable, maximum) - reservedInFlight
        asOf = now
        isObserved = true
    }

    /// Gives back a reservation whose query got no answer with a bucket in it (a failure, an HTML 5xx): the
    /// points it would have cost are assumed spent only if it may have run.
    public mutating func release(_ reserved: Double, spent: Bool, now: Duration) {
        let current = available(at: now)
        reservedInFlight = max(0, reservedInFlight - reserved)
        balance = spent ? current : current + reserved
        asOf = now
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    static func duration(seconds: Double) -> Duration {
        // Rounded up to the millisecond: arriving a hair early would be the THROTTLED this exists to avoid.
        .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }
}
