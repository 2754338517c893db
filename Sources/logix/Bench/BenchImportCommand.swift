import ArgumentParser
import Foundation
import Logging
import Pacing
import Storage
import Sync
import WooCommerce
import WooSim

/// `logix bench import`: a full order sync from an in-process simulated store into a fresh SQLite file, the
/// whole path — HTTP, decoding, mapping, merging, batched upserts, tasks and stock — beside the store's own
/// limit, measured on the same store just before: every page of the same listing requested through a pacer
/// with the same caps, nothing decoded into Logix or stored. The ratio of the two is what Logix adds.
///
/// With `--incremental-orders N` it then places N new orders and times an incremental sync against the same
/// listing fetched alone, the case every scheduled sync is.
///
/// With `--platform shopify` the store is a simulated Shopify shop and the limit its cost bucket
/// (``ShopifyImportBench``).
struct BenchImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Import every order of an in-process simulated store into a fresh SQLite file, beside the store's limit."
    )

    @Option(
        help: """
            The simulated store: woocommerce, or shopify — paced by its cost bucket (--bucket-size, --restore-rate), \
            about 4 orders/s on the Standard plan, so give it --orders 10000 or fewer.
            """)
    var platform: BenchPlatform = .wooCommerce

    @OptionGroup var store: SimulatedStoreOptions

    @OptionGroup var bucket: ShopifyBucketOptions

    @Option(help: "The SQLite file to fill; removed first. Default: a new file in the temporary directory.")
    var database: String?

    @Option(
        name: .customLong("incremental-orders"),
        help: "After the full import, place this many orders and time an incremental sync of them (0: none).")
    var incrementalOrders: Int = 0

    func validate() throws {
        guard incrementalOrders >= 0 else { throw ValidationError("--incremental-orders must not be negative") }
        if platform == .shopify, incrementalOrders > 0 {
            throw ValidationError("--incremental-orders is for --platform woocommerce only")
        }
    }

    func run() async throws {
        let path =
            database
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("logix-bench-\(UUID().uuidString).sqlite")
            .path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        defer {
            if self.database == nil {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        }
        if platform == .shopify {
            try await ShopifyImportBench(store: store, bucket: bucket).run(databasePath: path)
            return
        }
        var configuration = WooSimConfiguration()
        configuration.seed = store.seed
        configuration.orderCount = store.orders
        let sim = try await WooSim.start(configuration)
        await sim.setFaults(store.cost)
        var logger = Logger(label: "logix.bench")
        logger.logLevel = .warning
        do {
            print("store: \(store.orders) orders in \(store.pages) pages of \(store.perPage); \(store.costDescription)")
            let full = try await measure(sim: sim, since: nil, label: "full import")
            let fullImport = try await LogixDatabase.withOpen(.sqlite(path: path), logger: logger) { database in
                let integrationID = try await BenchIntegration.create(in: database, storeURL: sim.baseURL)
                let run = try await importing(.full, sim: sim, database: database, integrationID: integrationID)
                var incremental: [(String, any Sendable)] = []
                if incrementalOrders > 0 {
                    for _ in 0..<incrementalOrders { try await sim.placeOrder() }
                    let cursor = try await database.read {
                        try await IntegrationRecords().find(id: integrationID, on: $0)?.ordersCursor
                    }
                    let since = cursor.map { $0.addingTimeInterval(-OrderImporter.Options().overlap.secondsValue) }
                    let limit = try await measure(sim: sim, since: since, label: "incremental")
                    let sync = try await importing(
                        .incremental, sim: sim, database: database, integrationID: integrationID)
                    incremental = [
                        ("incremental_orders", sync.report.counts.total), ("incremental_seconds", sync.seconds),
                        ("incremental_limit_s", limit.seconds), ("incremental_ratio", sync.seconds / limit.seconds),
                    ]
                    print(
                        String(
                            format: "incremental: %d orders in %.3f s; the store's limit %.3f s → %.2f×",
                            sync.report.counts.total, sync.seconds, limit.seconds, sync.seconds / limit.seconds))
                }
                let stored = try await database.read {
                    try await OrderRecords().count(integrationID: integrationID, on: $0)
                }
                return (run, stored, incremental)
            }
            await sim.stop()
            let (run, stored, incremental) = fullImport
            let ratio = run.seconds / full.seconds
            print(
                "imported \(run.report.counts.created) orders (\(run.report.counts.skipped) skipped, "
                    + "\(run.report.counts.failed) failed) in \(run.report.pages) pages, \(run.requests) requests; "
                    + "\(stored) rows stored")
            print(
                String(
                    format:
                        "full import %.2f s; the store's limit %.2f s → %.2f× of it (pacer ended at %d in flight%@)",
                    run.seconds, full.seconds, ratio, run.pacer.concurrency,
                    run.pacer.requestsPerSecond.map { String(format: ", %.1f requests/s", $0) } ?? ""))
            let json: [(String, any Sendable)] = [
                ("orders", run.report.counts.total),
                ("pages", run.report.pages),
                ("seconds", run.seconds),
                ("orders_per_s", Double(run.report.counts.total) / max(run.seconds, 0.000_001)),
                ("limit_s", full.seconds),
                ("ratio", ratio),
                ("requests", run.requests),
                ("limit_requests", full.requests),
                ("throttled", run.throttled),
                ("peak_in_flight", run.peakInFlight),
                ("peak_rss_mb", ProcessMemory.peakResidentMegabytes() ?? -1),
                ("stored", stored),
                ("skipped", run.report.counts.skipped),
                ("max_concurrency", store.concurrency),
                ("store_cost", store.costDescription),
                ("decoder", store.decoder.rawValue),
            ]
            BenchReport.printJSON(json + incremental)
        } catch {
            await sim.stop()
            throw error
        }
    }

    /// What a measured fetch or run took.
    private struct Measured: Sendable {
        var seconds: Double
        var requests: Int
    }

    /// The store's limit: the listing the import reads, every page through a fresh pacer with the same caps,
    /// decoded by the client and dropped.
    private func measure(sim: WooSim, since: Date?, label: String) async throws -> Measured {
        let query = WooOrderQuery(modifiedAfter: since, orderBy: .id, order: .asc, perPage: store.perPage)
        let (orders, seconds, requests, _) = try await timed(sim: sim) { client, _ in
            var orders = 0
            for try await page in client.orders(query, concurrency: store.concurrency) { orders += page.items.count }
            return orders
        }
        print(
            String(format: "the store's limit (\(label)): %d orders in %.3f s, %d requests", orders, seconds, requests))
        return Measured(seconds: seconds, requests: requests)
    }

    /// Runs `body` with a client for `sim` sending through a fresh pacer with the bench's caps, and times it.
    private func timed<T: Sendable>(
        sim: WooSim, _ body: (WooCommerceClient, StorePacer) async throws -> T
    ) async throws -> (result: T, seconds: Double, requests: Int, pacer: StorePacer.Snapshot) {
        let pacer = StorePacer(limits: store.pacingLimits)
        let client = try store.client(for: sim, pacer: pacer)
        let clock = ContinuousClock()
        let start = clock.now
        let result: T
        do {
            result = try await body(client, pacer)
        } catch {
            try? await client.shutdown()
            throw error
        }
        let seconds = start.duration(to: clock.now).secondsValue
        let requests = client.requestCount
        try await client.shutdown()
        return (result, seconds, requests, pacer.snapshot)
    }

    /// A run of the importer, through a fresh pacer with the same caps.
    private struct ImportRun: Sendable {
        var report: OrderImportReport
        var seconds: Double
        var requests: Int
        var throttled: Int
        var peakInFlight: Int
        var pacer: StorePacer.Snapshot
    }

    private func importing(
        _ request: OrderImportRequest, sim: WooSim, database: LogixDatabase, integrationID: Int64
    ) async throws -> ImportRun {
        var logger = Logger(label: "logix.bench")
        logger.logLevel = .warning
        let throttledBefore = await sim.injectedFaults.rateLimited
        await sim.resetPeakConcurrentRequests()
        let (report, seconds, requests, pacer) = try await timed(sim: sim) { client, pacer in
            let importer = OrderImporter(
                client: client, database: database, integrationID: integrationID,
                options: OrderImporter.Options(concurrency: store.concurrency, perPage: store.perPage), logger: logger)
            let lastReport = LastReport(ContinuousClock.now)
            return try await importer.run(request) { progress in
                guard await lastReport.due(ContinuousClock.now) else { return }
                let rss = ProcessMemory.residentMegabytes() ?? 0
                print(
                    "… \(progress.counts.total)/\(progress.totalOrders) orders, page \(progress.pagesDone)/"
                        + "\(progress.totalPages), \(pacer.snapshot.concurrency) in flight, rss \(Int(rss)) MB")
            }
        }
        return ImportRun(
            report: report, seconds: seconds, requests: requests,
            throttled: await sim.injectedFaults.rateLimited - throttledBefore,
            peakInFlight: await sim.peakConcurrentRequests, pacer: pacer)
    }
}

/// Rate-limits progress lines to one every two seconds.
actor LastReport {
    private var last: ContinuousClock.Instant
    init(_ start: ContinuousClock.Instant) { last = start }

    func due(_ now: ContinuousClock.Instant) -> Bool {
        guard last.duration(to: now) > .seconds(2) else { return false }
        last = now
        return true
    }
}
