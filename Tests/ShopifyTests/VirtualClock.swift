import Shopify
import Synchronization

/// A clock whose time moves only when the client sleeps on it: throttle waits and back-off happen instantly and
/// are recorded, so tests assert the exact waits without sleeping.
final class VirtualClock: ShopifyClock {
    private struct State {
        var now: Duration = .zero
        var sleeps: [Duration] = []
        var wakes: [Duration] = []
    }

    private let state = Mutex(State())

    func now() -> Duration { state.withLock { $0.now } }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        // Sleepers overlap as they would in real time: time moves to the latest wake-up, not their sum.
        state.withLock {
            let wake = $0.now + duration
            $0.sleeps.append(duration)
            $0.wakes.append(wake)
            $0.now = max($0.now, wake)
        }
        await Task.yield()
    }

    /// Every sleep asked for, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// The instant each sleep ended, in the order they were asked for.
    var wakes: [Duration] { state.withLock { $0.wakes } }

    /// Moves time on without a sleep (time passing between calls).
    func advance(by duration: Duration) { state.withLock { $0.now += duration } }
}
