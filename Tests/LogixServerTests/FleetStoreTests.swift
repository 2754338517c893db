import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import Testing
import WooSim

@testable import LogixServer

/// Stores that share a host and port and differ by path — a WordPress in a sub-directory, or the scheduler
/// bench's fleet (`http://127.0.0.1:PORT/s/N`) — are separate stores to Logix: each connects as its own
/// integration, its REST root is `…/s/N/wp-json/wc/v3`, and each syncs its own orders.
@Suite struct FleetStoreTests {
    @Test func storesUnderPathsOfOneHostConnectAndSyncSeparately() async throws {
        var configuration = WooSimFleet.Configuration()
        configuration.storeCount = 2
        configuration.store.orderCount = 4
        let fleet = try await WooSimFleet.start(configuration)
        do {
            try await ServerHarness.with(store: false) { server in
                try await fleet.placeOrder(store: 1)
                var ids: [Int64] = []
                for n in 0..<2 {
                    let keys = fleet.keys(n)
                    let created = try await server.request(
                        .post, "/api/v1/woocommerce/integrations", token: server.alice,
                        json: """
                            {"store_url": "\(fleet.storeURL(n))/", "consumer_key": "\(keys.consumerKey)",
                             "consumer_secret": "\(keys.consumerSecret)", "integration_name": "Fleet \(n)"}
                            """)
                    #expect(created.status == .created, "\(created.text)")
                    let body = try created.json()
                    #expect(body["store_url"] as? String == fleet.storeURL(n))
                    ids.append(try #require(body["id"] as? Int).int64)
                }
                var totals: [Int] = []
                for id in ids {
                    let synced = try await server.request(
                        .post, "/api/v1/woocommerce/integrations/\(id)/sync?wait=true", token: server.alice,
                        json: #"{"mode": "full"}"#)
                    #expect(synced.status == .ok, "\(synced.text)")
                    let job = try JSONDecoder().decode(APIAnswers.SyncJob.self, from: Data(synced.text.utf8))
                    totals.append(try #require(job.run).counts.total)
                }
                #expect(totals == [4, 5])
            }
        } catch {
            await fleet.stop()
            throw error
        }
        await fleet.stop()
    }
}
