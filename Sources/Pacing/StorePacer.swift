import Synchronization

/// One store's pacer: every request to the store — import pages, reconciliation, outbox updates, catalogue
/// pulls — waits here for its turn, so together they never exceed what the store allows, and the limits adapt
/// to how the store answers (``PacingState``: AIMD on concurrency, a rate learned from 429s, `Retry-After`
/// honoured for everyone).
///
/// One per store per process (ARCHITECTURE.md, "One pacer per store"): clients made for the same store share
/// it. Requests start in the order they asked, so a listing's pages go out in page order.
public final class StorePacer: Sendable {
    /// A started request; hand it back to ``finish(_:_:requestClass:)``.
    public struct Ticket: Sendable {
        fileprivate let startedAt: Duration
    }

    /// The pacer's state, for reports and tests.
    public struct Snapshot: Sendable, Hashable {
        /// Requests allowed in flight now.
        public var concurrency: Int
        /// Request starts allowed a second now, if limited.
        public var requestsPerSecond: Double?
        public var inFlight: Int
        /// Times the limits went down.
        public var decreases: Int
        public var limits: PacingLimits
    }

    private struct Waiter {
        var id: UInt64
        /// Set while the waiter sleeps until a request finishes.
        var continuation: CheckedContinuation<Void, any Error>?
    }

    private struct State {
        var machine: PacingState
        var nextID: UInt64 = 0
        /// Waiting requests, oldest first; only the oldest may start.
        var queue: [Waiter] = []
    }

    private let state: Mutex<State>
    private let clock: ContinuousClock
    private let origin: ContinuousClock.Instant

    public init(limits: PacingLimits = .default) {
        self.state = Mutex(State(machine: PacingState(limits: limits)))
        self.clock = ContinuousClock()
        self.origin = clock.now
    }

    /// Applies new caps (the integration's settings changed); what was learned is kept within them.
    public func update(_ limits: PacingLimits) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            state.machine.update(limits)
            return Self.takeSleepers(&state)
        }
        for continuation in woken { continuation.resume() }
    }

    public var snapshot: Snapshot {
        state.withLock {
            Snapshot(
                concurrency: $0.machine.concurrency, requestsPerSecond: $0.machine.rate,
                inFlight: $0.machine.inFlight, decreases: $0.machine.decreases, limits: $0.machine.limits)
        }
    }

    /// Requests waiting for their turn.
    public var waiting: Int { state.withLock { $0.queue.count } }

    /// Waits until a request may start. Throws `CancellationError` if the task is cancelled meanwhile (holding
    /// nothing then).
    public func admit() async throws -> Ticket {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            state.queue.append(Waiter(id: state.nextID))
            return state.nextID
        }
        do {
            while true {
                try Task.checkCancellation()
                let now = clock.now - origin
                let decision = state.withLock { state -> PacingState.Admission in
                    guard state.queue.first?.id == id else { return .waitForFinish }
                    let admission = state.machine.admit(now: now)
                    if case .start = admission { state.queue.removeFirst() }
                    return admission
                }
                switch decision {
                case .start(let startedAt):
                    // The next in line may be able to start too.
                    wakeSleepers()
                    return Ticket(startedAt: startedAt)
                case .waitUntil(let time):
                    try await clock.sleep(until: origin + time)
                case .waitForFinish:
                    try await sleepUntilWoken(id)
                }
            }
        } catch {
            state.withLock { state in state.queue.removeAll { $0.id == id } }
            wakeSleepers()
            throw error
        }
    }

    /// Records how a started request ended and lets the next ones in.
    ///
    /// - Parameter requestClass: requests of comparable cost (route, page size, `_fields`), whose latency is
    ///   compared with each other's.
    public func finish(_ ticket: Ticket, _ outcome: PacingOutcome, requestClass: String) {
        let now = clock.now - origin
        let woken = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            state.machine.finish(
                startedAt: ticket.startedAt, outcome: outcome, requestClass: requestClass, now: now)
            return Self.takeSleepers(&state)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Runs `body` as one paced request; `classify` says how it ended (a thrown error is `abandoned` unless
    /// `classifyError` says otherwise).
    public func run<T: Sendable>(
        requestClass: String, _ body: () async throws -> T, classify: (T) -> PacingOutcome,
        classifyError: (any Error) -> PacingOutcome = { _ in .abandoned }
    ) async throws -> T {
        let ticket = try await admit()
        do {
            let result = try await body()
            finish(ticket, classify(result), requestClass: requestClass)
            return result
        } catch {
            finish(ticket, classifyError(error), requestClass: requestClass)
            throw error
        }
    }

    // MARK: - Waiting

    private func sleepUntilWoken(_ id: UInt64) async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Checked and parked under one lock, so a finish in between cannot be missed.
                let resumeNow = state.withLock { state -> Bool in
                    guard !Task.isCancelled, let index = state.queue.firstIndex(where: { $0.id == id }) else {
                        return true
                    }
                    if index == 0, state.machine.inFlight < state.machine.concurrency { return true }
                    state.queue[index].continuation = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let index = state.queue.firstIndex(where: { $0.id == id }) else { return nil }
                defer { state.queue[index].continuation = nil }
                return state.queue[index].continuation
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    private func wakeSleepers() {
        let woken = state.withLock { Self.takeSleepers(&$0) }
        for continuation in woken { continuation.resume() }
    }

    /// Every parked waiter, unparked: each checks again whether it is first in line and may start.
    private static func takeSleepers(_ state: inout State) -> [CheckedContinuation<Void, any Error>] {
        var woken: [CheckedContinuation<Void, any Error>] = []
        for index in state.queue.indices {
            if let continuation = state.queue[index].continuation {
                woken.append(continuation)
                state.queue[index].continuation = nil
            }
        }
        return woken
    }
}
