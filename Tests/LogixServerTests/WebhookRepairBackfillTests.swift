import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import Storage
import Testing
import WooSim

@testable import LogixServer
@testable import Sync

/// Repairing webhooks through the API backfills the orders the store did not deliver meanwhile, as the
/// scheduled check does (issue 11, defect F).
@Suite struct WebhookRepairBackfillTests {
    struct Registered: Decodable {
        var deliveryURL: String
        var backfillJobID: Int64?
        var backfillDeferred: Bool

        enum CodingKeys: String, CodingKey {
            case deliveryURL = "delivery_url"
            case backfillJobID = "backfill_job_id"
            case backfillDeferred = "backfill_deferred"
        }
    }

    @Test func aRepairThroughTheAPIBackfills() async throws {
        try await ServerHarness.with { server in
            let sim = try #require(server.sim)
            let id = try await server.createIntegration()
            let synced = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/sync?wait=true", token: server.alice,
                json: #"{"mode": "full"}"#)
            #expect(synced.status == .ok)
            let path = "/api/v1/woocommerce/integrations/\(id)/webhooks"
            let first = try await server.request(.post, path, token: server.alice)
            #expect(first.status == .ok, "\(first.text)")
            let registered = try JSONDecoder().decode(Registered.self, from: Data(first.text.utf8))
            // Creating them counts as a repair of a synced integration: its backfill runs first.
            if let job = registered.backfillJobID {
                _ = try await server.services.orderSyncs.finish(
                    SyncJobs.Job(runID: job, integrationID: id, resumed: false))
            }

            // The webhooks break at the store (deleted there); an order placed meanwhile is never delivered.
            let record = try #require(
                try await server.services.database.read { try await IntegrationRecords().find(id: id, on: $0) })
            let channel = try server.services.storeClients.channel(for: record)
            for hook in try await channel.webhooks(deliveryURL: registered.deliveryURL) {
                try await channel.deleteWebhook(id: hook.id)
            }
            try await channel.shutdown()
            let missed = try await sim.placeOrder(WooSimNewOrder(status: "processing"))

            let repaired = try await server.request(.post, path, token: server.alice)
            #expect(repaired.status == .ok, "\(repaired.text)")
            let repair = try JSONDecoder().decode(Registered.self, from: Data(repaired.text.utf8))
            let job = try #require(repair.backfillJobID)
            #expect(!repair.backfillDeferred)
            let run = try await server.services.orderSyncs.finish(
                SyncJobs.Job(runID: job, integrationID: id, resumed: false))
            #expect(run?.mode == "incremental")
            #expect(run?.state == .succeeded)
            let versions = try await server.services.database.read { sql in
                try await OrderRecords().versions(integrationID: id, externalIDs: [Int64(missed)], on: sql)
            }
            #expect(versions[Int64(missed)] != nil, "the order missed while the webhooks were down is in Logix")

            // Nothing to repair: no backfill.
            let kept = try await server.request(.post, path, token: server.alice)
            let again = try JSONDecoder().decode(Registered.self, from: Data(kept.text.utf8))
            #expect(again.backfillJobID == nil)
        }
    }
}
