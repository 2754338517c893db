import Foundation
import NIOHTTP1
import Testing

@testable import WooSim

@Suite("Authentication over HTTP(S)")
struct AuthenticationTests {
    static func basic(_ keys: WooSimKeys) -> (String, String) {
        ("Authorization", "Basic " + Data("\(keys.consumerKey):\(keys.consumerSecret)".utf8).base64EncodedString())
    }

    @Test("over plain http Basic is silently ignored: cannot_view, like sample 29")
    func basicOverHTTP() async throws {
        try await withSim { sim, client in
            let reply = try await client.send(.GET, sim.apiRoot + "/orders", headers: [Self.basic(sim.readWriteKeys)])
            #expect(reply.status == 401)
            #expect(try reply.object()["code"] as? String == "woocommerce_rest_cannot_view")
            #expect(try reply.object()["message"] as? String == "Sorry, you cannot list resources.")
            #expect(reply.header("WWW-Authenticate") == nil)
            let single = try await client.send(.GET, sim.apiRoot + "/orders/1")
            #expect(try single.object()["message"] as? String == "Sorry, you cannot view this resource.")
        }
    }

    @Test("signed OAuth requests pass; a wrong signature, an old timestamp and a reused nonce do not")
    func oauthOverHTTP() async throws {
        try await withSim { sim, client in
            let url = TestSigner.signedURL(
                method: "GET", url: sim.apiRoot + "/orders", keys: sim.readWriteKeys, parameters: [("per_page", "2")],
                signatureMethod: "HMAC-SHA1", nonce: "fixednonce1")
            #expect(try await client.send(.GET, url).status == 200)
            let replay = try await client.send(.GET, url)
            #expect(replay.status == 401)
            #expect(try replay.object()["message"] as? String == "Invalid nonce - nonce has already been used.")

            let old = TestSigner.signedURL(
                method: "GET", url: sim.apiRoot + "/orders", keys: sim.readWriteKeys,
                timestamp: StoreTime.now() - 16 * 60)
            #expect(try await client.send(.GET, old).object()["message"] as? String == "Invalid timestamp.")

            let wrong = TestSigner.signedURL(
                method: "GET", url: sim.apiRoot + "/orders",
                keys: WooSimKeys(
                    consumerKey: sim.readWriteKeys.consumerKey, consumerSecret: "cs_wrong"))
            let refused = try await client.send(.GET, wrong)
            #expect(refused.status == 401)
            #expect(
                try refused.object()["message"] as? String == "Invalid signature - provided signature does not match.")
        }
    }

    @Test("a read-only key cannot PUT (sample 23)")
    func readOnlyKey() async throws {
        try await withSim { sim, client in
            let url = sim.signed("PUT", "/orders/5", keys: sim.readOnlyKeys)
            let reply = try await client.send(.PUT, url, body: "{\"status\":\"completed\"}")
            #expect(reply.status == 401)
            #expect(try reply.object()["message"] as? String == "The API key provided does not have write permissions.")
            let read = try await client.send(.GET, sim.signed("GET", "/orders/5", keys: sim.readOnlyKeys))
            #expect(read.status == 200)
        }
    }

    @Test("over https: query-string keys with the CA trusted explicitly; Basic; wrong secret; unknown key")
    func https() async throws {
        try await withSim(tls: true) { sim, client in
            #expect(sim.baseURL.hasPrefix("https://"))
            let keys = sim.readWriteKeys
            let query = "?consumer_key=\(keys.consumerKey)&consumer_secret=\(keys.consumerSecret)&per_page=1"
            let reply = try await client.send(.GET, sim.apiRoot + "/orders" + query)
            #expect(reply.status == 200)
            #expect(try reply.array().count == 1)
            #expect(try await client.send(.GET, sim.apiRoot + "/orders", headers: [Self.basic(keys)]).status == 200)

            let wrong = WooSimKeys(consumerKey: keys.consumerKey, consumerSecret: "cs_wrong")
            let refused = try await client.send(.GET, sim.apiRoot + "/orders", headers: [Self.basic(wrong)])
            #expect(refused.status == 401)
            #expect(try refused.object()["message"] as? String == "Consumer secret is invalid.")

            let unknown = WooSimKeys(consumerKey: "ck_unknown", consumerSecret: "cs_x")
            let anonymous = try await client.send(.GET, sim.apiRoot + "/orders", headers: [Self.basic(unknown)])
            #expect(try anonymous.object()["code"] as? String == "woocommerce_rest_cannot_view")
        }
    }

    @Test("a host that strips Authorization: Basic fails, the query string works")
    func strippedAuthorization() async throws {
        try await withSim(tls: true, stripsAuthorizationHeader: true) { sim, client in
            let keys = sim.readWriteKeys
            let basic = try await client.send(.GET, sim.apiRoot + "/orders", headers: [Self.basic(keys)])
            #expect(basic.status == 401)
            #expect(try basic.object()["code"] as? String == "woocommerce_rest_cannot_view")
            let query = "?consumer_key=\(keys.consumerKey)&consumer_secret=\(keys.consumerSecret)"
            #expect(try await client.send(.GET, sim.apiRoot + "/orders" + query).status == 200)
        }
    }
}
