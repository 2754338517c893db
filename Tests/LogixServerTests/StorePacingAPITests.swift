import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import Testing
import WooSim

/// A store's pacing caps through the API: checked, stored, obeyed by a sync, and the pacer's state in the
/// store's health.
@Suite struct StorePacingAPITests {
    @Test func theCapsAreCheckedStoredAndObeyedAndThePacerShowsInTheHealth() async throws {
        var store = WooSimConfiguration()
        store.orderCount = 1_200
        try await ServerHarness.with(storeConfiguration: store) { server in
            let sim = try #require(server.sim)
            let id = try await server.createIntegration()
            func integration() async throws -> APIAnswers.Integration {
                let response = try await server.request(
                    .get, "/api/v1/woocommerce/integrations/\(id)", token: server.alice)
                return try JSONDecoder().decode(APIAnswers.Integration.self, from: Data(response.text.utf8))
            }
            #expect(try await integration().maxConcurrency == 8)
            #expect(try await integration().maxRequestsPerSecond == nil)

            let refused = try await server.request(
                .patch, "/api/v1/woocommerce/integrations/\(id)", token: server.alice,
                json: #"{"max_concurrency": 0, "max_requests_per_second": -2}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("max_concurrency") && refused.text.contains("max_requests_per_second"))

            let changed = try await server.request(
                .patch, "/api/v1/woocommerce/integrations/\(id)", token: server.alice,
                json: #"{"max_concurrency": 2, "max_requests_per_second": 20}"#)
            #expect(changed.status == .ok)

            // A sync of 12 pages asks for many at once; the store sees no more than 2.
            await sim.setFaults(WooSimFaults(latencyMilliseconds: 20))
            await sim.resetPeakConcurrentRequests()
            let sync = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/sync?wait=true", token: server.alice,
                json: #"{"mode": "full"}"#)
            #expect(sync.status == .ok || sync.status == .accepted)
            #expect(await sim.peakConcurrentRequests <= 2)

            let after = try await integration()
            #expect(after.maxConcurrency == 2)
            #expect(after.maxRequestsPerSecond == 20)
            let pacing = try #require(after.health?.pacing)
            #expect(pacing.maxConcurrency == 2)
            #expect((1...2).contains(pacing.concurrency))
            #expect(pacing.requestsPerSecond == 20)

            let uncapped = try await server.request(
                .patch, "/api/v1/woocommerce/integrations/\(id)", token: server.alice,
                json: #"{"max_requests_per_second": 0}"#)
            #expect(uncapped.status == .ok)
            #expect(try await integration().maxRequestsPerSecond == nil)
        }
    }
}
