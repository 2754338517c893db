/// The clock the client waits on: a monotonic now for the bucket model and sleeping for back-off and
/// throttling. Injectable, so tests run throttling and retries on virtual time instead of sleeping.
public protocol ShopifyClock: Sendable {
    /// Monotonic time since a fixed origin of the clock's choosing.
    func now() -> Duration
    /// Suspends for `duration`, throwing `CancellationError` if the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock: `ContinuousClock` and `Task.sleep`. Every instance reads the same time (one origin per
/// process), so clients sharing a ``ShopifyCostBucket`` agree on it.
public struct SystemShopifyClock: ShopifyClock {
    private static let origin = ContinuousClock.now

    public init() {}

    public func now() -> Duration { ContinuousClock.now - Self.origin }

    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await Task.sleep(for: duration)
    }
}
