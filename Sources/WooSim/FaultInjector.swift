import Synchronization

/// Decides, per API request and per webhook delivery, which injected fault (if any) happens.
///
/// Decisions come from a generator seeded by `WooSimFaults.seed` (or the store's seed) and always consume
/// the same number of draws, so a given request sequence meets the same faults on every run. `failNext`
/// and `dropNext` queue exact, countable faults that win over the rates. A `Mutex` rather than an actor
/// because the decision is needed synchronously at the start of every request.
final class FaultInjector: Sendable {
    enum RequestFault: Sendable, Equatable {
        case none
        case respond(status: Int, retryAfter: Int?)
        case hang(seconds: Double)
        case drop
        /// Handle the request (its change is made), then close the connection without answering.
        case dropAfterHandling
    }

    struct RequestDecision: Sendable {
        var latencyMilliseconds: Int
        var fault: RequestFault
        /// The store's cost model at the time of the request (see ``WooSimFaults``).
        var perOrderMilliseconds: Double = 0
        var perFieldsOrderMilliseconds: Double = 0
        var workers: Int = 0

        /// How long serving takes in all: the latency plus each rendered order's cost.
        func cost(fullOrders: Int, subsetOrders: Int) -> Duration {
            let milliseconds =
                Double(fullOrders) * max(0, self.perOrderMilliseconds) + Double(subsetOrders)
                * max(0, self.perFieldsOrderMilliseconds)
            let microseconds = milliseconds * 1000
            return .milliseconds(self.latencyMilliseconds) + .microseconds(Int64(microseconds.rounded()))
        }
    }

    struct WebhookDecision: Sendable {
        var drop: Bool
        var duplicate: Bool
        var extraDelayMilliseconds: Int
    }

    private struct ScriptedFailure {
        var remaining: Int
        var status: Int
        var retryAfter: Int?
        /// Only requests with this method (`PUT`) fail; `nil` → any.
        var method: String?
        /// Only requests for this exact path (`/wp-json/wc/v3/orders/7`) fail; `nil` → any.
        var path: String?

        func matches(method: String, path: String) -> Bool {
            (self.method.map { $0.uppercased() == method.uppercased() } ?? true)
                && (self.path.map { $0 == path } ?? true)
        }
    }

    private struct State {
        var faults: WooSimFaults
        var random: SimRandom
        var scripted: [ScriptedFailure] = []
        var dropsPending = 0
        var tally = WooSimFaultTally()
        var dropsAfterHandlingPending = 0
        /// The host's rate limit: tokens left and when they were last topped up.
        var rateTokens: Double?
        var rateRefilledAt = ContinuousClock.now
    }

    private let defaultSeed: UInt64
    private let state: Mutex<State>

    init(seed: UInt64) {
        self.defaultSeed = seed
        self.state = Mutex(State(faults: .none, random: SimRandom(seed: seed, stream: SimStream.faults)))
    }

    var faults: WooSimFaults {
        self.state.withLock { $0.faults }
    }

    /// Replaces the rates and restarts the decision sequence from the faults' seed.
    func set(_ faults: WooSimFaults) {
        let seed = faults.seed ?? self.defaultSeed
        self.state.withLock {
            $0.faults = faults
            $0.random = SimRandom(seed: seed, stream: SimStream.faults)
            $0.rateTokens = nil
        }
    }

    /// The faults injected so far.
    var tally: WooSimFaultTally {
        self.state.withLock { $0.tally }
    }

    /// Queues `count` answers of `status`, for the next requests matching `method` and `path` (`nil`: any).
    func clearScriptedFailures() {
        self.state.withLock { $0.scripted.removeAll() }
    }

    func failNext(count: Int, status: Int, retryAfter: Int?, method: String? = nil, path: String? = nil) {
        guard count > 0 else { return }
        self.state.withLock {
            $0.scripted.append(
                ScriptedFailure(
                    remaining: count, status: status, retryAfter: retryAfter, method: method, path: path))
        }
    }

    func dropNext(count: Int) {
        self.state.withLock { $0.dropsPending += max(0, count) }
    }

    func dropAfterHandlingNext(count: Int) {
        self.state.withLock { $0.dropsAfterHandlingPending += max(0, count) }
    }

