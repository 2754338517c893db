import ArgumentParser
import WooCommerce
import WooSim

/// The in-process simulated store a benchmark reads from, and how it is read.
struct SimulatedStoreOptions: ParsableArguments {
    @Option(help: "Orders in the simulated store.")
    var orders: Int = 100_000

    @OptionGroup var storeCost: StoreCostOptions

    @Option(help: "Pages fetched concurrently.")
    var concurrency: Int = 4

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
    }

    /// Pages in the store's listing.
    var pages: Int { (orders + perPage - 1) / perPage }

    /// What serving costs the simulated store.
    var cost: WooSimFaults { storeCost.faults }

    /// The modelled store's own limit for a listing: every page requested at once, `concurrency` (or its
    /// workers, if fewer) served side by side, nothing stored.
    var storeBoundSeconds: Double {
        let cost = self.cost
        let parallel = cost.workers > 0 ? min(concurrency, cost.workers) : concurrency
        let pageSeconds =
            (Double(cost.latencyMilliseconds) + Double(min(perPage, orders)) * cost.perOrderMilliseconds) / 1000
        // Pages are served in rounds of `parallel`, each as long as a full page (the short last page aside).
        let rounds = (pages + parallel - 1) / parallel
        return Double(rounds) * pageSeconds
    }

    /// The cost model in a line, for a report.
    var costDescription: String {
        let cost = self.cost
        return "\(cost.latencyMilliseconds) ms + \(cost.perOrderMilliseconds) ms/order, \(cost.workers) workers"
    }

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
        await sim.setFaults(cost)
        do {
            let client = try WooCommerceClient(
                configuration: WooCommerceConfiguration(
                    storeURL: sim.baseURL,
                    credentials: WooCredentials(
                        consumerKey: sim.readWriteKeys.consumerKey, consumerSecret: sim.readWriteKeys.consumerSecret),
                    orderDecoding: decoder))
            return (sim, client)
        } catch {
            await sim.stop()
            throw error
        }
    }
}

extension WooOrderDecoding: ExpressibleByArgument {}
