import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import Storage
import Sync
import Testing
import WooSim

@testable import LogixServer

/// Order syncs started through the API, their audit trail, and the orders they bring.
@Suite struct SyncAndOrderAPITests {
    @Test(arguments: TestEngine.allCases)
    func aSyncJobRunsAndItsOrdersAreListed(engine: TestEngine) async throws {
        try await ServerHarness.with(engine) { server in
            let sim = try #require(server.sim)
            let id = try await server.createIntegration()

            // Accepted at once with a job id; its progress is readable until it ends.
            let accepted = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/sync", token: server.alice, json: #"{"mode": "full"}"#)
            #expect(accepted.status == .accepted)
            let job = try #require(try accepted.json()["job_id"] as? Int)
            var state = ""
            for _ in 0..<200 {
                let progress = try await server.request(
                    .get, "/api/v1/woocommerce/integrations/\(id)/sync/\(job)", token: server.alice)
                state = try progress.json()["state"] as? String ?? ""
                if state != "running" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(state == "succeeded")
            let finished = try await server.request(
                .get, "/api/v1/woocommerce/integrations/\(id)/sync/\(job)", token: server.alice)
            let counts = try #require(try finished.json()["counts"] as? [String: Int])
            #expect(counts["total"] == sim.configuration.orderCount)
            let entries = try #require(try finished.json()["entries"] as? [[String: Any]])
            #expect(entries.count == counts["skipped"])
            #expect(entries.allSatisfy { $0["code"] as? String == "status_never_imported" })

            // The orders, paged, filtered, one by one.
            let page = try await server.request(.get, "/api/v1/orders?per_page=100&page=2", token: server.alice)
            #expect(page.status == .ok)
            #expect(try page.json()["total"] as? Int == counts["created"])
            #expect(try page.json()["per_page"] as? Int == 100)
            let ready = try await server.request(.get, "/api/v1/orders?status=ready", token: server.alice)
            let items = try #require(try ready.json()["items"] as? [[String: Any]])
            #expect(!items.isEmpty)
            #expect(
                items.allSatisfy { $0["status"] as? String == "ready" && $0["store_status"] as? String == "processing" }
            )
            let first = try #require(items.first)
            let orderID = try #require(first["id"] as? Int)
            let one = try await server.request(.get, "/api/v1/orders/\(orderID)", token: server.alice)
            let order = try one.json()
            let external = try #require(order["external_id"] as? Int)
            let store =
                try JSONSerialization.jsonObject(with: try #require(await sim.orderJSON(external))) as? [String: Any]
            #expect(order["number"] as? String == store?["number"] as? String)
            let shipping = try #require(order["shipping_address"] as? [String: String])
            let storeShipping = try #require(store?["shipping"] as? [String: Any])
            for key in [
                "first_name", "last_name", "company", "address_1", "address_2", "city", "state", "postcode", "country",
            ] {
                #expect(shipping[key] == storeShipping[key] as? String, "\(key)")
            }
            let lines = try #require(order["lines"] as? [[String: Any]])
            #expect(lines.count == (store?["line_items"] as? [Any])?.count)
            #expect(lines.allSatisfy { $0["unit_price"] is String && $0["quantity"] is Int })
            #expect(order["review"] is NSNull)

            // The audit trail lists the run; a second, incremental sync answers at once with ?wait=true.
            let logs = try await server.request(
                .get, "/api/v1/woocommerce/integrations/\(id)/sync-logs", token: server.alice)
            #expect(try logs.json()["total"] as? Int == 1)
            let incremental = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/sync?wait=true", token: server.alice, json: "{}")
            #expect(incremental.status == .ok)
            let run = try #require(try incremental.json()["run"] as? [String: Any])
            #expect(run["mode"] as? String == "incremental")
            #expect((run["counts"] as? [String: Int])?["created"] == 0)

            let bad = try await server.request(
                .get, "/api/v1/orders?status=shipped_somehow&review=maybe", token: server.alice)
            #expect(bad.status == .unprocessableContent)
            let fields = (try bad.json()["error"] as? [String: Any])?["fields"] as? [String: String]
            #expect(Set(fields?.keys.map { $0 } ?? []) == ["status", "review"])
        }
    }

    @Test func deletingAnIntegrationStopsItsRunningSync() async throws {
        try await ServerHarness.with { server in
            let id = try await server.createIntegration()
            let sim = try #require(server.sim)
            await sim.setFaults(WooSimFaults(latencyMilliseconds: 200))
            let accepted = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/sync", token: server.alice, json: #"{"mode": "full"}"#)
            #expect(accepted.status == .accepted)
            #expect(await server.services.syncJobs.runningCount(integrationID: id) == 1)

            let deleted = try await server.request(
                .delete, "/api/v1/woocommerce/integrations/\(id)", token: server.alice)
            #expect(deleted.status == .noContent)
            // The job stopped before the delete, so nothing is left writing orders for a deleted integration.
            #expect(await server.services.syncJobs.runningCount(integrationID: id) == 0)
            #expect(
                try await server.services.database.read { try await OrderRecords().count(integrationID: id, on: $0) }
                    == 0)
        }
    }

    @Test func productPullFillsTheSKUMap() async throws {
        try await ServerHarness.with { server in
            let id = try await server.createIntegration()
            let pulled = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/products/sync", token: server.alice,
                json: #"{"direction": "pull"}"#)
            #expect(pulled.status == .ok, "\(pulled.text)")
            #expect((try pulled.json()["mapped"] as? Int ?? 0) > 0)
            let push = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/products/sync", token: server.alice,
                json: #"{"direction": "sideways"}"#)
            #expect(push.status == .unprocessableContent)
        }
    }

    @Test func healthReportsTheDatabase() async throws {
        try await ServerHarness.with(store: false) { server in
            let health = try await server.request(.get, "/health", token: nil)
            #expect(health.status == .ok)
            #expect(try health.json()["database"] as? String == "ok")
        }
    }
}
