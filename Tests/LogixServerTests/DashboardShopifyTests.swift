import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import ShopifySim
import Testing

@testable import LogixServer

/// A Shopify shop on the dashboard: connected from the connect page's Shopify form against a real ShopifySim
/// over loopback, refused the way the API refuses (never showing the token or the secret again), and its page
/// and settings without what only WooCommerce has.
@Suite("Dashboard Shopify")
struct DashboardShopifyTests {
    /// What these tests read of an integration through the API.
    struct IntegrationAnswer: Decodable {
        var id: Int64
        var integrationName: String
        var autoSync: Bool
        var syncIntervalMinutes: Int
        var status: String

        enum CodingKeys: String, CodingKey {
            case id, status
            case integrationName = "integration_name"
            case autoSync = "auto_sync"
            case syncIntervalMinutes = "sync_interval_minutes"
        }
    }

    struct IntegrationList: Decodable {
        var items: [IntegrationAnswer]
    }

    @Test func aShopIsConnectedFromItsFormAndARefusedTokenIsNeverShownBack() async throws {
        try await ShopifySim.with(orders: 3) { sim in
            try await ServerHarness.with(store: false) { harness in
                var alice = try await DashboardBrowser.signedIn(harness.client, email: "alice@example.test")
                let form = try await alice.get("/stores/new?platform=shopify").text
                #expect(form.contains(#"<a href="/stores/new?platform=shopify" aria-current="page">Shopify</a>"#))
                #expect(form.contains(#"name="platform" value="shopify""#))
                #expect(form.contains(#"id="shop_domain""#) && form.contains(#"id="access_token""#))
                #expect(!form.contains(#"id="consumer_key""#))
                // The form's "step by step" link lands on the quick start's Shopify section.
                #expect(form.contains(#"href="/docs/quick-start#a-shopify-shop""#))
                #expect(GuideLibrary.embedded.guide(named: "quick-start")?.anchors.contains("a-shopify-shop") == true)
                #expect(try await alice.get("/stores/new").text.contains(#"aria-current="page">WooCommerce</a>"#))

                let wrongToken = "shpat_wrong0000000000000000000000"
                var fields = [
                    "platform": "shopify", "shop_domain": sim.baseURL, "access_token": wrongToken,
                    "api_secret": sim.apiSecret, "integration_name": "My shop", "auto_sync": "1",
                    "sync_interval_minutes": "30",
                ]
                let refused = try await alice.submit("/stores", fields)
                #expect(refused.status == .unprocessableContent)
                #expect(refused.text.contains("store_refused_credentials"))
                #expect(refused.text.contains(#"id="access_token-error""#))
                #expect(refused.text.contains("Develop apps"), "Shopify's hint, not WooCommerce's")
                #expect(!refused.text.contains(wrongToken) && !refused.text.contains(sim.apiSecret))
                #expect(refused.text.contains(#"value="\#(sim.baseURL)""#) && refused.text.contains(#"value="30""#))
                #expect(refused.text.contains(#"aria-current="page">Shopify</a>"#), "the Shopify form again")
                let none = try await harness.request(.get, "/api/v1/shopify/integrations", token: harness.alice)
                #expect(try none.decoded(IntegrationList.self).items.isEmpty)

                fields["access_token"] = sim.accessToken
                let connected = try await alice.submit("/stores", fields)
                #expect(connected.status == .seeOther, "\(connected.text.prefix(500))")
                let location = try #require(connected.location)
                #expect(location.hasSuffix("?done=connected"))
                let shops = try await harness.request(.get, "/api/v1/shopify/integrations", token: harness.alice)
                let shop = try #require(try shops.decoded(IntegrationList.self).items.first)
                #expect(shop.integrationName == "My shop" && shop.autoSync && shop.syncIntervalMinutes == 30)

                let page = try await alice.get("/stores/\(shop.id)").text
                #expect(page.contains(#"<span class="platform">Shopify</span>"#))
                #expect(page.contains(#"id="shopify-statuses""#))
                for woo in [#"name="tracking_note""#, #"name="shipment_tracking_meta""#, #"name="custom_status""#] {
                    #expect(!page.contains(woo), "\(woo) on a Shopify store's page")
                }
                #expect(!page.contains(sim.accessToken) && !page.contains(sim.apiSecret))
                let list = try await alice.get("/stores").text
                #expect(list.contains(#"My shop</a> <span class="platform">Shopify</span>"#))
            }
        }
    }

