import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import Storage
import Testing
import WooSim

@testable import LogixServer
@testable import Sync

/// The integration endpoints against a simulated store.
@Suite struct IntegrationAPITests {
    @Test(arguments: TestEngine.allCases)
    func createReadChangeDeleteWithNoSecretInAnyResponse(engine: TestEngine) async throws {
        try await ServerHarness.with(engine) { server in
            let sim = try #require(server.sim)
            let id = try await server.createIntegration()
            var bodies: [String] = []

            let list = try await server.request(.get, "/api/v1/woocommerce/integrations", token: server.alice)
            #expect(list.status == .ok)
            #expect(try list.json()["total"] as? Int == 1)
            bodies.append(list.text)
            let read = try await server.request(.get, "/api/v1/woocommerce/integrations/\(id)", token: server.alice)
            #expect(try read.json()["consumer_key_last4"] as? String == String(sim.readWriteKeys.consumerKey.suffix(4)))
            #expect(try read.json()["integration_name"] as? String == "Sim store")
            bodies.append(read.text)

            let renamed = try await server.request(
                .patch, "/api/v1/woocommerce/integrations/\(id)", token: server.alice,
                json:
                    #"{"integration_name": "Renamed", "sync_interval_minutes": 30, "import_statuses": ["processing"]}"#)
            #expect(renamed.status == .ok, "\(renamed.text)")
            #expect(try renamed.json()["integration_name"] as? String == "Renamed")
            #expect(try renamed.json()["import_statuses"] as? [String] == ["processing"])
            bodies.append(renamed.text)

            let tested = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/test", token: server.alice)
            #expect(tested.status == .ok)
            #expect(try tested.json()["woocommerce_version"] as? String != nil)
            #expect(try tested.json()["auth_mode"] as? String == "oauth1")
            bodies.append(tested.text)

            // New keys are checked before they replace the old ones.
            let badKeys = try await server.request(
                .patch, "/api/v1/woocommerce/integrations/\(id)", token: server.alice,
                json: #"{"consumer_key": "ck_unknown", "consumer_secret": "cs_unknown"}"#)
            #expect(badKeys.status == .unprocessableContent)
            #expect(badKeys.errorCode?.hasPrefix("woocommerce_rest_") == true)
            let stillWorks = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/test", token: server.alice)
            #expect(stillWorks.status == .ok)

            for body in bodies {
                #expect(!body.contains(sim.readWriteKeys.consumerSecret))
                #expect(!body.contains(sim.readWriteKeys.consumerKey))
            }
            let deleted = try await server.request(
                .delete, "/api/v1/woocommerce/integrations/\(id)", token: server.alice)
            #expect(deleted.status == .noContent)
            let gone = try await server.request(.get, "/api/v1/woocommerce/integrations/\(id)", token: server.alice)
            #expect(gone.status == .notFound)
        }
    }

    @Test func badInputGetsAClearErrorAndChangesNothing() async throws {
        try await ServerHarness.with { server in
            let sim = try #require(server.sim)
            let missing = try await server.request(
                .post, "/api/v1/woocommerce/integrations", token: server.alice,
                json: #"{"store_url": "", "sync_interval_minutes": 0, "import_statuses": ["checkout-draft"]}"#)
            #expect(missing.status == .unprocessableContent)
            let fields = try #require((try missing.json()["error"] as? [String: Any])?["fields"] as? [String: String])
            #expect(
                Set(fields.keys) == [
                    "store_url", "consumer_key", "consumer_secret", "integration_name", "sync_interval_minutes",
                    "import_statuses",
                ])

            let wrongSecret = try await server.request(
                .post, "/api/v1/woocommerce/integrations", token: server.alice,
                json: """
                    {"store_url": "\(sim.baseURL)", "consumer_key": "\(sim.readWriteKeys.consumerKey)",
                     "consumer_secret": "cs_wrong", "integration_name": "x"}
                    """)
            #expect(wrongSecret.status == .unprocessableContent)
            #expect(wrongSecret.errorCode == "woocommerce_rest_authentication_error")
            #expect(!wrongSecret.text.contains("cs_wrong"))

            for url in ["ftp://example.com", "not a url", "http://user:pw@example.com", "https://example.com/?x=1"] {
                let refused = try await server.request(
                    .post, "/api/v1/woocommerce/integrations", token: server.alice,
                    json:
                        #"{"store_url": "\#(url)", "consumer_key": "ck", "consumer_secret": "cs", "integration_name": "x"}"#
                )
                #expect(refused.status == .unprocessableContent, "\(url)")
                #expect(refused.errorCode == "store_url_not_allowed", "\(url)")
            }
            let list = try await server.request(.get, "/api/v1/woocommerce/integrations", token: server.alice)
            #expect(try list.json()["total"] as? Int == 0)
            let paging = try await server.request(
                .get, "/api/v1/woocommerce/integrations?per_page=500", token: server.alice)
            #expect(paging.status == .unprocessableContent)
            // A page far enough out to overflow the offset is refused, not allowed to trap the server.
            for list in ["woocommerce/integrations", "orders", "outbox", "inventory"] {
                let huge = try await server.request(
                    .get, "/api/v1/\(list)?page=2758075163435943424", token: server.alice)
                #expect(huge.status == .unprocessableContent, "\(list)")
            }
            let id = try await server.createIntegration()
            let unreadable = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/webhooks", token: server.alice, json: #"{"topics": "#)
            #expect(unreadable.status == .badRequest)
        }
    }

    /// ARCHITECTURE.md, "Store URL is input": without `LOGIX_ALLOW_PRIVATE_STORES` a store on a private or
    /// loopback address is refused before any request goes to it.
    @Test func privateStoreAddressesAreRefusedUnlessAllowed() async throws {
        try await ServerHarness.with(store: true, allowPrivateStores: false) { server in
            let sim = try #require(server.sim)
            for url in [
                sim.baseURL, "http://localhost:9", "http://10.1.2.3", "http://[::1]:80", "http://169.254.169.254",
            ] {
                let requestsBefore = await sim.requestCount
                let refused = try await server.request(
                    .post, "/api/v1/woocommerce/integrations", token: server.alice,
                    json: """
                        {"store_url": "\(url)", "consumer_key": "\(sim.readWriteKeys.consumerKey)",
                         "consumer_secret": "\(sim.readWriteKeys.consumerSecret)", "integration_name": "x"}
                        """)
                #expect(refused.status == .unprocessableContent, "\(url)")
                #expect(refused.errorCode == "store_url_not_allowed", "\(url)")
                #expect(await sim.requestCount == requestsBefore, "nothing was sent to \(url)")
            }
        }
        #expect(StoreURLPolicy.isPublicIPv4([8, 8, 8, 8]))
        #expect(!StoreURLPolicy.isPublicIPv4([172, 20, 0, 1]))
        #expect(!StoreURLPolicy.isPublicIPv4([100, 100, 0, 1]))
    }

    /// Another user's ids answer 404 on every route, exactly like ids that do not exist.
    @Test func anotherUsersIdsAreNotFoundEverywhere() async throws {
        try await ServerHarness.with { server in
            let id = try await server.createIntegration()
            let synced = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/sync?wait=true", token: server.alice,
                json: #"{"mode": "full"}"#)
            #expect(synced.status == .ok)
            let job = try #require(try synced.json()["job_id"] as? Int)
            let orders = try await server.request(.get, "/api/v1/orders?per_page=1", token: server.alice)
            let orderID = try #require(((try orders.json()["items"] as? [[String: Any]])?.first)?["id"] as? Int)

            let integration = "/api/v1/woocommerce/integrations/\(id)"
            let noIntegration = "/api/v1/woocommerce/integrations/999999"
            let routes: [(HTTPRequest.Method, String, String)] = [
                (.get, integration, noIntegration), (.patch, integration, noIntegration),
                (.post, integration + "/test", noIntegration + "/test"),
                (.post, integration + "/sync", noIntegration + "/sync"),
                (.get, integration + "/sync/\(job)", noIntegration + "/sync/\(job)"),
                (.get, integration + "/sync-logs", noIntegration + "/sync-logs"),
                (.post, integration + "/products/sync", noIntegration + "/products/sync"),
                (.get, "/api/v1/orders/\(orderID)", "/api/v1/orders/999999"),
                (.delete, integration, noIntegration),
            ]
            for (method, uri, missingURI) in routes {
                let theirs = try await server.request(method, uri, token: server.bob, json: "{}")
                let missing = try await server.request(method, missingURI, token: server.alice, json: "{}")
                #expect(theirs.status == .notFound, "\(method) \(uri)")
                #expect(theirs.text == missing.text, "\(method) \(uri)")
            }
            let bobsOrders = try await server.request(.get, "/api/v1/orders?integration_id=\(id)", token: server.bob)
            #expect(try bobsOrders.json()["total"] as? Int == 0)
            // And Alice still has everything.
            #expect(
                try await server.request(.get, "/api/v1/woocommerce/integrations/\(id)", token: server.alice).status
                    == .ok)
        }
    }
}
