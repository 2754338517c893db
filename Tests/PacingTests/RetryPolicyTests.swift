import Foundation
import Testing

@testable import Pacing

@Suite struct RetryPolicyTests {
    @Test func backoffIsExponentialWithFullJitterAndCap() {
        let policy = RetryPolicy(maximumAttempts: 10, baseDelay: .milliseconds(100), maximumDelay: .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: 1) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, random: 1) == .milliseconds(400))
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, random: 0.5) == .milliseconds(200))
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, random: 0) == .zero)
        #expect(policy.delay(afterAttempt: 9, retryAfter: nil, random: 1) == .seconds(1))
        #expect(policy.delay(afterAttempt: 10, retryAfter: nil, random: 1) == nil)
    }

    @Test func retryAfterWinsUpToItsCap() {
        let policy = RetryPolicy(maximumAttempts: 3, maximumRetryAfter: .seconds(30))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(7), random: 0) == .seconds(7))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(31), random: 0) == nil)
    }

    @Test func onlyHealableFailuresOfIdempotentRequestsAreRetried() {
        let policy = RetryPolicy.default
        #expect(policy.isRetryable(.status(429), idempotent: true))
        #expect(policy.isRetryable(.status(503), idempotent: true))
        #expect(!policy.isRetryable(.status(503), idempotent: false))
        #expect(!policy.isRetryable(.status(401), idempotent: true))
        #expect(!policy.isRetryable(.status(404), idempotent: true))
        #expect(!policy.isRetryable(.status(501), idempotent: true))
        #expect(policy.isRetryable(.transport, idempotent: true))
        #expect(!policy.isRetryable(.transport, idempotent: false))
        #expect(policy.isRetryable(.connect, idempotent: false))
    }

    @Test func retryAfterParsesSecondsAndHTTPDates() {
        let now = Date(timeIntervalSince1970: 1_795_557_600)  // Tue, 24 Nov 2026 22:00:00 GMT
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse("Tue, 24 Nov 2026 22:00:30 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Tue, 24 Nov 2026 21:00:00 GMT", now: now) == .zero)
        #expect(RetryAfter.parse("soon", now: now) == nil)
    }
}