    @Test func whatIsMissingOrNotAShopIsNamedNextToItsField() async throws {
        try await ServerHarness.with(store: false) { harness in
            var alice = try await DashboardBrowser.signedIn(harness.client, email: "alice@example.test")
            _ = try await alice.get("/stores/new?platform=shopify")
            let response = try await alice.submit(
                "/stores", ["platform": "shopify", "shop_domain": "not a shop!", "integration_name": "x"])
            #expect(response.status == .unprocessableContent)
            for field in ["shop_domain", "access_token", "api_secret"] {
                #expect(response.text.contains(#"id="\#(field)-error""#), "\(field)")
            }
            #expect(response.text.contains(#"value="not a shop!""#))
        }
    }

    @Test func aShopThatDoesNotAnswerIsExplainedOnTheForm() async throws {
        try await ServerHarness.with(store: false) { harness in
            var alice = try await DashboardBrowser.signedIn(harness.client, email: "alice@example.test")
            _ = try await alice.get("/stores/new?platform=shopify")
            // A port nothing listens on: the shop cannot be reached.
            let response = try await alice.submit(
                "/stores",
                [
                    "platform": "shopify", "shop_domain": "http://127.0.0.1:9", "access_token": "shpat_x",
                    "api_secret": "secret", "integration_name": "Gone",
                ])
            #expect(response.status == .badGateway)
            #expect(response.text.contains(#"role="alert""#))
            #expect(response.text.contains("Logix could not reach the shop"), "\(response.text.prefix(2000))")
            #expect(!response.text.contains("shpat_x"))
        }
    }

    @Test func aShopsSettingsChangeOnlyWhatAppliesToAShop() async throws {
        try await ShopifySim.with(orders: 0) { sim in
            try await ServerHarness.with(store: false) { harness in
                var alice = try await DashboardBrowser.signedIn(harness.client, email: "alice@example.test")
                _ = try await alice.get("/stores/new?platform=shopify")
                let connected = try await alice.submit(
                    "/stores",
                    [
                        "platform": "shopify", "shop_domain": sim.baseURL, "access_token": sim.accessToken,
                        "api_secret": sim.apiSecret, "integration_name": "Shop", "auto_sync": "1",
                    ])
                let id = try #require(connected.location?.split(separator: "/").last?.split(separator: "?").first)
                _ = try await alice.get("/stores/\(id)")
                let settings = [
                    "platform": "shopify", "integration_name": "Renamed", "active": "1",
                    "sync_interval_minutes": "45", "max_concurrency": "4",
                ]
                let saved = try await alice.submit("/stores/\(id)/settings", settings)
                #expect(saved.location == "/stores/\(id)?done=saved", "\(saved.text.prefix(1000))")
                let answer = try await harness.request(
                    .get, "/api/v1/shopify/integrations/\(id)", token: harness.alice
                ).decoded(IntegrationAnswer.self)
                #expect(answer.integrationName == "Renamed" && answer.syncIntervalMinutes == 45)
                #expect(!answer.autoSync && answer.status == "active")

                var wrong = settings
                wrong["sync_interval_minutes"] = "0"
                let refused = try await alice.submit("/stores/\(id)/settings", wrong)
                #expect(refused.status == .unprocessableContent)
                #expect(refused.text.contains(#"id="sync_interval_minutes-error""#))
                #expect(refused.text.contains(#"value="0""#) && !refused.text.contains(#"name="tracking_note""#))
            }
        }
    }
}
