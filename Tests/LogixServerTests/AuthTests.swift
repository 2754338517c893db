import Foundation
import HTTPTypes
import HummingbirdTesting
import JWTKit
import LogixTestSupport
import Storage
import Sync
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

    /// A validly signed token speaks only for a user who exists and is enabled.
    @Test(arguments: TestEngine.allCases)
    func aTokenOfAUserWhoDoesNotExistIsRefused(engine: TestEngine) async throws {
        try await ServerHarness.with(engine, store: false) { server in
            let stranger = try await server.services.tokens.issue(userID: 999_999, now: Date()).token
            let response = try await server.request(.get, "/api/v1/orders", token: stranger)
            #expect(response.status == .unauthorized)
            #expect(response.errorCode == "invalid_token")
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aDisabledUsersTokensStopWorkingAndAnEnabledOnesWorkAgain(engine: TestEngine) async throws {
        try await ServerHarness.with(engine, store: false) { server in
            #expect(try await server.request(.get, "/api/v1/orders", token: server.alice).status == .ok)
            try await server.services.users.disable(email: "alice@example.test")
            let refused = try await server.request(.get, "/api/v1/orders", token: server.alice)
            #expect(refused.status == .unauthorized)
            #expect(refused.errorCode == "user_disabled")
            let signIn = try await server.request(
                .post, "/api/v1/auth/token", token: nil,
                json: #"{"email": "alice@example.test", "password": "\#(ServerHarness.password)"}"#)
            #expect(signIn.status == .unauthorized)
            #expect(signIn.errorCode == "user_disabled")
            #expect(try await server.request(.get, "/api/v1/orders", token: server.bob).status == .ok)

            try await server.services.users.enable(email: "alice@example.test")
            #expect(try await server.request(.get, "/api/v1/orders", token: server.alice).status == .ok)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aDeletedUsersTokensStopWorking(engine: TestEngine) async throws {
        try await ServerHarness.with(engine, store: false) { server in
            #expect(try await server.request(.get, "/api/v1/orders", token: server.bob).status == .ok)
            try await server.services.users.delete(email: "bob@example.test")
            let refused = try await server.request(.get, "/api/v1/orders", token: server.bob)
            #expect(refused.status == .unauthorized)
            #expect(refused.errorCode == "invalid_token")
            #expect(try await server.request(.get, "/api/v1/orders", token: server.alice).status == .ok)
        }
    }

    @Test func aPasswordChangeEndsTheTokensIssuedBeforeIt() async throws {
        try await ServerHarness.with(store: false) { server in
            let user = try #require(try await server.services.users.find(email: "alice@example.test"))
            let earlier = try await server.services.tokens.issue(
                userID: user.id, now: Date().addingTimeInterval(-60)
            ).token
            #expect(try await server.request(.get, "/api/v1/orders", token: earlier).status == .ok)
            let newPassword = "another long password"
            try await server.services.users.changePassword(
                email: "alice@example.test", passwordHash: try await server.services.passwords.hash(newPassword))
            let refused = try await server.request(.get, "/api/v1/orders", token: earlier)
            #expect(refused.status == .unauthorized)
            #expect(refused.errorCode == "token_revoked")
            let signIn = try await server.request(
                .post, "/api/v1/auth/token", token: nil,
                json: #"{"email": "alice@example.test", "password": "\#(newPassword)"}"#)
            let fresh = try #require(try signIn.json()["token"] as? String)
            #expect(try await server.request(.get, "/api/v1/orders", token: fresh).status == .ok)
        }
    }

    /// Another process (`logix users disable`) changes the database behind the server's back: the server sees
    /// it once its cache of the user's standing is older than ``UserAccess/lifetime``.
    @Test func aChangeByAnotherProcessIsSeenWithinTheCachesLifetime() async throws {
        let clock = TestClock()
        try await ServerHarness.with(store: false, clock: clock) { server in
            #expect(try await server.request(.get, "/api/v1/orders", token: server.alice).status == .ok)
            try await server.services.database.transaction { sql in
                let user = try #require(try await UserRecords().find(email: "alice@example.test", on: sql))
                try await UserRecords().setDisabled(id: user.id, at: Date(), on: sql)
            }
            clock.advance(by: server.services.userAccess.lifetime + 1)
            #expect(try await server.request(.get, "/api/v1/orders", token: server.alice).status == .unauthorized)
        }
    }

    @Test func everyResponseCarriesARequestID() async throws {
        try await ServerHarness.with(store: false) { server in
            let fresh = try await server.request(.get, "/health", token: nil)
            #expect(fresh.status == .ok)
            // A new id is a lower-case version 4 UUID, as `X-Request-ID` conventionally carries.
            let id = try #require(fresh.headers[.requestID])
            let uuid = try #require(UUID(uuidString: id), "not a UUID: \(id)")
            #expect(id == uuid.uuidString.lowercased())
            #expect(uuid.uuid.6 >> 4 == 4 && uuid.uuid.8 >> 6 == 0b10, "not version 4: \(id)")
            let another = try await server.request(.get, "/health", token: nil)
            #expect(another.headers[.requestID] != id)
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
