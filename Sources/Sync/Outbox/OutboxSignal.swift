import LogixCore
import Synchronization

/// Wakes a sleeping ``OutboxSender/run()`` when new work is enqueued, so it need not wait for its next poll.
///
/// `notify()` after the enqueuing transaction commits. A notification with nobody waiting is kept (one), so a
/// wake-up between two sleeps is not lost. Meant for one waiter: the sender's loop.
public final class OutboxSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }
    private let state = Mutex(State())

    public init() {}

    /// Wakes the waiting loop (or the next one to wait).
    public func notify() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns after `duration`, or earlier on a notification or cancellation.
    func wait(upTo duration: Duration, clock: any LogixClock) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(for: duration) }
            group.addTask { await self.nextNotification() }
            await group.next()
            group.cancelAll()
        }
    }

    private func nextNotification() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> CheckedContinuation<Void, Never>? in
                    // Checked under the lock: cancellation sets the flag before its handler takes the lock.
                    if state.pending || Task.isCancelled {
                        state.pending = false
                        return continuation
                    }
                    let previous = state.waiter
                    state.waiter = continuation
                    return previous
                }
                resumeNow?.resume()
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
