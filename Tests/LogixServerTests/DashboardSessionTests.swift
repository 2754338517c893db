import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import Storage
import Sync
import Testing

@testable import LogixServer

/// The dashboard's doors: who gets in, how long, and which forms are believed.
@Suite("Dashboard sessions")
struct DashboardSessionTests {
    static let pages = ["/", "/stores", "/stores/new", "/stores/1", "/orders", "/orders/1", "/outbox", "/inventory"]

    @Test func aSignedOutBrowserIsSentToSignInFromEveryPageAndForm() async throws {
        try await ServerHarness.with(store: false) { harness in
            var browser = DashboardBrowser(client: harness.client)
            for page in Self.pages {
                let response = try await browser.get(page)
                #expect(response.status == .seeOther, "\(page)")
                #expect(response.location?.hasPrefix("/sign-in") == true, "\(page) → \(response.location ?? "")")
            }
            let form = try await browser.submit("/stores", ["store_url": "https://shop.example"], csrf: false)
            #expect(form.status == .seeOther)
            #expect(form.location == "/sign-in")
            // The sign-in page itself is open, and remembers where the browser was going.
            #expect(try await browser.get("/sign-in?next=%2Forders").text.contains(#"value="/orders""#))
        }
    }

    @Test func signingInGivesAStrictHttpOnlyCookieAndSigningOutEndsTheSession() async throws {
        try await ServerHarness.with(store: false) { harness in
            let stranger = DashboardBrowser(client: harness.client)
            let wrong = try await stranger.submit(
                "/sign-in", ["email": "alice@example.test", "password": "wrong"], csrf: false)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Wrong e-mail or password"))
            #expect(DashboardBrowser.sessionCookie(wrong) == nil)

            let signIn = try await stranger.submit(
                "/sign-in", ["email": "alice@example.test", "password": ServerHarness.password, "next": "/orders"],
                csrf: false)
            #expect(signIn.location == "/orders")
            let cookie = try #require(DashboardBrowser.sessionCookie(signIn))
            #expect(cookie.attributes.contains("HttpOnly"))
            #expect(cookie.attributes.contains("SameSite=Strict"))
            #expect(!cookie.attributes.contains("Secure"), "the test server is plain http")

            var browser = stranger
            browser.cookie = cookie.value
            let stores = try await browser.get("/stores")
            #expect(stores.status == .ok)
            #expect(stores.text.contains("alice@example.test"))
            #expect(try await browser.submit("/sign-out", [:]).location == "/sign-in?signed_out=1")
            // The same cookie, replayed after sign-out, opens nothing.
            #expect(try await browser.get("/stores").location == "/sign-in?next=%2Fstores")
        }
    }

    @Test func theCookieIsSecureWhenThePublicURLIsHTTPS() async throws {
        let https: @Sendable (inout ServerConfiguration) -> Void = { $0.publicURL = "https://logix.example.com" }
        try await ServerHarness.with(store: false, configure: https) { harness in
            let response = try await DashboardBrowser(client: harness.client).submit(
                "/sign-in", ["email": "alice@example.test", "password": ServerHarness.password], csrf: false)
            #expect(try #require(DashboardBrowser.sessionCookie(response)).attributes.contains("Secure"))
        }
    }

    @Test func aFormWithoutItsSessionsTokenOrFromAnotherSiteIsRefused() async throws {
        try await ServerHarness.with(store: false) { harness in
            let alice = try await DashboardBrowser.signedIn(harness.client, email: "alice@example.test")
            let bob = try await DashboardBrowser.signedIn(harness.client, email: "bob@example.test")
            let fields = ["store_url": "https://shop.example", "integration_name": "X"]
            #expect(try await alice.submit("/stores", fields, csrf: false).status == .forbidden)
            var forged = alice
            forged.csrfToken = bob.csrfToken
            #expect(try await forged.submit("/stores", fields).status == .forbidden)
            let crossSite = try await alice.submit("/stores", fields, headers: [.origin: "https://evil.example"])
            #expect(crossSite.status == .forbidden)
            #expect(crossSite.text.contains("another site"))
            // Signing in has no session to hold a token: another site's sign-in form is refused by its Origin.
            let crossSiteSignIn = try await DashboardBrowser(client: harness.client).submit(
                "/sign-in", ["email": "bob@example.test", "password": ServerHarness.password], csrf: false,
                headers: [.origin: "https://evil.example"])
            #expect(crossSiteSignIn.status == .forbidden)
            #expect(DashboardBrowser.sessionCookie(crossSiteSignIn) == nil)
            // With its own token the same form reaches the use case (which finds the keys missing).
            #expect(try await alice.submit("/stores", fields).status == .unprocessableContent)
        }
    }

    @Test func aDisabledUsersSessionClosesAtOnce() async throws {
        try await ServerHarness.with(store: false) { harness in
            var alice = try await DashboardBrowser.signedIn(harness.client, email: "alice@example.test")
            #expect(try await alice.get("/stores").status == .ok)
            try await harness.services.users.disable(email: "alice@example.test")
            #expect(try await alice.get("/stores").status == .seeOther)
            let again = try await DashboardBrowser(client: harness.client).submit(
                "/sign-in", ["email": "alice@example.test", "password": ServerHarness.password], csrf: false)
            #expect(again.status == .unauthorized)
            #expect(again.text.contains("disabled"))
        }
    }

    @Test func aSessionEndsAfterItsIdleLifetime() async throws {
        let clock = TestClock()
        try await ServerHarness.with(store: false, clock: clock) { harness in
            var alice = try await DashboardBrowser.signedIn(harness.client, email: "alice@example.test")
            clock.advance(by: harness.services.dashboardSessions.idleLifetime - 120)
            #expect(try await alice.get("/stores").status == .ok, "used within its idle lifetime: extended")
            clock.advance(by: harness.services.dashboardSessions.idleLifetime - 120)
            #expect(try await alice.get("/stores").status == .ok)
            clock.advance(by: harness.services.dashboardSessions.idleLifetime + 1)
            #expect(try await alice.get("/stores").status == .seeOther, "idle too long")
        }
    }

    @Test func signInIsRateLimitedLikeTheTokenRoute() async throws {
        let strict: @Sendable (inout ServerConfiguration) -> Void = {
            $0.tokenRateLimit = .init(perSecond: 0.01, burst: 2)
        }
        try await ServerHarness.with(store: false, configure: strict) { harness in
            let browser = DashboardBrowser(client: harness.client)
            let fields = ["email": "alice@example.test", "password": "wrong"]
            #expect(try await browser.submit("/sign-in", fields, csrf: false).status == .unauthorized)
            #expect(try await browser.submit("/sign-in", fields, csrf: false).status == .unauthorized)
            let limited = try await browser.submit("/sign-in", fields, csrf: false)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
            #expect(limited.headers[.contentType]?.hasPrefix("text/html") == true)
        }
    }
}
