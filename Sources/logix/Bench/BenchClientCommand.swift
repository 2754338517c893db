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

    @Option(help: "Orders in the simulated store.")
    var orders: Int = 100_000

    @Option(name: .customLong("latency-ms"), help: "Latency the store adds to every request, in ms.")
    var latencyMilliseconds: Int = 0

    @Option(help: "Pages fetched concurrently.")
    var concurrency: Int = 4

    @Option(name: .customLong("per-page"), help: "Orders per page (1…100).")
    var perPage: Int = 100

    @Option(help: "Seed of the simulated store.")
    var seed: UInt64 = 42

    func validate() throws {
        guard orders > 0 else { throw ValidationError("--orders must be positive") }
        guard (1...100).contains(perPage) else { throw ValidationError("--per-page must be within 1…100") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard latencyMilliseconds >= 0 else { throw ValidationError("--latency-ms must not be negative") }
    }

    func run() async throws {
        var simConfiguration = WooSimConfiguration()
        simConfiguration.seed = seed
        simConfiguration.orderCount = orders
        let sim = try await WooSim.start(simConfiguration)
        await sim.setFaults(WooSimFaults(latencyMilliseconds: latencyMilliseconds))
        let client = try WooCommerceClient(
            configuration: WooCommerceConfiguration(
                storeURL: sim.baseURL,
                credentials: WooCredentials(
                    consumerKey: sim.readWriteKeys.consumerKey, consumerSecret: sim.readWriteKeys.consumerSecret)))

        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        var lines = 0
        var pages = 0
        var lastReport = start
        do {
            let query = WooOrderQuery(orderBy: .id, order: .asc, perPage: perPage)
            for try await page in client.orders(query, concurrency: concurrency) {
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

        guard count == orders else {
            throw ValidationError("read \(count) orders, the store has \(orders)")
        }
        print("read \(count) orders (\(lines) lines) in \(pages) pages, \(requests) requests")
        BenchReport.printJSON([
            "orders": count,
            "seconds": seconds,
            "orders_per_s": Double(count) / max(seconds, 0.000_001),
            "requests": requests,
            "peak_rss_mb": ProcessMemory.peakResidentMegabytes() ?? -1,
            "concurrency": concurrency,
            "latency_ms": latencyMilliseconds,
        ])
    }
}
