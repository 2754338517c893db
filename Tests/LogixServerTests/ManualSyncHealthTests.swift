import Foundation
import HTTPTypes
import LogixTestSupport
import Testing
import WooSim

/// A sync someone started (API, dashboard, command line) says as much about the store as a scheduled one: the
/// store's health shows its success or the store's failure, not only the scheduler's.
@Suite struct ManualSyncHealthTests {
    @Test func aStartedSyncIsInTheStoresHealthWhetherItFailsOrSucceeds() async throws {
        try await ServerHarness.with(storeConfiguration: .small) { server in
            let sim = try #require(server.sim)
            let id = try await server.createIntegration()
            func sync() async throws -> APIAnswers.SyncRun? {
                let response = try await server.request(
                    .post, "/api/v1/woocommerce/integrations/\(id)/sync?wait=true", token: server.alice,
                    json: #"{"mode": "full"}"#)
                return try JSONDecoder().decode(APIAnswers.SyncJob.self, from: Data(response.text.utf8)).run
            }
            func health() async throws -> APIAnswers.Health? {
                let response = try await server.request(
                    .get, "/api/v1/woocommerce/integrations/\(id)", token: server.alice)
                return try JSONDecoder().decode(APIAnswers.Integration.self, from: Data(response.text.utf8)).health
            }

            // The store refuses the order listing (not retried) — every page of it, since a sync asks for its first
            // pages at once: the run stops (resumable), and the health says why.
            await sim.failNext(count: 100, status: 403, method: "GET", path: "/wp-json/wc/v3/orders")
            #expect(try await sync()?.state == "interrupted")
            await sim.clearScriptedFailures()
            let failed = try #require(try await health())
            #expect(failed.lastSuccessAt == nil)
            #expect(failed.lastError?.code.contains("403") == true, "\(failed)")

            #expect(try await sync()?.state == "succeeded")
            #expect(try await health()?.lastSuccessAt != nil)
        }
    }
}
