/// The pure decision-making of a ``StorePacer``: whether a request may start now, and how each answer moves the
/// limits. No I/O and no clock of its own — times are passed in as durations since the pacer began — so every
/// rule is tested without waiting (ARCHITECTURE.md, "Pure decisions, thin I/O").
///
/// Two limits adapt by additive increase and multiplicative decrease (AIMD):
/// - **concurrency**, the requests in flight: +1 per window of answers in time while the window is full,
///   × ``PacingLimits/decreaseFactor`` on a 429, a 5xx, a timeout, or a request class answering much slower than
///   its baseline (a queue forming at the store's workers); never above the integration's cap, never below 1;
/// - **rate**, request starts a second, learned only from 429s: set to the rate that drew the 429 × 0.75, then
///   raised slowly (about +0.1 a second) while answers keep coming, so a host's rate limit is found again
///   without hitting it often. It never exceeds the integration's `max_requests_per_second`.
///
/// A 429's `Retry-After` pauses every request to the store until then. One burst of failures counts once: a
/// signal from a request that started before the last decrease is ignored (it was sent under the old limits).
struct PacingState: Sendable {
    /// What ``admit(now:)`` decided.
    enum Admission: Equatable {
        /// Start now; pass `startedAt` back to ``finish(startedAt:outcome:requestClass:now:)``.
        case start(startedAt: Duration)
        /// Try again at this time (a pause or the rate's spacing).
        case waitUntil(Duration)
        /// Try again when a request finishes (the concurrency window is full).
        case waitForFinish
    }

    private(set) var limits: PacingLimits
    /// The concurrency window; fractional so additive increase can add 1/window per answer.
    private(set) var window: Double
    /// The rate learned from 429s, if any.
    private(set) var learnedRate: Double?
    private(set) var inFlight = 0
    /// No request starts before this (a `Retry-After`).
    private(set) var pausedUntil: Duration?
    /// How many times each limit went down, for reports.
    private(set) var decreases = 0
    private var lastDecreaseAt: Duration?
    private var lastStartAt: Duration?
    /// Starts within the last second, oldest first: the rate that drew a 429.
    private var recentStarts: [Duration] = []
    private var latencies: [String: LatencyTrack] = [:]

    /// The slowest learned rate: one request every five seconds.
    static let minimumRate = 0.2
    /// The rate that drew a 429 is multiplied by this: gentler than the window's decrease, since it is already
    /// measured — 4 starts in the second a 3-a-second host refused lands on 3.
    static let rateDecrease = 0.75
    /// How much the learned rate grows per answer, divided by the rate itself (≈ +0.1 request/s a second).
    static let rateIncrease = 0.1

    init(limits: PacingLimits) {
        self.limits = limits
        self.window = Double(limits.initialConcurrency)
    }

    /// Requests allowed in flight now.
    var concurrency: Int { max(1, Int(window.rounded(.down))) }

    /// Request starts allowed a second now: the integration's cap or what 429s taught, whichever is lower.
    var rate: Double? {
        switch (limits.maximumRequestsPerSecond, learnedRate) {
        case (let cap?, let learned?): min(cap, learned)
        case (let cap?, nil): cap
        case (nil, let learned?): learned
        case (nil, nil): nil
        }
    }

    /// New caps from the integration's settings; what was learned is kept within them.
    mutating func update(_ limits: PacingLimits) {
        self.limits = limits
        window = min(window, Double(limits.maximumConcurrency))
    }

    /// Whether a request may start at `now`; a start is counted at once.
    mutating func admit(now: Duration) -> Admission {
        if let pausedUntil, now < pausedUntil { return .waitUntil(pausedUntil) }
        pausedUntil = nil
        guard inFlight < concurrency else { return .waitForFinish }
        if let rate, let lastStartAt {
            let next = lastStartAt + .seconds(1 / rate)
            if now < next { return .waitUntil(next) }
        }
        inFlight += 1
        lastStartAt = now
        recentStarts.append(now)
        recentStarts.removeAll { $0 <= now - .seconds(1) }
        return .start(startedAt: now)
    }

    /// Records how a started request ended.
    ///
    /// - Parameters:
    ///   - startedAt: what ``admit(now:)`` returned for it.
    ///   - requestClass: requests comparable in cost (same route, page size, `_fields`); latency is judged
    ///     against the class's own baseline, since a 100-order page is rightly ten times slower than one order.
    mutating func finish(startedAt: Duration, outcome: PacingOutcome, requestClass: String, now: Duration) {
        let wasFull = inFlight >= concurrency
        inFlight = max(0, inFlight - 1)
        // Sent under limits that have since gone down: its news is already acted on.
        let stale = lastDecreaseAt.map { startedAt < $0 } ?? false
        switch outcome {
        case .abandoned:
            return
        case .throttled(let retryAfter):
            let pause = now + (retryAfter ?? .seconds(1))
            pausedUntil = max(pausedUntil ?? pause, pause)
            guard !stale else { return }
            let drawn = Double(recentStarts.filter { $0 > now - .seconds(1) }.count)
            let current = min(rate ?? drawn, drawn)
            learnedRate = max(Self.minimumRate, current * Self.rateDecrease)
            decrease(now: now)
        case .overloaded:
            guard !stale else { return }
            decrease(now: now)
        case .answered:
            let latency = (now - startedAt).secondsValue
            var track = latencies[requestClass] ?? LatencyTrack()
            let rising = track.record(latency, tolerance: limits.latencyTolerance)
            latencies[requestClass] = track
            if rising {
                if !stale { decrease(now: now) }
                return
            }
            if wasFull {
                window = min(Double(limits.maximumConcurrency), window + 1 / window)
            }
            if let learned = learnedRate {
                let raised = learned + Self.rateIncrease / learned
                // Past the fixed cap (or far past what was learned) there is nothing left to find.
                learnedRate = limits.maximumRequestsPerSecond.map { raised >= $0 ? nil : raised } ?? raised
            }
        }
    }

    private mutating func decrease(now: Duration) {
        window = max(1, window * limits.decreaseFactor)
        lastDecreaseAt = now
        decreases += 1
    }
}

/// The latency of one request class: a smoothed value and the lowest seen, the baseline a queue is measured
/// against.
struct LatencyTrack: Sendable {
    private(set) var baseline = Double.infinity
    private(set) var smoothed = 0.0
    private(set) var samples = 0

    /// Adds a latency in seconds; returns whether the class now answers much slower than its baseline.
    mutating func record(_ latency: Double, tolerance: Double) -> Bool {
        samples += 1
        smoothed = samples == 1 ? latency : 0.75 * smoothed + 0.25 * latency
        if latency < baseline {
            baseline = latency
        } else {
            // The lowest answer ever seen may have been luck: let the baseline drift up slowly towards what the
            // store does now, so an old low does not read as a queue forever.
            baseline += (smoothed - baseline) * 0.01
        }
        return samples >= 4 && smoothed > tolerance * max(baseline, 0.005)
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    public var secondsValue: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
