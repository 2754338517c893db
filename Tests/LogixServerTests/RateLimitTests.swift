import Foundation
import HTTPTypes
import HummingbirdTesting
import Pacing
import Testing

@testable import LogixServer

/// Token buckets: the arithmetic, and 429 with `Retry-After` on each limited route.
@Suite struct RateLimitTests {
    @Test func aBucketRefillsAtItsRateUpToItsBurst() {
        let rule = TokenBucket.Rule(perSecond: 2, burst: 3)
        let start = Date(timeIntervalSince1970: 1_000)
        var bucket = TokenBucket(rule: rule, now: start)
        for _ in 0..<3 { #expect(bucket.take(rule: rule, now: start) == .allowed) }
        #expect(bucket.take(rule: rule, now: start) == .limited(retryAfter: .milliseconds(500)))
        #expect(bucket.take(rule: rule, now: start.addingTimeInterval(0.5)) == .allowed)
        // A long pause fills it to the burst, not beyond.
        let later = start.addingTimeInterval(100)
        for _ in 0..<3 { #expect(bucket.take(rule: rule, now: later) == .allowed) }
        #expect(bucket.take(rule: rule, now: later) != .allowed)
        #expect(bucket.isFull(rule: rule, now: later.addingTimeInterval(10)))
    }

    /// `LOGIX_WEBHOOK_RATE_LIMIT` sets the receiver's limit per integration (two seconds' burst); unset, the
    /// default stays; anything but a positive number stops the start with the variable's name.
    @Test func theReceiversLimitComesFromTheEnvironment() throws {
        #expect(
            try ServerConfiguration(environment: [:]).webhookRateLimit
                == TokenBucket.Rule(perSecond: 5_000, burst: 10_000))
        let set = try ServerConfiguration(environment: ["LOGIX_WEBHOOK_RATE_LIMIT": "20000"])
        #expect(set.webhookRateLimit == TokenBucket.Rule(perSecond: 20_000, burst: 40_000))
        for bad in ["0", "-1", "many", "inf"] {
            #expect(throws: (any Error).self, "\(bad)") {
                try ServerConfiguration(environment: ["LOGIX_WEBHOOK_RATE_LIMIT": bad])
            }
        }
    }

    @Test func limitedRoutesAnswer429WithRetryAfter() async throws {
        try await ServerHarness.with(store: false) { configuration in
            configuration.apiRateLimit = TokenBucket.Rule(perSecond: 0.01, burst: 3)
            configuration.tokenRateLimit = TokenBucket.Rule(perSecond: 0.01, burst: 2)
            configuration.webhookRateLimit = TokenBucket.Rule(perSecond: 0.01, burst: 2)
        } _: { server in
            // Per user on the API: Alice runs out, Bob does not.
            for _ in 0..<3 {
                #expect(try await server.request(.get, "/api/v1/orders", token: server.alice).status == .ok)
            }
            let limited = try await server.request(.get, "/api/v1/orders", token: server.alice)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "rate_limited")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(try await server.request(.get, "/api/v1/orders", token: server.bob).status == .ok)

            // Per client address on auth/token, whatever the password.
            let body = #"{"email": "alice@example.test", "password": "wrong"}"#
            for _ in 0..<2 {
                #expect(
                    try await server.request(.post, "/api/v1/auth/token", token: nil, json: body).status
                        == .unauthorized)
            }
            let guessing = try await server.request(.post, "/api/v1/auth/token", token: nil, json: body)
            #expect(guessing.status == .tooManyRequests)

            // Per integration on the receiver.
            for _ in 0..<2 {
                let ping = try await server.request(
                    .post, "/api/v1/woocommerce/webhooks/receive?integration=7", token: nil, json: "webhook_id=1")
                #expect(ping.status == .unauthorized)  // no such integration, but it counted
            }
            let flood = try await server.request(
                .post, "/api/v1/woocommerce/webhooks/receive?integration=7", token: nil, json: "webhook_id=1")
            #expect(flood.status == .tooManyRequests)
            let other = try await server.request(
                .post, "/api/v1/woocommerce/webhooks/receive?integration=8", token: nil, json: "webhook_id=1")
            #expect(other.status == .unauthorized)
        }
    }
}
