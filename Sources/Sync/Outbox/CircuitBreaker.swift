import Foundation

/// A circuit breaker for one store, as a pure state machine: events and times in, decisions out, no I/O (in
/// the manner of AsyncHTTPClient's `RequestBag+StateMachine`), so every transition is testable without a store.
///
/// closed → (``Configuration/failureThreshold`` consecutive failures) → open → (``Configuration/coolDown``)
/// → half-open, which lets one probe through → closed on its success, open again on its failure. A store that
/// is down thus costs one request per cool-down instead of one per queued item.
public struct CircuitBreaker: Sendable, Hashable {
    /// When to open and how long to stay open.
    public struct Configuration: Sendable, Hashable {
        /// Consecutive failures that open the circuit.
        public var failureThreshold: Int
        /// How long the circuit stays open before a probe is let through.
        public var coolDown: Duration

        public init(failureThreshold: Int = 5, coolDown: Duration = .seconds(30)) {
            self.failureThreshold = max(1, failureThreshold)
            self.coolDown = coolDown
        }
    }

    /// Where the breaker stands.
    public enum State: Sendable, Hashable {
        /// Requests go through; `failures` consecutive failures so far.
        case closed(failures: Int)
        /// Nothing goes through until `until`.
        case open(until: Date)
        /// One probe is in flight since `probeStarted`; the rest wait for its outcome.
        case halfOpen(probeStarted: Date)
    }

    /// What to do with the next request.
    public enum Decision: Sendable, Hashable {
        /// Send it.
        case send
        /// Send it as the probe: its outcome decides whether the circuit closes.
        case probe
        /// Do not send it; try again at `until`.
        case wait(until: Date)
    }

    public let configuration: Configuration
    public private(set) var state: State = .closed(failures: 0)
    /// How many times the circuit opened (from closed or after a failed probe).
    public private(set) var openings = 0
    /// How many times a successful probe closed it again.
    public private(set) var closings = 0

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Whether a request may go now. Moving from open to half-open happens here, when the cool-down is over.
    public mutating func decide(at now: Date) -> Decision {
        switch state {
        case .closed:
            return .send
        case .open(let until):
            guard now >= until else { return .wait(until: until) }
            state = .halfOpen(probeStarted: now)
            return .probe
        case .halfOpen(let started):
            // A probe that never reported (its task was cancelled) must not hold the circuit forever.
            let expiry = started.addingTimeInterval(configuration.coolDown.seconds)
            guard now >= expiry else {
                return .wait(until: min(expiry, now.addingTimeInterval(min(1, configuration.coolDown.seconds))))
            }
            state = .halfOpen(probeStarted: now)
            return .probe
        }
    }

    /// The store answered (any answer that shows it is up, including a 4xx refusal).
    public mutating func recordSuccess(at now: Date) {
        switch state {
        case .closed:
            state = .closed(failures: 0)
        case .halfOpen, .open:
            // From open: a request let through before the circuit opened came back fine; the store is up.
            state = .closed(failures: 0)
            closings += 1
        }
    }

    /// The store failed in a way that may heal (5xx, 429, timeout, connection failure).
    public mutating func recordFailure(at now: Date) {
        switch state {
        case .closed(let failures):
            if failures + 1 >= configuration.failureThreshold {
                open(at: now)
            } else {
                state = .closed(failures: failures + 1)
            }
        case .halfOpen:
            open(at: now)
        case .open:
            break  // a request started before the circuit opened; the cool-down already runs
        }
    }

    /// Whether nothing is let through now (open, or half-open with the probe out).
    public var isOpen: Bool {
        if case .closed = state { return false }
        return true
    }

    private mutating func open(at now: Date) {
        state = .open(until: now.addingTimeInterval(configuration.coolDown.seconds))
        openings += 1
    }
}
