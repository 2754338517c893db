import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import Sync
import Testing
import WooSim

@testable import LogixServer

/// The error body every route answers with, typed.
struct ErrorBody: Decodable {
    struct Detail: Decodable {
        var code: String
        var message: String
        var fields: [String: String]?
    }
    var error: Detail

    init(_ response: TestResponse) throws {
        self = try JSONDecoder().decode(ErrorBody.self, from: Data(response.text.utf8))
    }
}

/// Issue 11, D and E: connecting or testing a store says what is wrong in a merchant's words — nothing answers,
/// it is not a WooCommerce REST API, the keys are refused, the keys may only read — each a 422 with its own
/// code, never the store's HTML; and read-only keys are refused unless allowed, with health failing while the
/// store refuses writes.
@Suite struct StoreConnectionTests {
    struct Created: Decodable {
        var id: Int64
        var allowReadOnly: Bool
        enum CodingKeys: String, CodingKey {
            case id
            case allowReadOnly = "allow_read_only"
        }
    }

    struct Tested: Decodable {
        var ok: Bool
        var canWrite: Bool?
        enum CodingKeys: String, CodingKey {
            case ok
            case canWrite = "can_write"
        }
    }

    struct Detail: Decodable {
        struct Health: Decodable {
            struct Failure: Decodable {
                var code: String
                var message: String
            }
            var failing: Bool
            var writesRefused: Failure?
            enum CodingKeys: String, CodingKey {
                case failing
                case writesRefused = "writes_refused"
            }
        }
        var health: Health
    }

    static func create(
        _ server: ServerHarness, url: String, keys: WooSimKeys, extra: String = ""
    ) async throws -> TestResponse {
        try await server.request(
            .post, "/api/v1/woocommerce/integrations", token: server.alice,
            json: """
                {"store_url": "\(url)", "consumer_key": "\(keys.consumerKey)",
                 "consumer_secret": "\(keys.consumerSecret)", "integration_name": "x"\(extra)}
                """)
    }

    /// Deletes Alice's integration `id`, which must exist.
    static func delete(_ server: ServerHarness, _ id: Int64) async throws {
        let deleted = try await server.request(
            .delete, "/api/v1/woocommerce/integrations/\(id)", token: server.alice)
        #expect(deleted.status == .noContent, "\(deleted.text)")
    }

