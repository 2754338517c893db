import Foundation
import HTTPTypes
import HummingbirdTesting
import Storage
import Sync
import Testing
import WooSim

@testable import LogixServer

/// The dashboard's pages follow the API's rules: the same scoping, the same refusals, nothing from elsewhere.
@Suite("Dashboard pages")
struct DashboardPageTests {
    @Test func anotherUsersStoreRunOrderAndUpdatesAreNotFoundOnEveryPageAndForm() async throws {
        try await ServerHarness.with { harness in
            let integration = try await harness.createIntegration()
            try await harness.syncOrders(integration: integration)
            let order = try #require(try await harness.items("/api/v1/orders?per_page=1").first?["id"] as? Int)
            let run = try #require(
                try await harness.items("/api/v1/woocommerce/integrations/\(integration)/sync-logs").first?["id"]
                    as? Int)
            var bob = try await DashboardBrowser.signedIn(harness.client, email: "bob@example.test")
            for page in [
                "/stores/\(integration)", "/stores/\(integration)/delete", "/stores/\(integration)/runs/\(run)",
                "/stores/\(integration)/runs/\(run)/progress", "/orders/\(order)",
            ] {
                let response = try await bob.get(page)
                #expect(response.status == .notFound, "\(page): \(response.status)")
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(page)")
            }
            for (form, fields) in [
                ("/stores/\(integration)/sync", ["mode": "full"]), ("/stores/\(integration)/test", [:]),
                ("/stores/\(integration)/webhooks", [:]),
                ("/stores/\(integration)/settings", ["integration_name": "x"]),
                ("/stores/\(integration)/delete", [:]), ("/orders/\(order)/fulfillment", ["event": "picked"]),
                ("/outbox/retry-dead", ["store": "\(integration)"]),
            ] {
                let response = try await bob.submit(form, fields)
                #expect(response.status == .notFound, "\(form): \(response.status) \(response.text.prefix(300))")
            }
            // Bob's lists show none of it.
            #expect(!(try await bob.get("/orders").text.contains("/orders/\(order)\"")))
            #expect(!(try await bob.get("/stores").text.contains("Sim store")))
            // And Alice's store is untouched.
            #expect(
                try await harness.json(.get, "/api/v1/woocommerce/integrations/\(integration)")["integration_name"]
                    as? String == "Sim store")
        }
    }

    @Test func wrongKeysAreRefusedWithTheStoresOwnCodeAndNothingIsStored() async throws {
        try await ServerHarness.with { harness in
            let sim = try #require(harness.sim)
            var alice = try await DashboardBrowser.signedIn(harness.client, email: "alice@example.test")
            _ = try await alice.get("/stores/new")
            let refused = try await alice.submit(
                "/stores",
                [
                    "store_url": sim.baseURL, "consumer_key": "ck_wrong", "consumer_secret": "cs_wrong",
                    "integration_name": "Wrong keys",
                ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("woocommerce_rest_authentication_error"))
            #expect(refused.text.contains(#"role="alert""#))
            #expect(!refused.text.contains("cs_wrong"), "a secret is never shown back")
            #expect(try await harness.items("/api/v1/woocommerce/integrations").isEmpty)

            let connected = try await alice.submit(
                "/stores",
                [
                    "store_url": sim.baseURL, "consumer_key": sim.readWriteKeys.consumerKey,
                    "consumer_secret": sim.readWriteKeys.consumerSecret, "integration_name": "Right keys",
                ])
            #expect(connected.status == .seeOther)
            #expect(connected.location?.hasPrefix("/stores/") == true)
        }
    }

    @Test func aFieldLeftOutIsNamedNextToItsField() async throws {
        try await ServerHarness.with(store: false) { harness in
            var alice = try await DashboardBrowser.signedIn(harness.client, email: "alice@example.test")
            _ = try await alice.get("/stores/new")
            let response = try await alice.submit("/stores", ["store_url": "https://shop.example"])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains(#"id="consumer_key-error""#))
            #expect(response.text.contains(#"aria-invalid="true""#))
        }
    }

    @Test func anIllegalStepIsExplainedNotAServerError() async throws {
        try await ServerHarness.with { harness in
            let integration = try await harness.createIntegration()
            try await harness.syncOrders(integration: integration)
            let order = try #require(
                try await harness.items("/api/v1/orders?status=ready&per_page=1").first?["id"] as? Int)
            var alice = try await DashboardBrowser.signedIn(harness.client, email: "alice@example.test")
            _ = try await alice.get("/orders/\(order)")
            let refused = try await alice.submit("/orders/\(order)/fulfillment", ["event": "delivered"])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("illegal_transition"))
            let missing = try await alice.submit("/orders/\(order)/fulfillment", ["event": "shipped"])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains(#"id="carrier-error""#))
            let picked = try await alice.submit("/orders/\(order)/fulfillment", ["event": "picked"])
            #expect(picked.location == "/orders/\(order)?done=recorded")
            let page = try await alice.get("/orders/\(order)")
            #expect(page.text.contains("Picking"))
            // A store update names the store's order id; the link finds the order's page.
            let external = try #require(
                try await harness.json(.get, "/api/v1/orders/\(order)")["external_id"] as? Int)
            #expect(try await alice.get("/stores/\(integration)/orders/\(external)").location == "/orders/\(order)")
            #expect(try await alice.get("/stores/\(integration)/orders/999999").status == .notFound)
        }
    }

    @Test func whatAStoreSaysIsShownAsTextNeverAsMarkup() async throws {
        try await ServerHarness.with { harness in
            let integration = try await harness.createIntegration(name: "<script>alert(1)</script>")
            var alice = try await DashboardBrowser.signedIn(harness.client, email: "alice@example.test")
            for page in ["/stores", "/stores/\(integration)", "/"] {
                let text = try await alice.get(page).text
                #expect(!text.contains("<script>alert"), "\(page)")
                #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(page)")
            }
        }
    }

    @Test func everyPageLoadsOnlyFromThisServer() async throws {
        try await ServerHarness.with { harness in
            let integration = try await harness.createIntegration()
            try await harness.syncOrders(integration: integration)
            let order = try #require(try await harness.items("/api/v1/orders?per_page=1").first?["id"] as? Int)
            var alice = try await DashboardBrowser.signedIn(harness.client, email: "alice@example.test")
            let pattern = try Regex(#"(?:src|href|action)\s*=\s*"([^"]*)""#)
            for page in [
                "/", "/stores", "/stores/new", "/stores/\(integration)", "/orders", "/orders/\(order)", "/outbox",
                "/inventory", "/sign-in",
            ] {
                let response = try await alice.get(page)
                #expect(response.status == .ok, "\(page)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                for match in response.text.matches(of: pattern) {
                    let target = String(response.text[match.output[1].range!])
                    #expect(
                        target.hasPrefix("/") && !target.hasPrefix("//") || target.hasPrefix("#"), "\(page): \(target)")
                }
                #expect(!response.text.contains("url(http"), "\(page)")
            }
            for asset in [Assets.stylesheetPath, Assets.scriptPath, Assets.logoPath] {
                let response = try await alice.get(asset)
                #expect(response.status == .ok)
                #expect(!response.text.contains("http://") || asset == Assets.logoPath, "\(asset)")
            }
        }
    }
}
