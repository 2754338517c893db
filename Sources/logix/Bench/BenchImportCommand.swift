import ArgumentParser
import Foundation
import Logging
import Storage
import Sync
import WooCommerce
import WooSim

/// `logix bench import`: a full order sync from an in-process simulated store into a fresh SQLite file, the
/// whole path — HTTP, decoding, mapping, merging, batched upserts, tasks and stock — and what it cost.
struct BenchImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import every order of an in-process simulated store into a fresh SQLite file."
    )

    @OptionGroup var store: SimulatedStoreOptions

    @Option(help: "The SQLite file to fill; removed first. Default: a new file in the temporary directory.")
    var database: String?

    func run() async throws {
        let path =
            database
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("logix-bench-\(UUID().uuidString).sqlite")
            .path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }

        let (sim, client) = try await store.start()
        var logger = Logger(label: "logix.bench")
        logger.logLevel = .warning
        let report: OrderImportReport
        let seconds: Double
        let stored: Int
        do {
            (report, seconds, stored) = try await LogixDatabase.withOpen(.sqlite(path: path), logger: logger) {
                database in
                let integrationID = try await BenchIntegration.create(in: database, storeURL: sim.baseURL)
                let importer = OrderImporter(
                    client: client, database: database, integrationID: integrationID,
                    options: OrderImporter.Options(concurrency: store.concurrency, perPage: store.perPage),
                    logger: logger)

                let clock = ContinuousClock()
                let start = clock.now
                let lastReport = LastReport(clock.now)
                let report = try await importer.run(.full) { progress in
                    guard await lastReport.due(clock.now) else { return }
                    let rss = ProcessMemory.residentMegabytes() ?? 0
                    print(
                        "… \(progress.counts.total)/\(progress.totalOrders) orders, page \(progress.pagesDone)/"
                            + "\(progress.totalPages), rss \(Int(rss)) MB")
                }
                let elapsed = start.duration(to: clock.now)
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let stored = try await database.read {
                    try await OrderRecords().count(integrationID: integrationID, on: $0)
                }
                return (report, seconds, stored)
            }
        } catch {
            try? await client.shutdown()
            await sim.stop()
            throw error
        }
        let requests = client.requestCount
        try await client.shutdown()
        await sim.stop()
        if self.database == nil {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }

        let storeBound = store.storeBoundSeconds
        print(
            "imported \(report.counts.created) orders (\(report.counts.skipped) skipped, \(report.counts.failed) "
                + "failed) in \(report.pages) pages, \(requests) requests; \(stored) rows stored")
        if storeBound > 0 {
            print(String(format: "store-bound limit %.2f s → %.2f× of it", storeBound, seconds / storeBound))
        }
        BenchReport.printJSON([
            "orders": report.counts.total,
            "seconds": seconds,
            "orders_per_s": Double(report.counts.total) / max(seconds, 0.000_001),
            "requests": requests,
            "peak_rss_mb": ProcessMemory.peakResidentMegabytes() ?? -1,
            "stored": stored,
            "skipped": report.counts.skipped,
            "concurrency": store.concurrency,
            "store_cost": store.costDescription,
            "decoder": store.decoder.rawValue,
            "store_bound_s": storeBound,
        ])
    }
}

/// Rate-limits progress lines to one every two seconds.
private actor LastReport {
    private var last: ContinuousClock.Instant
    init(_ start: ContinuousClock.Instant) { last = start }

    func due(_ now: ContinuousClock.Instant) -> Bool {
        guard last.duration(to: now) > .seconds(2) else { return false }
        last = now
        return true
    }
}
