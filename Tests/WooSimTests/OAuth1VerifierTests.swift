import Foundation
import NIOHTTP1
import Testing

@testable import WooSim

/// Known answers: requests a real WooCommerce 10.0.2 store accepted (samples 40-, 41-, 44-, 45-),
/// verified with the sim's verifier and a clock set to the recorded timestamp.
@Suite("OAuth 1.0a verification")
struct OAuth1VerifierTests {
    static let keys = WooSimKeys(
        consumerKey: "ck_1a3516d643401d0aa72f92ad3e471ba79c81cf2c",
        consumerSecret: "cs_0b37b1e7d48c82a9def90ebdd42d8519c374bfda")

    struct Recorded: Sendable, CustomTestStringConvertible {
        var name: String
        var method: String
        var url: String
        var authorization: String?
        var timestamp: Int64
        var testDescription: String { self.name }
    }

    static let recorded: [Recorded] = [
        Recorded(
            name: "40 python client, duplicated query keys",
            method: "GET",
            url:
                "http://127.0.0.1:8080/wp-json/wc/v3/orders?per_page=100&page=2&oauth_consumer_key=ck_1a3516d643401d0aa72f92ad3e471ba79c81cf2c&oauth_timestamp=1795557598&oauth_nonce=a8d19dfd72922295ebba5ef3b851e01af5d6a0ba&oauth_signature_method=HMAC-SHA256&oauth_signature=G01wPYILYQcsUknMJrswK%2FXMmnSJNjMc1vBIlCggEMU%3D&per_page=100&page=2",
            timestamp: 1_795_557_598),
        Recorded(
            name: "41 python client PUT",
            method: "PUT",
            url:
                "http://127.0.0.1:8080/wp-json/wc/v3/orders/113?oauth_consumer_key=ck_1a3516d643401d0aa72f92ad3e471ba79c81cf2c&oauth_timestamp=1795557599&oauth_nonce=4c7f2e40a6ab21345c56f6cddfb2d26562127f4b&oauth_signature_method=HMAC-SHA256&oauth_signature=QrZlz1gFzwu3nqrWnflfwfavpy57gj%2FCYC4Xkaj%2BxU4%3D",
            timestamp: 1_795_557_599),
        Recorded(
            name: "44 HMAC-SHA1 in the query",
            method: "GET",
            url:
                "http://127.0.0.1:8080/wp-json/wc/v3/orders?oauth_consumer_key=ck_1a3516d643401d0aa72f92ad3e471ba79c81cf2c&oauth_timestamp=1795557599&oauth_nonce=db9dd7347b7046bf9dde6e7375cd5413&oauth_signature_method=HMAC-SHA1&per_page=5&status=processing&oauth_signature=EyOSulCPT5eQr0QqjVT6%2FLMbEV8%3D",
            timestamp: 1_795_557_599),
        Recorded(
            name: "44 HMAC-SHA256 in the query",
            method: "GET",
            url:
                "http://127.0.0.1:8080/wp-json/wc/v3/orders?oauth_consumer_key=ck_1a3516d643401d0aa72f92ad3e471ba79c81cf2c&oauth_timestamp=1795557599&oauth_nonce=e40a6efb3c5d98ebb9983e6dc9f9a6df&oauth_signature_method=HMAC-SHA256&per_page=5&status=processing&oauth_signature=h1xw6s2uT13w8IimwAyV19xXy%2BE3ohT215xoiVqTRBk%3D",
            timestamp: 1_795_557_599),
        Recorded(
            name: "45 Authorization: OAuth header",
            method: "GET",
            url: "http://127.0.0.1:8080/wp-json/wc/v3/orders?per_page=5",
            authorization:
                "OAuth oauth_consumer_key=\"ck_1a3516d643401d0aa72f92ad3e471ba79c81cf2c\", oauth_timestamp=\"1795557599\", oauth_nonce=\"9b8ff0545992a6c367bf38f2615e0644\", oauth_signature_method=\"HMAC-SHA1\", oauth_signature=\"O2NAO7Qrd0sPNcS4fGP29ue%2BnaU%3D\"",
            timestamp: 1_795_557_599),
    ]

