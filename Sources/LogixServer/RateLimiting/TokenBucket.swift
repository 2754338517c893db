import Foundation

/// A token bucket as a pure value: it refills at ``Rule/perSecond`` tokens a second up to ``Rule/burst``, and
/// each request takes one. No clock inside: the caller passes `now`.
public struct TokenBucket: Sendable, Hashable {
    /// How fast a bucket refills and how much it holds.
    public struct Rule: Sendable, Hashable {
        public var perSecond: Double
        public var burst: Double

        public init(perSecond: Double, burst: Double) {
            self.perSecond = perSecond
            self.burst = max(1, burst)
        }
    }

    /// What a take decided.
    public enum Decision: Sendable, Hashable {
        case allowed
        /// Refused; a token is back after this long.
        case limited(retryAfter: Duration)
    }

    public private(set) var tokens: Double
    public private(set) var updated: Date

    /// A full bucket at `now`.
    public init(rule: Rule, now: Date) {
        tokens = rule.burst
        updated = now
    }

    /// Takes a token if there is one.
    public mutating func take(rule: Rule, now: Date) -> Decision {
        let elapsed = max(0, now.timeIntervalSince(updated))
        tokens = min(rule.burst, tokens + elapsed * rule.perSecond)
        updated = now
        guard tokens >= 1 else {
            let wait = rule.perSecond > 0 ? (1 - tokens) / rule.perSecond : 3600
            return .limited(retryAfter: .milliseconds(Int64((wait * 1000).rounded(.up))))
        }
        tokens -= 1
        return .allowed
    }

    /// Whether the bucket is full again at `now` (and can be forgotten).
    public func isFull(rule: Rule, now: Date) -> Bool {
        tokens + max(0, now.timeIntervalSince(updated)) * rule.perSecond >= rule.burst
    }
}
