import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import Storage
import Testing
import WooSim

@testable import LogixServer

/// A sync's filters are checked before anything reaches the store or the sync log (issue 11, defect 3).
@Suite struct SyncParameterTests {
    /// The error body of a 422.
    struct ErrorBody: Decodable {
        struct Detail: Decodable {
            var code: String
            var fields: [String: String]?
        }
        var error: Detail
    }

    @Test func badFiltersAreRefusedBeforeTheStoreIsAsked() async throws {
        try await ServerHarness.with { server in
            let sim = try #require(server.sim)
            let id = try await server.createIntegration()
            let requestsBefore = await sim.requestCount
            let path = "/api/v1/woocommerce/integrations/\(id)/sync?wait=true"
            let long = String(repeating: "x", count: 5_000)
            let cases: [(body: String, field: String)] = [
                (#"{"statuses": ["bogus-status"]}"#, "statuses"),
                (#"{"statuses": ["\#(long)"]}"#, "statuses"),
                (#"{"statuses": []}"#, "statuses"),
                (#"{"after": "9999-01-01T00:00:00Z"}"#, "after"),
                (#"{"before": "1970-01-02T00:00:00Z"}"#, "before"),
                (#"{"after": "2024-05-01T00:00:00Z", "before": "2024-04-01T00:00:00Z"}"#, "before"),
                // A custom status the integration's mapping does not name.
                (#"{"statuses": ["processing", "shipped"]}"#, "statuses"),
            ]
            for (body, field) in cases {
                let response = try await server.request(.post, path, token: server.alice, json: body)
                #expect(response.status == .unprocessableContent, "\(body.prefix(80)): \(response.text.prefix(300))")
                let error = try JSONDecoder().decode(ErrorBody.self, from: Data(response.text.utf8)).error
                #expect(error.fields?.keys.contains(field) == true, "\(body.prefix(80))")
                // The long name is not echoed whole.
                #expect(response.text.count < 1_000)
            }
            #expect(await sim.requestCount == requestsBefore)
            let runs = try await server.services.database.read { sql in
                try await SyncLogRecords().list(integrationID: id, page: 1, perPage: 10, on: sql)
            }
            #expect(runs.total == 0)

            // Once the mapping names the custom status, it is a status of this store; core ones always are,
            // with or without WooCommerce's `wc-` prefix.
            let mapped = try await server.request(
                .patch, "/api/v1/woocommerce/integrations/\(id)", token: server.alice,
                json: #"{"status_mapping": {"inbound": {"shipped": "shipped"}}}"#)
            #expect(mapped.status == .ok, "\(mapped.text)")
            let accepted = try await server.request(
                .post, path, token: server.alice,
                json: #"{"statuses": ["wc-processing", "shipped"], "after": "2001-01-01T00:00:00Z"}"#)
            #expect(accepted.status == .ok, "\(accepted.text)")
        }
    }
}