    /// The fault for a request of `method` to `path` (which scripted failures it meets).
    func decideRequest(method: String = "GET", path: String = "/") -> RequestDecision {
        self.state.withLock { state in
            let faults = state.faults
            // Always draw the same numbers, whatever is enabled, so sequences stay comparable.
            let dropRoll = state.random.unit()
            let hangRoll = state.random.unit()
            let limitRoll = state.random.unit()
            let errorRoll = state.random.unit()
            let jitterRoll = state.random.unit()
            let statusPick = state.random.next() % 3
            let latency =
                max(0, faults.latencyMilliseconds)
                + Int(jitterRoll * Double(max(0, faults.latencyJitterMilliseconds) + 1))
            func decision(_ fault: RequestFault) -> RequestDecision {
                Self.count(fault, in: &state.tally)
                return RequestDecision(
                    latencyMilliseconds: latency, fault: fault, perOrderMilliseconds: faults.perOrderMilliseconds,
                    perFieldsOrderMilliseconds: faults.perFieldsOrderMilliseconds, workers: faults.workers)
            }
            if let index = state.scripted.firstIndex(where: { $0.matches(method: method, path: path) }) {
                let failure = state.scripted[index]
                state.scripted[index].remaining -= 1
                if state.scripted[index].remaining <= 0 { state.scripted.remove(at: index) }
                return decision(.respond(status: failure.status, retryAfter: failure.retryAfter))
            }
            if state.dropsPending > 0 {
                state.dropsPending -= 1
                return decision(.drop)
            }
            if state.dropsAfterHandlingPending > 0 {
                state.dropsAfterHandlingPending -= 1
                return decision(.dropAfterHandling)
            }
            if faults.rateLimitPerSecond > 0 {
                let rate = faults.rateLimitPerSecond
                let capacity = max(1, rate)
                let now = ContinuousClock.now
                let elapsed = state.rateRefilledAt.duration(to: now)
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let tokens = min(capacity, (state.rateTokens ?? capacity) + seconds * rate)
                state.rateRefilledAt = now
                if tokens >= 1 {
                    state.rateTokens = tokens - 1
                } else {
                    state.rateTokens = tokens
                    let wait = Int(((1 - tokens) / rate).rounded(.up))
                    return decision(.respond(status: 429, retryAfter: max(1, wait)))
                }
            }
            let fault: RequestFault
            if dropRoll < faults.dropConnectionRate {
                fault = .drop
            } else if hangRoll < faults.hangRate {
                fault = .hang(seconds: faults.hangSeconds)
            } else if limitRoll < faults.rateLimitRate {
                fault = .respond(status: 429, retryAfter: faults.retryAfterSeconds)
            } else if errorRoll < faults.serverErrorRate {
                fault = .respond(status: [500, 502, 503][Int(statusPick)], retryAfter: nil)
            } else {
                fault = .none
            }
            return decision(fault)
        }
    }

    private static func count(_ fault: RequestFault, in tally: inout WooSimFaultTally) {
        switch fault {
        case .none: break
        case .respond(let status, _) where status == 429: tally.rateLimited += 1
        case .respond: tally.serverErrors += 1
        case .hang: tally.hung += 1
        case .drop, .dropAfterHandling: tally.droppedConnections += 1
        }
    }

    func decideWebhook() -> WebhookDecision {
        self.state.withLock { state in
            let faults = state.faults
            let drop = state.random.unit() < faults.webhookDropRate
            let duplicate = state.random.unit() < faults.webhookDuplicateRate
            let reorder = state.random.unit() < faults.webhookReorderRate
            if drop {
                state.tally.webhooksDropped += 1
            } else {
                if duplicate { state.tally.webhooksDuplicated += 1 }
                if reorder { state.tally.webhooksReordered += 1 }
            }
            return WebhookDecision(
                drop: drop, duplicate: duplicate,
                extraDelayMilliseconds: reorder ? max(0, faults.webhookReorderDelayMilliseconds) : 0)
        }
    }
}

/// Counts API requests (control requests excluded) for benchmarks, and keeps the most recent ones so tests
/// can check which requests a client made.
final class RequestCounter: Sendable {
    private let count = Atomic<Int>(0)
    /// API requests being answered now, and the most there have been at once.
    private let concurrent = Mutex<(now: Int, peak: Int)>((0, 0))
    private let recent = Mutex<[String]>([])
    /// How many requests the log keeps: enough for a test, bounded for a benchmark.
    static let logLimit = 10_000

    func increment(_ request: String = "") {
        self.count.add(1, ordering: .relaxed)
        self.recent.withLock { log in
            if log.count >= RequestCounter.logLimit { log.removeFirst(log.count / 2) }
            log.append(request)
        }
    }

    var value: Int { self.count.load(ordering: .relaxed) }

    /// A request arrived; `leave()` when it is answered.
    func enter() {
        self.concurrent.withLock { state in
            state.now += 1
            state.peak = max(state.peak, state.now)
        }
    }

    func leave() {
        self.concurrent.withLock { $0.now -= 1 }
    }

    /// The most API requests answered at once since the start (or the last reset).
    var peakConcurrent: Int { self.concurrent.withLock { $0.peak } }

    func resetPeak() {
        self.concurrent.withLock { $0.peak = $0.now }
    }

    /// The most recent requests, oldest first, as `METHOD /path?query`.
    var log: [String] { self.recent.withLock { $0 } }
}
