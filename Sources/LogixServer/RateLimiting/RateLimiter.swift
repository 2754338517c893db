import Foundation

/// Token buckets by key (a user, a client address, an integration), in memory: each server process limits
/// what it serves. Full buckets are forgotten, so memory follows the active keys only.
public actor RateLimiter {
    private var buckets: [String: TokenBucket] = [:]
    private var takesSincePrune = 0

    public init() {}

    public func take(_ key: String, rule: TokenBucket.Rule, now: Date = Date()) -> TokenBucket.Decision {
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
