import Foundation
import Logging
import LogixCore
import Pacing
import Shopify
import ShopifySim
import Storage
import Sync

/// `logix bench import --platform shopify`: a full order import from an in-process simulated Shopify store
/// into a fresh SQLite file, the way `logix serve` runs one — the integration created by
/// ``Sync/Integrations/createShopify(userID:shopDomain:accessToken:apiSecret:settings:verify:)`` (the token
/// checked against the shop), its channel made from the stored integration, ``Sync/OrderImporter`` over real
/// HTTP — beside the shop's cost bucket's limit (``BucketLimit``).
///
/// A Shopify import is paced by the bucket, not by the store's speed: the points charged beyond the bucket's
/// first fill restore at the plan's rate, and no client can finish sooner. The bench fails unless the shop
/// never answered THROTTLED and every real order of the shop is stored.
struct ShopifyImportBench {
    var store: SimulatedStoreOptions
    var bucket: ShopifyBucketOptions

    /// What the bench found wrong after an otherwise complete run.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The sim's counters at a moment.
    private struct SimCounters {
        var requests: Int
        var throttled: Int
        var charged: Int
        var requested: Int

        init(_ sim: ShopifySim) async {
            requests = await sim.requestCount
            throttled = await sim.throttledCount
            charged = await sim.chargedCost
            requested = await sim.requestedCost
        }
    }

    func run(databasePath path: String) async throws {
        var configuration = ShopifySimConfiguration()
        configuration.seed = store.seed
        configuration.orderCount = store.orders
        configuration.bucketSize = bucket.bucketSize
        configuration.restoreRate = bucket.restoreRate
        let sim = try await ShopifySim.start(configuration)
        do {
            try await run(sim: sim, databasePath: path)
            await sim.stop()
        } catch {
            await sim.stop()
            throw error
        }
    }

    private func run(sim: ShopifySim, databasePath path: String) async throws {
        var logger = Logger(label: "logix.bench")
        logger.logLevel = .warning
        let expected = Set(await sim.orders(test: false).map(\.legacyResourceId))
        print(
            "store: ShopifySim, \(store.orders) orders (\(expected.count) real, \(store.orders - expected.count) "
                + "test orders, which Logix does not import); bucket \(Int(bucket.bucketSize)) points restoring "
                + "\(Self.format(bucket.restoreRate))/s")
        try await LogixDatabase.withOpen(.sqlite(path: path), logger: logger) { database in
            try await Migrator(database: database).migrate()
            let vault = CredentialVault(keyRing: try KeyRing(current: .generate()))
            let connector = StoreConnector(
                policy: StoreURLPolicy(allowsPrivateAddresses: true), trustedCertificateAuthoritiesPEM: nil,
                logger: logger)
            let channels = IntegrationStoreClients(
                connector: connector, credentials: IntegrationCredentials(vault: vault, database: database))
            let user = try await database.transaction { sql in
                try await UserRecords().create(email: "bench@example.test", passwordHash: "-", at: Date(), on: sql)
            }
            let integration = try await Integrations(
                database: database, vault: vault, stores: connector, channels: channels,
                jobs: SyncJobs(logger: logger), clock: SystemClock(), deliveryURL: { _, _ in "http://127.0.0.1/" },
                logger: logger
            ).createShopify(
                userID: user.id, shopDomain: sim.baseURL, accessToken: sim.accessToken, apiSecret: sim.apiSecret,
                settings: IntegrationSettingsChange(name: "bench"), verify: true)
            // The limit assumes the bucket starts full: give back what the connection test spent.
            let status = await sim.throttleStatus()
            let refill = (status.maximumAvailable - status.currentlyAvailable) / status.restoreRate
            if refill > 0 { try await Task.sleep(for: .milliseconds(Int64((refill * 1000).rounded(.up)) + 10)) }

            let channel = try channels.channel(for: integration)
            let importer = OrderImporter(
                channel: channel, database: database, integrationID: integration.id, logger: logger)
            let before = await SimCounters(sim)
            let clock = ContinuousClock()
            let start = clock.now
            let lastReport = LastReport(start)
            let report: OrderImportReport
            do {
                report = try await importer.run(.full) { progress in
                    guard await lastReport.due(ContinuousClock.now) else { return }
                    let now = await SimCounters(sim)
                    print(
                        "… \(progress.counts.total)/\(expected.count) orders, page \(progress.pagesDone), "
                            + "\(now.charged - before.charged) points charged, "
                            + "\(now.throttled - before.throttled) THROTTLED, \(Int(start.duration(to: clock.now).secondsValue)) s"
                    )
                }
            } catch {
                try? await channel.shutdown()
                throw error
            }
            let seconds = start.duration(to: clock.now).secondsValue
            let after = await SimCounters(sim)
            let client = (channel as? ShopifyChannel)?.client.throttleReport
            try await channel.shutdown()

            let stored = try await database.read { sql in
                try await OrderRecords().versions(integrationID: integration.id, externalIDs: Array(expected), on: sql)
            }
            let storedCount = try await database.read { sql in
                try await OrderRecords().count(integrationID: integration.id, on: sql)
            }
            let missing = expected.subtracting(stored.keys)
            let result = Result(
                orders: report.counts.total, created: report.counts.created, skipped: report.counts.skipped,
                failed: report.counts.failed, pages: report.pages, storedRows: storedCount, missing: missing.count,
                seconds: seconds, requests: after.requests - before.requests,
                throttled: after.throttled - before.throttled, throttledInAll: after.throttled,
                charged: after.charged - before.charged, requested: after.requested - before.requested,
                clientWaited: client?.waited.secondsValue,
                limit: BucketLimit(
                    charged: Double(after.charged - before.charged), size: bucket.bucketSize,
                    restoreRate: bucket.restoreRate))
            result.print()
            try result.check(expected: expected.count)
        }
    }

