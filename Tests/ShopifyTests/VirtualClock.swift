import Shopify
import Synchronization

/// A clock whose time moves only when the client sleeps on it: throttle waits and back-off happen instantly and
/// are recorded, so tests assert the exact waits without sleeping.
final class VirtualClock: ShopifyClock {
    private struct State {
        var now: Duration = .zero
        var sleeps: [Duration] = []
    }

    private let state = Mutex(State())

    func now() -> Duration { state.withLock { $0.now } }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.sleeps.append(duration)
            $0.now += duration
        }
        await Task.yield()
    }

    /// Every sleep asked for, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// Moves time on without a sleep (time passing between calls).
    func advance(by duration: Duration) { state.withLock { $0.now += duration } }
}
