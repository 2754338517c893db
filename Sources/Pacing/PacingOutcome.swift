/// How a paced request ended, as far as pacing cares.
public enum PacingOutcome: Sendable, Hashable {
    /// The store answered in time (any status that says nothing about its load: 2xx, 4xx other than 429).
    case answered
    /// 429: the store asks for fewer requests; `retryAfter` is its `Retry-After`, if it sent one.
    case throttled(retryAfter: Duration?)
    /// A 5xx, a timeout or a dropped connection: the store (or its host) may be overloaded.
    case overloaded
    /// The request never reached the store (cancelled, refused before sending): no signal either way.
    case abandoned
}
