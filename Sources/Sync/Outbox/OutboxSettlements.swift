import Synchronization

/// Announces that the outbox sender settled items (sent, rescheduled or parked as dead), so a use case that
/// queued a store update and was asked to wait for it (`?wait=true`) re-reads its items instead of polling.
///
/// A waiter reads ``generation`` before it checks its items and waits for a later one: an announcement between
/// the check and the wait is never lost.
public final class OutboxSettlements: Sendable {
    private struct State {
        var generation = 0
        var waiters: [Int: (after: Int, continuation: CheckedContinuation<Void, Never>)] = [:]
        var nextWaiter = 0
    }
    private let state = Mutex(State())

    public init() {}

    /// The count of announcements so far.
    public var generation: Int { state.withLock { $0.generation } }

    /// Wakes everyone waiting.
    public func announce() {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.generation += 1
            defer { state.waiters.removeAll() }
            return state.waiters.values.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns once an announcement later than `generation` was made, or when the task is cancelled.
    public func wait(after generation: Int) async {
        let id = state.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.generation > generation || Task.isCancelled { return true }
                    state.waiters[id] = (generation, continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.continuation.resume()
        }
    }
}
