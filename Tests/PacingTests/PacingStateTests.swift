import Testing

@testable import Pacing

/// The pacer's rules, one by one, on the pure state machine: time is passed in, nothing waits.
@Suite("Pacing state")
struct PacingStateTests {
    private func ms(_ value: Int) -> Duration { .milliseconds(value) }

    /// Starts requests at `now` until the window is full; returns their start times.
    private func fill(_ state: inout PacingState, at now: Duration) -> [Duration] {
        var started: [Duration] = []
        while case .start(let at) = state.admit(now: now) { started.append(at) }
        return started
    }

    @Test("starts at the initial concurrency and waits for a finish beyond it")
    func startsAtInitialConcurrency() {
        var state = PacingState(limits: PacingLimits(initialConcurrency: 3, maximumConcurrency: 8))
        #expect(fill(&state, at: .zero).count == 3)
        #expect(state.admit(now: .zero) == .waitForFinish)
    }

    @Test("grows by one per full window of answers in time, never above the cap")
    func additiveIncreaseUpToCap() {
        var state = PacingState(limits: PacingLimits(initialConcurrency: 2, maximumConcurrency: 4))
        var now = Duration.zero
        for _ in 0..<40 {
            let started = fill(&state, at: now)
            now += ms(100)
            for start in started {
                state.finish(startedAt: start, outcome: .answered, requestClass: "page", now: now)
            }
        }
        #expect(state.concurrency == 4)
        #expect(fill(&state, at: now).count == 4)
    }

    @Test("does not grow while the window is not used")
    func noGrowthWhenIdle() {
        var state = PacingState(limits: PacingLimits(initialConcurrency: 2, maximumConcurrency: 8))
        var now = Duration.zero
        for _ in 0..<50 {
            guard case .start(let at) = state.admit(now: now) else {
                Issue.record("refused one request")
                return
            }
            now += ms(50)
            state.finish(startedAt: at, outcome: .answered, requestClass: "one", now: now)
        }
        #expect(state.concurrency == 2)
    }

    @Test("halves on a 5xx or timeout, once per burst")
    func multiplicativeDecreaseOncePerBurst() {
        var state = PacingState(limits: PacingLimits(initialConcurrency: 8, maximumConcurrency: 8))
        let started = fill(&state, at: .zero)
        #expect(started.count == 8)
        // All eight were sent under the old window: the first failure halves it, the rest are old news.
        for start in started {
            state.finish(startedAt: start, outcome: .overloaded, requestClass: "page", now: ms(500))
        }
        #expect(state.concurrency == 4)
        #expect(state.decreases == 1)
        // A request sent after the decrease that fails again counts.
        guard case .start(let at) = state.admit(now: ms(600)) else {
            Issue.record("refused")
            return
        }
        state.finish(startedAt: at, outcome: .overloaded, requestClass: "page", now: ms(700))
        #expect(state.concurrency == 2)
        #expect(state.decreases == 2)
    }

    @Test("never below one request in flight")
    func floorOfOne() {
        var state = PacingState(limits: PacingLimits(initialConcurrency: 1, maximumConcurrency: 1))
        var now = Duration.zero
        for _ in 0..<5 {
            guard case .start(let at) = state.admit(now: now) else {
                Issue.record("refused")
                return
            }
            now += ms(10)
            state.finish(startedAt: at, outcome: .overloaded, requestClass: "x", now: now)
        }
        #expect(state.concurrency == 1)
        #expect(fill(&state, at: now).count == 1)
    }

    @Test("a 429 pauses every request until Retry-After")
    func retryAfterPausesEveryone() {
        var state = PacingState(limits: .default)
        guard case .start(let at) = state.admit(now: .zero) else {
            Issue.record("refused")
            return
        }
        state.finish(startedAt: at, outcome: .throttled(retryAfter: .seconds(2)), requestClass: "x", now: ms(100))
        #expect(state.admit(now: ms(1000)) == .waitUntil(ms(2100)))
        if case .start = state.admit(now: ms(2100)) {} else { Issue.record("still paused after Retry-After") }
    }

