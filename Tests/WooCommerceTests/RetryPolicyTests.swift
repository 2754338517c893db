import Foundation
import Testing

@testable import WooCommerce

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

@Suite struct AuthNegotiationTests {
    @Test func plainHTTPAlwaysUsesOAuth() {
        var negotiation = AuthNegotiation(configured: .auto, isHTTPS: false)
        #expect(negotiation.currentMode == .oauth1)
        #expect(negotiation.refused(with: .oauth1, status: 401, code: "woocommerce_rest_cannot_view") == .fail)
    }

    @Test func strippedAuthorizationFallsBackToQueryStringAndRemembersIt() {
        var negotiation = AuthNegotiation(configured: .auto, isHTTPS: true)
        #expect(negotiation.currentMode == .basic)
        #expect(negotiation.provenMode == nil)
        #expect(
            negotiation.refused(with: .basic, status: 401, code: "woocommerce_rest_cannot_view")
                == .retry(with: .queryString))
        negotiation.succeeded(with: .queryString)
        #expect(negotiation.currentMode == .queryString)
        #expect(negotiation.provenMode == .queryString)
    }

    @Test func wrongSecretIsNotMistakenForAStrippedHeader() {
        var negotiation = AuthNegotiation(configured: .auto, isHTTPS: true)
        #expect(negotiation.refused(with: .basic, status: 401, code: "woocommerce_rest_authentication_error") == .fail)
        #expect(negotiation.refused(with: .queryString, status: 401, code: "woocommerce_rest_cannot_view") == .fail)
        #expect(negotiation.currentMode == .basic)
    }

    @Test func basicThatWorkedStillFallsBackIfTheHostStartsStripping() {
        var negotiation = AuthNegotiation(configured: .auto, isHTTPS: true)
        negotiation.succeeded(with: .basic)
        #expect(negotiation.provenMode == .basic)
        #expect(
            negotiation.refused(with: .basic, status: 401, code: "woocommerce_rest_cannot_view")
                == .retry(with: .queryString))
    }

    @Test func fixedModesNeverSwitch() {
        var negotiation = AuthNegotiation(configured: .basic, isHTTPS: true)
        #expect(negotiation.refused(with: .basic, status: 401, code: "woocommerce_rest_cannot_view") == .fail)
        #expect(negotiation.currentMode == .basic)
    }
}

@Suite struct WooDateTests {
    @Test func parsesAndFormatsUTC() throws {
        let date = try #require(WooDate.parseGMT("2026-11-24T21:56:36"))
        #expect(date.timeIntervalSince1970 == 1_795_557_396)
        #expect(WooDate.formatGMT(date) == "2026-11-24T21:56:36")
        #expect(WooDate.parseGMT("2024-02-29T00:00:00Z") != nil)
        #expect(WooDate.parseGMT("1969-12-31T23:59:59").map(\.timeIntervalSince1970) == -1)
        #expect(WooDate.parseGMT("") == nil)
        #expect(WooDate.parseGMT("2026-13-01T00:00:00") == nil)
    }

    @Test func storeURLIsNormalised() throws {
        #expect(try StoreEndpoint("HTTPS://Shop.Example.com:443/").homeURL == "https://shop.example.com")
        #expect(try StoreEndpoint("http://127.0.0.1:8080/shop/").apiRoot == "http://127.0.0.1:8080/shop/wp-json/wc/v3")
        #expect(throws: WooCommerceError.self) { try StoreEndpoint("ftp://shop.example.com") }
        #expect(throws: WooCommerceError.self) { try StoreEndpoint("https://shop.example.com/?x=1") }
    }

    @Test func errorsNeverCarryTheSecret() {
        let credentials = WooCredentials(consumerKey: "ck_abcdef1234", consumerSecret: "cs_topsecret")
        #expect(!"\(credentials)".contains("cs_topsecret"))
        #expect("\(credentials)".contains("1234"))
        #expect(!"\(credentials)".contains("ck_abcdef"))
    }
}