    @Test func nothingAnsweringIsSaidSoWithTheRequest() async throws {
        let gone = try await WooSim.start()
        await gone.stop()
        try await ServerHarness.with { server in
            let sim = try #require(server.sim)
            let refused = try await Self.create(server, url: gone.baseURL, keys: sim.readWriteKeys)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            let body = try ErrorBody(refused)
            #expect(body.error.code == "store_unreachable")
            #expect(body.error.message.contains("nothing answers at \(gone.baseURL)"), "\(body.error.message)")
            #expect(body.error.message.contains("GET /wp-json/wc/v3"), "\(body.error.message)")
            #expect(!body.error.message.contains("GET  "))
            #expect(body.error.fields?["store_url"] != nil)

            // The same for an integration whose store stopped answering, at its test.
            let created = try await Self.create(
                server, url: gone.baseURL, keys: sim.readWriteKeys, extra: #", "verify": false"#)
            let id = try JSONDecoder().decode(Created.self, from: Data(created.text.utf8)).id
            let tested = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/test", token: server.alice)
            #expect(tested.status == .unprocessableContent, "\(tested.text)")
            #expect(try ErrorBody(tested).error.code == "store_unreachable")
        }
    }

    @Test(arguments: [WooSimFrontage.plainPermalinks, .wordPressWithoutWooCommerce, .notWordPress])
    func anAddressThatIsNotAWooCommerceAPIIsSaidSo(frontage: WooSimFrontage) async throws {
        var configuration = WooSimConfiguration()
        configuration.frontage = frontage
        try await ServerHarness.with(storeConfiguration: configuration) { server in
            let sim = try #require(server.sim)
            let refused = try await Self.create(server, url: sim.baseURL, keys: sim.readWriteKeys)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            let body = try ErrorBody(refused)
            #expect(body.error.code == "store_not_woocommerce", "\(frontage): \(body.error.message)")
            #expect(body.error.message.contains("Permalinks"))
            #expect(!refused.text.lowercased().contains("<html"), "no HTML in \(refused.text)")
            #expect(!refused.text.contains("credentials"), "the keys are not blamed")
        }
    }

    @Test func refusedKeysAreSaidSoWithTheStoresCode() async throws {
        try await ServerHarness.with { server in
            let sim = try #require(server.sim)
            let wrong = WooSimKeys(consumerKey: sim.readWriteKeys.consumerKey, consumerSecret: "cs_wrong")
            let refused = try await Self.create(server, url: sim.baseURL, keys: wrong)
            #expect(refused.status == .unprocessableContent)
            let body = try ErrorBody(refused)
            #expect(body.error.code == "woocommerce_rest_authentication_error")
            #expect(body.error.fields?["consumer_key"] != nil)
            #expect(!refused.text.contains("cs_wrong"))
            // A key that may write but not read cannot import: refused as keys.
            let writeOnly = try await Self.create(server, url: sim.baseURL, keys: sim.writeOnlyKeys)
            #expect(writeOnly.status == .unprocessableContent)
            #expect(try ErrorBody(writeOnly).error.message.contains("read permission"))
        }
    }

    @Test func readOnlyKeysAreRefusedUnlessAllowed() async throws {
        try await ServerHarness.with { server in
            let sim = try #require(server.sim)
            let refused = try await Self.create(server, url: sim.baseURL, keys: sim.readOnlyKeys)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(try ErrorBody(refused).error.code == "store_keys_read_only")

            let allowed = try await Self.create(
                server, url: sim.baseURL, keys: sim.readOnlyKeys, extra: #", "allow_read_only": true"#)
            #expect(allowed.status == .created, "\(allowed.text)")
            let created = try JSONDecoder().decode(Created.self, from: Data(allowed.text.utf8))
            #expect(created.allowReadOnly)
            let tested = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(created.id)/test", token: server.alice)
            #expect(tested.status == .ok, "\(tested.text)")
            #expect(try JSONDecoder().decode(Tested.self, from: Data(tested.text.utf8)).canWrite == false)
            // A store is connected once per user: the next cases connect it afresh.
            try await Self.delete(server, created.id)

            // Unverified at create, the test still finds the keys cannot write.
            let unverified = try await Self.create(
                server, url: sim.baseURL, keys: sim.readOnlyKeys, extra: #", "verify": false"#)
            let id = try JSONDecoder().decode(Created.self, from: Data(unverified.text.utf8)).id
            let test = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/test", token: server.alice)
            #expect(test.status == .unprocessableContent, "\(test.text)")
            #expect(try ErrorBody(test).error.code == "store_keys_read_only")
            try await Self.delete(server, id)

            // Read/write keys: the probe is a no-op write the store answers 200 [].
            let writable = try await Self.create(server, url: sim.baseURL, keys: sim.readWriteKeys)
            #expect(writable.status == .created, "\(writable.text)")
            #expect(await sim.requestLog.contains { $0.hasPrefix("POST /wp-json/wc/v3/orders/batch") })
        }
    }

    /// Imports succeed with read-only keys; every write fails. Health says so until a write succeeds.
    @Test func healthIsFailingWhileTheStoreRefusesWrites() async throws {
        try await ServerHarness.with(storeConfiguration: .small) { server in
            let sim = try #require(server.sim)
            let allowed = try await Self.create(
                server, url: sim.baseURL, keys: sim.readOnlyKeys, extra: #", "allow_read_only": true"#)
            let id = try JSONDecoder().decode(Created.self, from: Data(allowed.text.utf8)).id
            let integration = "/api/v1/woocommerce/integrations/\(id)"
            _ = try await server.json(.post, integration + "/products/sync", #"{"direction": "pull"}"#)
            _ = try await server.json(.put, "/api/v1/inventory/\(StockPushEndToEndTests.simpleSKU)", #"{"on_hand": 5}"#)
            try await server.services.outboxSender.sendDue()
            _ = try await server.json(.post, integration + "/sync?wait=true", #"{"mode": "full"}"#)

            let read = try await server.request(.get, integration, token: server.alice)
            let health = try JSONDecoder().decode(Detail.self, from: Data(read.text.utf8)).health
            #expect(health.failing, "\(read.text)")
            #expect(health.writesRefused?.code == "woocommerce_rest_authentication_error")
            #expect(health.writesRefused?.message.contains("write permission") == true)

            // New keys that may write: the refusal is over.
            let changed = try await server.request(
                .patch, integration, token: server.alice,
                json: """
                    {"consumer_key": "\(sim.readWriteKeys.consumerKey)",
                     "consumer_secret": "\(sim.readWriteKeys.consumerSecret)"}
                    """)
            #expect(changed.status == .ok, "\(changed.text)")
            let after = try await server.request(.get, integration, token: server.alice)
            #expect(try JSONDecoder().decode(Detail.self, from: Data(after.text.utf8)).health.writesRefused == nil)
        }
    }
}
