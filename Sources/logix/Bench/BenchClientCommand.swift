import ArgumentParser
import Foundation
import WooCommerce
import WooSim

/// `logix bench client`: reads every order of an in-process simulated store through the client and reports
/// throughput, requests and peak memory.
struct BenchClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Read all orders from an in-process simulated store with the WooCommerce client."
    )

    @OptionGroup var store: SimulatedStoreOptions

    func run() async throws {
        let (sim, client) = try await store.start()

        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        var lines = 0
        var pages = 0
        var lastReport = start
        do {
            let query = WooOrderQuery(orderBy: .id, order: .asc, perPage: store.perPage)
            for try await page in client.orders(query, concurrency: store.concurrency) {
                count += page.items.count
                lines += page.items.reduce(0) { $0 + $1.lineItems.count }
                pages += 1
                if lastReport.duration(to: clock.now) > .seconds(2) {
                    lastReport = clock.now
                    let rss = ProcessMemory.residentMegabytes() ?? 0
                    print("… \(count)/\(page.total) orders, page \(page.page)/\(page.totalPages), rss \(Int(rss)) MB")
                }
            }
        } catch {
            try? await client.shutdown()
            await sim.stop()
            throw error
        }
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let requests = client.requestCount
        try await client.shutdown()
        await sim.stop()

        guard count == store.orders else {
            throw ValidationError("read \(count) orders, the store has \(store.orders)")
        }
        print("read \(count) orders (\(lines) lines) in \(pages) pages, \(requests) requests")
        BenchReport.printJSON([
            "orders": count,
            "seconds": seconds,
            "orders_per_s": Double(count) / max(seconds, 0.000_001),
            "requests": requests,
            "peak_rss_mb": ProcessMemory.peakResidentMegabytes() ?? -1,
            "concurrency": store.concurrency,
            "store_cost": store.costDescription,
        ])
    }
}
