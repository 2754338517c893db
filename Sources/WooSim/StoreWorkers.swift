import Synchronization

/// The store's PHP-FPM pool: at most `limit` requests are served at once, the rest wait in arrival order for
/// a free worker, as a real store's pool queues them.
///
/// The limit is read on every acquire (faults change while the sim runs); a limit of 0 means unlimited.
/// Raising the limit lets waiters in as workers free up, not at once, which is close enough for a model.
final class StoreWorkers: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var busy = 0
        var nextID: UInt64 = 0
        var waiters: [Waiter] = []
    }

    private let state = Mutex(State())

    /// Waits for a free worker; the caller must `release()` it afterwards. Throws `CancellationError` if the
    /// task is cancelled while waiting, holding no worker then.
    func acquire(limit: Int) async throws {
        let id = self.state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Deciding and queueing under one lock, so a release in between cannot be missed.
                let outcome = self.state.withLock { state -> Result<Bool, CancellationError> in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if limit <= 0 || state.busy < limit {
                        state.busy += 1
                        return .success(true)
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return .success(false)
                }
                switch outcome {
                case .failure(let error): continuation.resume(throwing: error)
                case .success(true): continuation.resume()
                case .success(false): break
                }
            }
        } onCancel: {
            let waiter = self.state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Frees a worker: the longest waiter takes it over, or it becomes idle.
    func release() {
        let next = self.state.withLock { state -> Waiter? in
            if state.waiters.isEmpty {
                state.busy -= 1
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.continuation.resume()
    }

    /// Requests being served now.
    var busy: Int { self.state.withLock { $0.busy } }
}
