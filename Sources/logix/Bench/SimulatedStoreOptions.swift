import ArgumentParser
import WooCommerce
import WooSim

/// The in-process simulated store a benchmark reads from, and how it is read.
struct SimulatedStoreOptions: ParsableArguments {
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

    /// Pages in the store's listing.
    var pages: Int { (orders + perPage - 1) / perPage }

    /// Starts the store with its latency and a client for it; the caller shuts both down.
    func start() async throws -> (WooSim, WooCommerceClient) {
        var configuration = WooSimConfiguration()
        configuration.seed = seed
        configuration.orderCount = orders
        return try await start(configuration)
    }

    /// Starts a store built from `configuration` (its seed and catalog chosen by the caller) with the latency.
    func start(_ configuration: WooSimConfiguration) async throws -> (WooSim, WooCommerceClient) {
        let sim = try await WooSim.start(configuration)
        await sim.setFaults(WooSimFaults(latencyMilliseconds: latencyMilliseconds))
        do {
            let client = try WooCommerceClient(
                configuration: WooCommerceConfiguration(
                    storeURL: sim.baseURL,
                    credentials: WooCredentials(
                        consumerKey: sim.readWriteKeys.consumerKey, consumerSecret: sim.readWriteKeys.consumerSecret)))
            return (sim, client)
        } catch {
            await sim.stop()
            throw error
        }
    }
}
