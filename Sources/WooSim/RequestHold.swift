import Synchronization

/// Holds API requests back, once they arrived, until a test lets them go: a store exactly as slow as the test
/// needs, where a fixed latency is a bet that the machine keeps up (a loaded CI machine once took longer than a
/// 10 s answer to do what the test had to do meanwhile).
final class RequestHold: Sendable {
    private struct State {
        var holding = false
        var held: [CheckedContinuation<Void, Never>] = []
        /// Tests waiting until this many requests are held.
        var watchers: [(id: UInt64, count: Int, continuation: CheckedContinuation<Bool, Never>)] = []
        var nextID: UInt64 = 0

        /// Takes the watchers whose count is reached.
        mutating func reached() -> [CheckedContinuation<Bool, Never>] {
            let due = watchers.filter { $0.count <= held.count }.map(\.continuation)
            watchers.removeAll { $0.count <= held.count }
            return due
        }
    }

    private let state = Mutex(State())

    /// Holds every request that arrives from now on.
    func start() {
        state.withLock { $0.holding = true }
    }

    /// Returns at once, or once ``release()`` is called while requests are held.
    func pass() async {
        // Not holding (nearly always): no continuation, so the request is not sent to the back of the queue of
        // runnable tasks, which on a loaded machine delayed it enough to matter to a host's rate limit.
        guard state.withLock({ $0.holding }) else { return }
        await withCheckedContinuation { continuation in
            let (held, due) = state.withLock { state -> (Bool, [CheckedContinuation<Bool, Never>]) in
                guard state.holding else { return (false, []) }
                state.held.append(continuation)
                return (true, state.reached())
            }
            for watcher in due { watcher.resume(returning: true) }
            if !held { continuation.resume() }
        }
    }

    /// Returns `true` once `count` requests are held (at once if they already are); `false` if the task is
    /// cancelled first, or the hold is released.
    func waitUntilHeld(_ count: Int) async -> Bool {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state -> Bool? in
                    guard !Task.isCancelled else { return false }
                    guard state.held.count < count else { return true }
                    state.watchers.append((id, count, continuation))
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let watcher = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                guard let index = state.watchers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.watchers.remove(at: index).continuation
            }
            watcher?.resume(returning: false)
        }
    }

    /// Lets every held request go on and holds no more; watchers still waiting are let go too (a store that
    /// stops holding will hold nothing they could wait for).
    func release() {
        let (held, watchers) = state.withLock { state in
            defer {
                state.holding = false
                state.held = []
                state.watchers = []
            }
            return (state.held, state.watchers.map(\.continuation))
        }
        for continuation in held { continuation.resume() }
        for watcher in watchers { watcher.resume(returning: false) }
    }
}
