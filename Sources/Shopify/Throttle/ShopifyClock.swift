/// The clock the client waits on: a monotonic now for the bucket model and sleeping for back-off and
/// throttling. Injectable, so tests run throttling and retries on virtual time instead of sleeping.
public protocol ShopifyClock: Sendable {
    /// Monotonic time since a fixed origin of the clock's choosing.
    func now() -> Duration
    /// Suspends for `duration`, throwing `CancellationError` if the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock: `ContinuousClock` and `Task.sleep`.
public struct SystemShopifyClock: ShopifyClock {
    private let origin: ContinuousClock.Instant

    public init() { self.origin = ContinuousClock.now }

    public func now() -> Duration { ContinuousClock.now - origin }

    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await Task.sleep(for: duration)
    }
}