    @Test("a 429 sets the rate to what drew it × 0.75, and spaces starts by it")
    func learnsRateFromThrottling() throws {
        var state = PacingState(limits: PacingLimits(initialConcurrency: 8, maximumConcurrency: 8))
        #expect(state.rate == nil)
        // Four starts in one second, the fourth refused.
        var starts: [Duration] = []
        for time in [0, 250, 500, 750] {
            guard case .start(let at) = state.admit(now: ms(time)) else {
                Issue.record("refused")
                return
            }
            starts.append(at)
        }
        state.finish(
            startedAt: starts[3], outcome: .throttled(retryAfter: .seconds(1)), requestClass: "x", now: ms(800))
        #expect(state.rate == 3)
        for start in starts.dropLast() {
            state.finish(startedAt: start, outcome: .answered, requestClass: "x", now: ms(800))
        }
        // After the pause, starts are a third of a second apart, whatever the window allows.
        guard case .start = state.admit(now: ms(1800)) else {
            Issue.record("refused after the pause")
            return
        }
        guard case .waitUntil(let next) = state.admit(now: ms(1900)) else {
            Issue.record("a second start within a third of a second")
            return
        }
        // The three answers raised the learned rate a little, as they should.
        let rate = try #require(state.rate)
        #expect(rate > 3 && rate < 3.2)
        #expect(abs((next - ms(1800)).secondsValue - 1 / rate) < 0.001)
    }

    @Test("the learned rate creeps back up while answers come")
    func learnedRateRecovers() {
        var state = PacingState(limits: PacingLimits(initialConcurrency: 1, maximumConcurrency: 1))
        guard case .start(let first) = state.admit(now: .zero) else {
            Issue.record("refused")
            return
        }
        state.finish(startedAt: first, outcome: .throttled(retryAfter: nil), requestClass: "x", now: ms(10))
        let learned = state.rate ?? 0
        var now = Duration.seconds(2)
        for _ in 0..<30 {
            guard case .start(let at) = state.admit(now: now) else {
                now += .seconds(5)
                continue
            }
            now += ms(10)
            state.finish(startedAt: at, outcome: .answered, requestClass: "x", now: now)
            now += .seconds(5)
        }
        #expect((state.rate ?? 0) > learned)
    }

    @Test("never faster than the integration's max_requests_per_second")
    func fixedRateCap() {
        var state = PacingState(
            limits: PacingLimits(initialConcurrency: 8, maximumConcurrency: 8, maximumRequestsPerSecond: 2))
        guard case .start = state.admit(now: .zero) else {
            Issue.record("refused")
            return
        }
        #expect(state.admit(now: ms(100)) == .waitUntil(ms(500)))
        if case .start = state.admit(now: ms(500)) {} else { Issue.record("refused at the rate's spacing") }
    }

    @Test("a request class answering far slower than its baseline reads as a queue")
    func risingLatencyDecreases() {
        var state = PacingState(limits: PacingLimits(initialConcurrency: 8, maximumConcurrency: 8))
        var now = Duration.zero
        for _ in 0..<6 {
            guard case .start(let at) = state.admit(now: now) else {
                Issue.record("refused")
                return
            }
            now += ms(100)
            state.finish(startedAt: at, outcome: .answered, requestClass: "page 100", now: now)
        }
        #expect(state.decreases == 0)
        for _ in 0..<6 {
            guard case .start(let at) = state.admit(now: now) else {
                Issue.record("refused")
                return
            }
            now += ms(400)
            state.finish(startedAt: at, outcome: .answered, requestClass: "page 100", now: now)
        }
        #expect(state.decreases >= 1)
        #expect(state.concurrency < 8)
    }

    @Test("a slower class of its own is not a queue")
    func classesAreSeparate() {
        var state = PacingState(limits: PacingLimits(initialConcurrency: 8, maximumConcurrency: 8))
        var now = Duration.zero
        for (latency, requestClass) in Array(repeating: (70, "one order"), count: 6)
            + Array(repeating: (770, "page of 100"), count: 6)
        {
            guard case .start(let at) = state.admit(now: now) else {
                Issue.record("refused")
                return
            }
            now += ms(latency)
            state.finish(startedAt: at, outcome: .answered, requestClass: requestClass, now: now)
        }
        #expect(state.decreases == 0)
    }

    @Test("lower caps from the settings apply at once")
    func updateLowersTheCap() {
        var state = PacingState(limits: PacingLimits(initialConcurrency: 6, maximumConcurrency: 8))
        state.update(PacingLimits(initialConcurrency: 4, maximumConcurrency: 2))
        #expect(fill(&state, at: .zero).count == 2)
    }
}
