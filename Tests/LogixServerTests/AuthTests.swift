import Foundation
import HTTPTypes
import HummingbirdTesting
import JWTKit
import Testing

@testable import LogixServer

/// Tokens: issued for the right password only; required, checked and expiring on every protected route.
@Suite struct AuthTests {
    @Test func aTokenForTheRightPasswordOnly() async throws {
        try await ServerHarness.with(store: false) { server in
            let good = try await server.request(
                .post, "/api/v1/auth/token", token: nil,
                json: #"{"email": "Alice@Example.test", "password": "\#(ServerHarness.password)"}"#)
            #expect(good.status == .ok)
            let token = try #require(try good.json()["token"] as? String)
            #expect(try good.json()["expires_at"] is String)
            #expect(try await server.request(.get, "/api/v1/orders", token: token).status == .ok)

            for body in [
                #"{"email": "alice@example.test", "password": "wrong password"}"#,
                #"{"email": "nobody@example.test", "password": "\#(ServerHarness.password)"}"#,
            ] {
                let refused = try await server.request(.post, "/api/v1/auth/token", token: nil, json: body)
                #expect(refused.status == .unauthorized)
                #expect(refused.errorCode == "invalid_credentials")
            }
            let malformed = try await server.request(.post, "/api/v1/auth/token", token: nil, json: "{\"email\":")
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "invalid_body")
            let missing = try await server.request(.post, "/api/v1/auth/token", token: nil, json: "{}")
            #expect(missing.status == .badRequest)
        }
    }

    @Test func protectedRoutesRefuseMissingForgedAndExpiredTokens() async throws {
        try await ServerHarness.with(store: false) { server in
            let forger = await TokenIssuer(secret: Array(repeating: 7, count: 32), lifetime: .seconds(3600))
            let forged = try await forger.issue(userID: 1, now: Date()).token
            let expired = try await server.services.tokens.issue(userID: 1, now: Date().addingTimeInterval(-7200)).token
            let routes: [(HTTPRequest.Method, String)] = [
                (.get, "/api/v1/orders"), (.get, "/api/v1/orders/1"), (.get, "/api/v1/woocommerce/integrations"),
                (.post, "/api/v1/woocommerce/integrations"), (.get, "/api/v1/woocommerce/integrations/1"),
                (.patch, "/api/v1/woocommerce/integrations/1"), (.delete, "/api/v1/woocommerce/integrations/1"),
                (.post, "/api/v1/woocommerce/integrations/1/test"), (.post, "/api/v1/woocommerce/integrations/1/sync"),
                (.get, "/api/v1/woocommerce/integrations/1/sync/1"),
                (.get, "/api/v1/woocommerce/integrations/1/sync-logs"),
                (.post, "/api/v1/woocommerce/integrations/1/products/sync"),
            ]
            for (method, uri) in routes {
                for (token, code) in [
                    (nil, "unauthorized"), (forged, "invalid_token"), (expired, "token_expired"),
                    ("not.a.jwt", "invalid_token"),
                ] {
                    let response = try await server.request(method, uri, token: token, json: "{}")
                    #expect(response.status == .unauthorized, "\(method) \(uri)")
                    #expect(response.errorCode == code, "\(method) \(uri)")
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                }
            }
        }
    }

    @Test func everyResponseCarriesARequestID() async throws {
        try await ServerHarness.with(store: false) { server in
            let fresh = try await server.request(.get, "/health", token: nil)
            #expect(fresh.status == .ok)
            #expect(fresh.headers[.requestID]?.isEmpty == false)
            let echoed = try await server.request(
                .get, "/api/v1/nowhere", token: server.alice, headers: [.requestID: "trace-42"])
            #expect(echoed.status == .notFound)
            #expect(echoed.headers[.requestID] == "trace-42")
            #expect(echoed.errorCode == "not_found")
            let hostile = try await server.request(
                .get, "/health", token: nil, headers: [.requestID: "x\ny: injected"])
            #expect(hostile.headers[.requestID] != "x\ny: injected")
        }
    }
}
