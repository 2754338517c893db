import Pacing
import Storage

/// An integration's caps on how hard Logix presses its store: requests in flight at once (`max_concurrency`)
/// and, for shared hosts that allow only a few, requests a second (`max_requests_per_second`). The store's
/// pacer starts below them and adapts, never above (ARCHITECTURE.md, "One pacer per store").
public struct StorePacing: Sendable, Hashable {
    /// Requests in flight at most.
    public var maxConcurrency: Int
    /// Requests a second at most; `nil` → no fixed rate (the pacer still learns one from 429s).
    public var maxRequestsPerSecond: Double?

    /// What `max_concurrency` may be.
    public static let concurrencyRange = 1...32
    /// What `max_requests_per_second` may be (0 in a change removes it).
    public static let rateRange = 0.1...1000.0
    /// Requests in flight before anything is learned, when the cap allows: a small host's PHP-FPM pool is often
    /// 5, a real store we measured served 8 at once.
    public static let initialConcurrency = 4

    public init(maxConcurrency: Int = 8, maxRequestsPerSecond: Double? = nil) {
        self.maxConcurrency = maxConcurrency
        self.maxRequestsPerSecond = maxRequestsPerSecond
    }

    /// The caps a stored integration holds.
    public init(_ record: IntegrationRecord) {
        self.init(maxConcurrency: record.maxConcurrency, maxRequestsPerSecond: record.maxRequestsPerSecond)
    }

    /// A rate as people write it: `3`, `2.5`.
    public static func describe(_ rate: Double) -> String {
        rate == rate.rounded() && abs(rate) < 1e9 ? String(Int(rate)) : String(rate)
    }

    /// The pacer's limits for these caps.
    public var limits: PacingLimits {
        PacingLimits(
            initialConcurrency: Self.initialConcurrency, maximumConcurrency: maxConcurrency,
            maximumRequestsPerSecond: maxRequestsPerSecond)
    }
}
