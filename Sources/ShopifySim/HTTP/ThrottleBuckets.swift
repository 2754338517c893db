import Synchronization

/// Shopify's leaky bucket, one per access token: a query must find its requested cost in the bucket
/// (else THROTTLED), the part it did not use flows back, and points return at `restoreRate` a second.
final class ThrottleBuckets: Sendable {
    private struct Bucket {
        var available: Double
        var updatedAt: Int64
    }

    private struct State {
        var size: Double
        var restoreRate: Double
        var buckets: [String: Bucket] = [:]
    }

    private let state: Mutex<State>
    private let clock: any ShopifySimClock

    init(size: Double, restoreRate: Double, clock: any ShopifySimClock) {
        self.state = Mutex(State(size: size, restoreRate: restoreRate))
        self.clock = clock
    }

    private static func refill(_ bucket: inout Bucket, state: State, now: Int64) {
        let elapsed = Double(max(0, now - bucket.updatedAt)) / 1000
        bucket.available = min(state.size, bucket.available + elapsed * state.restoreRate)
        bucket.updatedAt = now
    }

    /// Takes `cost` points if the bucket holds them; returns whether it did and the status after.
    func take(_ cost: Int, token: String) -> (Bool, ShopifySimThrottleStatus) {
        let now = self.clock.nowMilliseconds()
        return self.state.withLock { state in
            var bucket = state.buckets[token] ?? Bucket(available: state.size, updatedAt: now)
            Self.refill(&bucket, state: state, now: now)
            let granted = bucket.available >= Double(cost)
            if granted { bucket.available -= Double(cost) }
            state.buckets[token] = bucket
            return (granted, Self.status(bucket, state))
        }
    }

    /// Gives back what a query took but did not use.
    func refund(_ points: Int, token: String) -> ShopifySimThrottleStatus {
        let now = self.clock.nowMilliseconds()
        return self.state.withLock { state in
            var bucket = state.buckets[token] ?? Bucket(available: state.size, updatedAt: now)
            Self.refill(&bucket, state: state, now: now)
            bucket.available = min(state.size, bucket.available + Double(max(0, points)))
            state.buckets[token] = bucket
            return Self.status(bucket, state)
        }
    }

    func status(token: String) -> ShopifySimThrottleStatus {
        self.refund(0, token: token)
    }

    /// Changes the plan: size and restore rate (buckets keep their level, capped at the new size).
    func configure(size: Double, restoreRate: Double) {
        self.state.withLock { state in
            state.size = size
            state.restoreRate = restoreRate
            for key in state.buckets.keys { state.buckets[key]!.available = min(size, state.buckets[key]!.available) }
        }
    }

    private static func status(_ bucket: Bucket, _ state: State) -> ShopifySimThrottleStatus {
        ShopifySimThrottleStatus(
            maximumAvailable: state.size, currentlyAvailable: bucket.available.rounded(.down),
            restoreRate: state.restoreRate)
    }
}
