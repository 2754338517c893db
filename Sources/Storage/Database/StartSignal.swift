import Synchronization

/// A one-way switch that tasks wait on: raised once, after which waiting returns at once.
///
/// PostgreSQL's pool serves only once its `run()` has begun, and warns about every connection asked of it
/// before; queries wait on this, raised as the pool starts running, instead of racing the service group's
/// start.
final class StartSignal: Sendable {
    private struct State: Sendable {
        var raised = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    }

    private let state = Mutex(State())

    /// Lets every waiter go, and every later one through at once.
    func raise() {
        let waiters = state.withLock { state in
            state.raised = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the signal is raised; throws `CancellationError` if the task is cancelled before.
    func wait() async throws {
        let waiter: Int? = state.withLock { state in
            guard !state.raised else { return nil }
            state.nextWaiter += 1
            return state.nextWaiter
        }
        guard let waiter else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let answer: Result<Void, any Error>? = state.withLock { state in
                    if state.raised { return .success(()) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiters[waiter] = continuation
                    return nil
                }
                if let answer { continuation.resume(with: answer) }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: waiter) }?.resume(throwing: CancellationError())
        }
    }
}
