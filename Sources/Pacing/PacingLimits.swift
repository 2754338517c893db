/// What a store allows and how a ``StorePacer`` adapts to it: where concurrency starts, the integration's own
/// caps, and how hard it backs off.
///
/// The caps are the operator's word about the host (`max_concurrency`, `max_requests_per_second`); the pacer
/// never goes above them, whatever it learns.
public struct PacingLimits: Sendable, Hashable {
    /// Requests in flight at first, before anything is learned.
    public var initialConcurrency: Int
    /// Never more requests in flight than this (the integration's `max_concurrency`).
    public var maximumConcurrency: Int
    /// Never more request starts a second than this (the integration's `max_requests_per_second`), for shared
    /// hosts that allow only a few; `nil` → no fixed rate.
    public var maximumRequestsPerSecond: Double?
    /// A request class whose smoothed latency rises above this multiple of its baseline signals a queue at the
    /// store: concurrency goes down.
    public var latencyTolerance: Double
    /// The multiplicative decrease: on a 429, a 5xx, a timeout or rising latency the concurrency (and, on a 429,
    /// the learned rate) is multiplied by this.
    public var decreaseFactor: Double

    public init(
        initialConcurrency: Int = 4, maximumConcurrency: Int = 8, maximumRequestsPerSecond: Double? = nil,
        latencyTolerance: Double = 2, decreaseFactor: Double = 0.5
    ) {
        self.maximumConcurrency = max(1, maximumConcurrency)
        self.initialConcurrency = min(max(1, initialConcurrency), self.maximumConcurrency)
        self.maximumRequestsPerSecond = maximumRequestsPerSecond.flatMap { $0 > 0 ? $0 : nil }
        self.latencyTolerance = max(1.1, latencyTolerance)
        self.decreaseFactor = min(max(decreaseFactor, 0.1), 0.9)
    }

    /// The defaults: 4 at first, up to 8 at once, no fixed rate.
    public static let `default` = PacingLimits()
}
