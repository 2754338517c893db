import Foundation
import LogixCore

/// Token buckets by key (a user, a client address, an integration), in memory: each server process limits
/// what it serves. Full buckets are forgotten, so memory follows the active keys only.
public actor RateLimiter {
    private var buckets: [String: TokenBucket] = [:]
    private var takesSincePrune = 0
    private let clock: any LogixClock

    public init(clock: any LogixClock) { self.clock = clock }

    /// Takes one token from `key`'s bucket now.
    public func take(_ key: String, rule: TokenBucket.Rule) -> TokenBucket.Decision {
        let now = clock.now()
        var bucket = buckets[key] ?? TokenBucket(rule: rule, now: now)
        let decision = bucket.take(rule: rule, now: now)
        buckets[key] = bucket
        takesSincePrune += 1
        if takesSincePrune >= 10_000 {
            takesSincePrune = 0
            buckets = buckets.filter { !$0.value.isFull(rule: rule, now: now) }
        }
        return decision
    }
}
