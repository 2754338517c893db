import Foundation
import Testing

@testable import Sync

/// The breaker's state machine alone: events and times in, decisions out.
@Suite struct CircuitBreakerTests {
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test func opensAfterTheThresholdOfConsecutiveFailures() {
        var breaker = CircuitBreaker(configuration: .init(failureThreshold: 3, coolDown: .seconds(10)))
        breaker.recordFailure(at: start)
        breaker.recordFailure(at: start)
        breaker.recordSuccess(at: start)  // a success in between starts the count again
        breaker.recordFailure(at: start)
        breaker.recordFailure(at: start)
        #expect(breaker.decide(at: start) == .send)
        breaker.recordFailure(at: start)
        #expect(breaker.state == .open(until: start.addingTimeInterval(10)))
        #expect(breaker.openings == 1)
        #expect(breaker.decide(at: start.addingTimeInterval(9)) == .wait(until: start.addingTimeInterval(10)))
    }

    @Test func letsOneProbeThroughAfterTheCoolDownAndClosesOnItsSuccess() {
        var breaker = CircuitBreaker(configuration: .init(failureThreshold: 1, coolDown: .seconds(10)))
        breaker.recordFailure(at: start)
        let later = start.addingTimeInterval(10)
        #expect(breaker.decide(at: later) == .probe)
        #expect(breaker.state == .halfOpen(probeStarted: later))
        // While the probe is out, others wait (briefly) for its outcome.
        #expect(breaker.decide(at: later) == .wait(until: later.addingTimeInterval(1)))
        breaker.recordSuccess(at: later)
        #expect(breaker.state == .closed(failures: 0))
        #expect(breaker.closings == 1)
        #expect(breaker.decide(at: later) == .send)
    }

    @Test func aFailedProbeOpensTheCircuitAgain() {
        var breaker = CircuitBreaker(configuration: .init(failureThreshold: 2, coolDown: .seconds(5)))
        breaker.recordFailure(at: start)
        breaker.recordFailure(at: start)
        let probeTime = start.addingTimeInterval(6)
        #expect(breaker.decide(at: probeTime) == .probe)
        breaker.recordFailure(at: probeTime)
        #expect(breaker.state == .open(until: probeTime.addingTimeInterval(5)))
        #expect(breaker.openings == 2)
        #expect(breaker.closings == 0)
    }

    @Test func aProbeThatNeverReportsIsReplacedAfterACoolDown() {
        var breaker = CircuitBreaker(configuration: .init(failureThreshold: 1, coolDown: .seconds(5)))
        breaker.recordFailure(at: start)
        #expect(breaker.decide(at: start.addingTimeInterval(5)) == .probe)
        #expect(breaker.decide(at: start.addingTimeInterval(7)) != .probe)
        #expect(breaker.decide(at: start.addingTimeInterval(10)) == .probe)
    }

    @Test func lateFailuresWhileOpenDoNotExtendTheCoolDown() {
        var breaker = CircuitBreaker(configuration: .init(failureThreshold: 1, coolDown: .seconds(5)))
        breaker.recordFailure(at: start)
        breaker.recordFailure(at: start.addingTimeInterval(3))
        #expect(breaker.state == .open(until: start.addingTimeInterval(5)))
        #expect(breaker.openings == 1)
    }
}
