import Foundation

/// The one clock the client reads: wall time for OAuth timestamps and `Retry-After` dates, and sleeping for
/// back-off. Injectable so tests can run retries without waiting and sign with recorded timestamps.
public protocol WooClock: Sendable {
    /// The current wall-clock time.
    func now() -> Date
    /// Suspends for `duration`, throwing `CancellationError` if the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock: `Date()` and `Task.sleep`.
public struct SystemWooClock: WooClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
