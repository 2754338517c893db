import Foundation

/// The one source of time for Logix's services: what "now" is (stamps on orders, runs, outbox items, leases)
/// and how to wait (back-off, polling). `logix serve` builds one and injects it everywhere through
/// `ServerServices`, so a test can move time for the whole server at once (ARCHITECTURE.md, "Layering":
/// one clock).
public protocol LogixClock: Sendable {
    /// The current wall-clock time.
    func now() -> Date
    /// Suspends for `duration`, throwing `CancellationError` if the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock: the system's wall time and `Task.sleep`. This file is the only place in the server and
/// the use cases that reads the system's time.
public struct SystemClock: LogixClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration, clock: ContinuousClock())
    }
}
