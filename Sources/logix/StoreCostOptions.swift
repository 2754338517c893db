import ArgumentParser
import WooSim

/// What serving costs a simulated store, and the host's rate limit, as flags: a real WooCommerce store's figures by default
/// (`WooSimFaults.realStore`), `--instant-store` for none. `logix sim` and the benches share them.
struct StoreCostOptions: ParsableArguments {
    @Option(
        name: .customLong("latency-ms"),
        help: "Base cost of every request, in ms (default: a real WooCommerce store's, see WooSimFaults.realStore).")
    var latencyMilliseconds: Int = WooSimFaults.realStore.latencyMilliseconds

    @Option(name: .customLong("per-order-ms"), help: "Cost of each order a response renders in full, in ms.")
    var perOrderMilliseconds: Double = WooSimFaults.realStore.perOrderMilliseconds

    @Option(
        name: .customLong("per-fields-order-ms"),
        help: "Cost of each order a response renders as a _fields subset (id, date_modified_gmt…), in ms.")
    var perFieldsOrderMilliseconds: Double = WooSimFaults.realStore.perFieldsOrderMilliseconds

    @Option(help: "Requests the store serves at once (its PHP-FPM workers); the rest wait. 0 = unlimited.")
    var workers: Int = WooSimFaults.realStore.workers

    @Option(
        name: .customLong("store-rate-limit"),
        help: "Answer 429 (with Retry-After) above this many requests a second, as a shared host does (default: none).")
    var storeRateLimit: Double = 0

    @Flag(help: "A store that answers at once (no latency, no per-order cost, no worker limit): Logix's own CPU path.")
    var instantStore = false

    func validate() throws {
        guard latencyMilliseconds >= 0 else { throw ValidationError("--latency-ms must not be negative") }
        guard perOrderMilliseconds >= 0, perFieldsOrderMilliseconds >= 0 else {
            throw ValidationError("--per-order-ms and --per-fields-order-ms must not be negative")
        }
        guard workers >= 0 else { throw ValidationError("--workers must not be negative") }
        guard storeRateLimit >= 0 else { throw ValidationError("--store-rate-limit must not be negative") }
    }

    /// What serving costs the simulated store.
    var faults: WooSimFaults {
        guard !instantStore else { return WooSimFaults(rateLimitPerSecond: storeRateLimit) }
        return WooSimFaults(
            latencyMilliseconds: latencyMilliseconds, perOrderMilliseconds: perOrderMilliseconds,
            perFieldsOrderMilliseconds: perFieldsOrderMilliseconds, workers: workers,
            rateLimitPerSecond: storeRateLimit)
    }
}