    static func authenticator() -> SimAuthenticator {
        SimAuthenticator(
            keys: [keys.consumerKey: SimAPIKey(keys: keys, canWrite: true)], isTLS: false,
            stripsAuthorizationHeader: false, homeURL: "http://127.0.0.1:8080", oauth: OAuth1Verifier())
    }

    static func authenticate(_ sample: Recorded, with authenticator: SimAuthenticator, now: Int64) throws(WooSimError)
        -> SimPrincipal
    {
        let parts = sample.url.split(separator: "?", maxSplits: 1)
        let path = String(parts[0].dropFirst("http://127.0.0.1:8080".count))
        return try authenticator.authenticate(
            method: sample.method, rawPath: path,
            query: PHPParameters(encoded: parts.count > 1 ? String(parts[1]) : nil),
            form: nil, authorization: sample.authorization, now: now)
    }

    @Test("accepts what the real store accepted", arguments: recorded)
    func acceptsRecordedRequest(_ sample: Recorded) throws {
        let principal = try Self.authenticate(sample, with: Self.authenticator(), now: sample.timestamp + 1)
        #expect(principal == .key(SimAPIKey(keys: Self.keys, canWrite: true)))
    }

    @Test("refuses a replayed nonce, a stale timestamp and a tampered signature with the store's messages")
    func refusals() throws {
        let sample = Self.recorded[2]
        let authenticator = Self.authenticator()
        _ = try Self.authenticate(sample, with: authenticator, now: sample.timestamp)
        #expect(throws: WooSimError.nonceReused) {
            try Self.authenticate(sample, with: authenticator, now: sample.timestamp + 5)
        }
        #expect(throws: WooSimError.invalidTimestamp) {
            try Self.authenticate(sample, with: Self.authenticator(), now: sample.timestamp + 15 * 60 + 1)
        }
        var tampered = sample
        tampered.url = sample.url.replacingOccurrences(of: "per_page=5", with: "per_page=6")
        #expect(throws: WooSimError.signatureMismatch) {
            try Self.authenticate(tampered, with: Self.authenticator(), now: sample.timestamp)
        }
    }

    @Test("some but not all OAuth parameters → missing_parameter; an unknown key → Consumer key is invalid")
    func missingAndUnknown() throws {
        let noNonce = Recorded(
            name: "49", method: "GET",
            url:
                "http://127.0.0.1:8080/wp-json/wc/v3/orders?oauth_consumer_key=ck_1a3516d643401d0aa72f92ad3e471ba79c81cf2c&oauth_timestamp=1795557599&oauth_signature_method=HMAC-SHA1&per_page=5&oauth_signature=z7xiE4YyWjhZU6yGpsAg9KtiBlo%3D",
            timestamp: 1_795_557_599)
        do {
            _ = try Self.authenticate(noNonce, with: Self.authenticator(), now: noNonce.timestamp)
            Issue.record("accepted a request without oauth_nonce")
        } catch {
            #expect(error.code == "woocommerce_rest_authentication_missing_parameter")
            #expect(error.message == "Missing OAuth parameter oauth_nonce")
            #expect(error.status == 401)
        }
        let unknown = Recorded(
            name: "50", method: "GET",
            url:
                "http://127.0.0.1:8080/wp-json/wc/v3/orders?oauth_consumer_key=ck_nope&oauth_timestamp=1795557599&oauth_nonce=92568f4c38d8b73b1abec94cf7da895f&oauth_signature_method=HMAC-SHA1&per_page=5&oauth_signature=2iCEegAuP28VjbLW5ParuEee5YQ%3D",
            timestamp: 1_795_557_599)
        #expect(throws: WooSimError.consumerKeyInvalid) {
            try Self.authenticate(unknown, with: Self.authenticator(), now: unknown.timestamp)
        }
    }

    @Test("PHP keeps the last of duplicated query keys")
    func duplicatedKeys() {
        let query = PHPParameters(encoded: "per_page=10&page=1&per_page=100&status%5B0%5D=any&a+b=c%2Bd")
        #expect(query["per_page"] == "100")
        #expect(query.list("status") == ["any"])
        #expect(query["a_b"] == "c+d")
    }
}
