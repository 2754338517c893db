import ArgumentParser
import Pacing
import WooCommerce
import WooSim

/// The in-process simulated store a benchmark reads from, and how it is read.
struct SimulatedStoreOptions: ParsableArguments {
    @Option(help: "Orders in the simulated store.")
    var orders: Int = 100_000

    @OptionGroup var storeCost: StoreCostOptions

    @Option(
        help: """
            Requests in flight at most: the integration's max_concurrency (import and stock benches: the store's \
            pacer starts at 4 and adapts up to it; the client bench: pages fetched at once).
            """)
    var concurrency: Int = 8

    @Option(
        name: .customLong("max-requests-per-second"),
        help: "The integration's max_requests_per_second: the pacer never sends faster (default: no fixed rate).")
    var maxRequestsPerSecond: Double?

    @Option(name: .customLong("per-page"), help: "Orders per page (1…100).")
    var perPage: Int = 100

    @Option(help: "Seed of the simulated store.")
    var seed: UInt64 = 42

    @Option(help: "How the client decodes orders: the hand-written reader or JSONDecoder (reader|codable).")
    var decoder: WooOrderDecoding = .reader

    func validate() throws {
        guard orders > 0 else { throw ValidationError("--orders must be positive") }
        guard (1...100).contains(perPage) else { throw ValidationError("--per-page must be within 1…100") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard (maxRequestsPerSecond ?? 1) > 0 else {
            throw ValidationError("--max-requests-per-second must be positive")
        }
    }

    /// Pages in the store's listing.
    var pages: Int { (orders + perPage - 1) / perPage }

    /// What serving costs the simulated store, and its rate limit.
    var cost: WooSimFaults { storeCost.faults }

    /// The pacer's limits: an integration with `--concurrency` as its `max_concurrency`.
    var pacingLimits: PacingLimits {
        PacingLimits(
            initialConcurrency: 4, maximumConcurrency: concurrency, maximumRequestsPerSecond: maxRequestsPerSecond)
    }

    /// The cost model in a line, for a report.
    var costDescription: String {
        let cost = self.cost
        return "\(cost.latencyMilliseconds) ms + \(cost.perOrderMilliseconds) ms/order, \(cost.workers) workers"
            + (cost.rateLimitPerSecond > 0 ? ", 429 above \(cost.rateLimitPerSecond) requests/s" : "")
    }

    /// Starts the store with its latency and a client for it (unpaced); the caller shuts both down.
    func start() async throws -> (WooSim, WooCommerceClient) {
        var configuration = WooSimConfiguration()
        configuration.seed = seed
        configuration.orderCount = orders
        return try await start(configuration)
    }

    /// Starts a store built from `configuration` (its seed and catalog chosen by the caller) with the latency.
    func start(_ configuration: WooSimConfiguration) async throws -> (WooSim, WooCommerceClient) {
        let sim = try await WooSim.start(configuration)
        await sim.setFaults(cost)
        do {
            return (sim, try client(for: sim))
        } catch {
            await sim.stop()
            throw error
        }
    }

    /// A client for `sim`, sending through `pacer` if given; the caller shuts it down.
    func client(for sim: WooSim, pacer: StorePacer? = nil) throws -> WooCommerceClient {
        try WooCommerceClient(
            configuration: WooCommerceConfiguration(
                storeURL: sim.baseURL,
                credentials: WooCredentials(
                    consumerKey: sim.readWriteKeys.consumerKey, consumerSecret: sim.readWriteKeys.consumerSecret),
                orderDecoding: decoder, pacer: pacer))
    }
}

extension WooOrderDecoding: ExpressibleByArgument {}