    /// What a run measured.
    private struct Result {
        var orders: Int
        var created: Int
        var skipped: Int
        var failed: Int
        var pages: Int
        var storedRows: Int
        var missing: Int
        var seconds: Double
        var requests: Int
        var throttled: Int
        var throttledInAll: Int
        var charged: Int
        var requested: Int
        var clientWaited: Double?
        var limit: BucketLimit

        var ordersPerSecond: Double { Double(orders) / max(seconds, 0.000_001) }
        var costPerOrder: Double { Double(charged) / Double(max(orders, 1)) }
        /// Points a query got back on average: what it asked the bucket to hold beyond what it was charged.
        var refundPerQuery: Double { Double(requested - charged) / Double(max(requests, 1)) }

        func print() {
            Swift.print(
                "imported \(created) orders (\(skipped) skipped, \(failed) failed) in \(pages) pages, "
                    + "\(requests) GraphQL requests; \(storedRows) rows stored, \(missing) real orders missing")
            Swift.print(
                "THROTTLED answers: \(throttled); points charged: \(charged) (\(String(format: "%.1f", costPerOrder))"
                    + " per order)"
                    + (clientWaited.map { String(format: "; the client waited %.1f s for the bucket", $0) } ?? ""))
            Swift.print(String(format: "full import %.2f s, %.1f orders/s", seconds, ordersPerSecond))
            let formula =
                "(\(charged) − \(Int(limit.size))) / \(ShopifyImportBench.format(limit.restoreRate))"
            let lastPage = limit.seconds(lastQueryRefund: refundPerQuery)
            if let ratio = limit.ratio(wall: seconds), let limitRate = limit.perSecond(orders) {
                Swift.print(
                    String(
                        format: "the bucket's limit %@ = %.2f s, %.1f orders/s → the import took %.3f× the limit",
                        formula, limit.seconds, limitRate, ratio))
                Swift.print(
                    "  (1.0: as fast as the bucket lets any client go. Above it: a query must find its whole requested "
                        + "cost in the bucket, and the last one's refund of "
                        + String(format: "~%.0f points (%.1f s)", refundPerQuery, lastPage - limit.seconds)
                        + " is never spent; "
                        + String(format: "counting it, the limit is %.2f s → %.3f×", lastPage, seconds / lastPage)
                        + ". The rest is requests and storing the bucket's pace did not hide.)")
            } else {
                Swift.print("the bucket's limit \(formula) ≤ 0: the bucket's first fill holds the whole import")
            }
            BenchReport.printJSON([
                ("platform", "shopify"),
                ("orders", orders),
                ("pages", pages),
                ("seconds", seconds),
                ("orders_per_s", ordersPerSecond),
                ("requests", requests),
                ("throttled", throttled),
                ("charged_points", charged),
                ("requested_points", requested),
                ("points_per_order", costPerOrder),
                ("bucket_size", limit.size),
                ("restore_rate", limit.restoreRate),
                ("limit_s", limit.seconds),
                ("limit_orders_per_s", limit.perSecond(orders) ?? -1),
                ("ratio", limit.ratio(wall: seconds) ?? -1),
                ("limit_with_last_refund_s", lastPage),
                ("client_waited_s", clientWaited ?? -1),
                ("stored", storedRows),
                ("missing", missing),
                ("peak_rss_mb", ProcessMemory.peakResidentMegabytes() ?? -1),
            ])
        }

        /// Fails the bench unless the shop never throttled and every real order is stored.
        func check(expected: Int) throws {
            var problems: [String] = []
            if throttledInAll > 0 {
                problems.append(
                    "the shop answered THROTTLED \(throttledInAll) time(s): the client overran the bucket")
            }
            if missing > 0 { problems.append("\(missing) of the shop's \(expected) real orders are not stored") }
            if storedRows != expected {
                problems.append("\(storedRows) orders stored where the shop has \(expected) real ones")
            }
            guard problems.isEmpty else { throw Failure(description: problems.joined(separator: "; ")) }
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
