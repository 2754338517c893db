import ArgumentParser
import Foundation
import Synchronization
import WooSim

/// Set by the SIGINT/SIGTERM handler of `logix sim`.
private let simTerminationRequested = Atomic<Bool>(false)

/// `logix sim`: serves a simulated WooCommerce store until SIGINT or SIGTERM.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Serve a simulated WooCommerce store (REST API v3, webhooks, injectable faults).")

    @Option(help: "Port to listen on (0 = any free port).")
    var port: Int = 8090

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Number of generated orders.")
    var orders: Int = 5000

    @Option(help: "Seed for all generated data and the derived API keys.")
    var seed: UInt64 = 42

    @Option(help: "Consumer key of the read/write API key (default: derived from the seed).")
    var consumerKey: String?

    @Option(help: "Consumer secret of the read/write API key (default: derived from the seed).")
    var consumerSecret: String?

    @Flag(help: "Serve https with a certificate made at start-up; the CA is written to a file.")
    var tls: Bool = false

    @OptionGroup var storeCost: StoreCostOptions

    func validate() throws {
        if (self.consumerKey == nil) != (self.consumerSecret == nil) {
            throw ValidationError("Give both --consumer-key and --consumer-secret, or neither.")
        }
        guard self.orders >= 0 else { throw ValidationError("--orders must not be negative.") }
    }

    func run() async throws {
        var configuration = WooSimConfiguration()
        configuration.port = self.port
        configuration.host = self.host
        configuration.orderCount = self.orders
        configuration.seed = self.seed
        configuration.consumerKey = self.consumerKey
        configuration.consumerSecret = self.consumerSecret
        configuration.tls = self.tls
        let sim = try await WooSim.start(configuration)
        let cost = self.storeCost.faults
        await sim.setFaults(cost)

        print("WooSim store:  \(sim.baseURL)")
        print("API root:      \(sim.apiRoot)")
        print("Read/write:    \(sim.readWriteKeys.consumerKey) / \(sim.readWriteKeys.consumerSecret)")
        print("Read only:     \(sim.readOnlyKeys.consumerKey) / \(sim.readOnlyKeys.consumerSecret)")
        if let pem = sim.caCertificatePEM {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent(
                "woosim-ca-\(sim.baseURL.split(separator: ":").last ?? "0").pem")
            try pem.write(to: url, atomically: true, encoding: .utf8)
            print("CA file:       \(url.path)")
        }
        print(
            "Store cost:    \(cost.latencyMilliseconds) ms a request + \(cost.perOrderMilliseconds) ms an order "
                + "(\(cost.perFieldsOrderMilliseconds) with _fields), \(cost.workers) workers"
                + (cost.rateLimitPerSecond > 0 ? "; 429 above \(cost.rateLimitPerSecond) requests a second" : ""))
        print("Control API:   \(sim.baseURL)/__sim/ (orders, stock/{sku}, faults, webhook-deliveries, stats)")
        print("Stop with Ctrl-C.")
        // Flush now: when piped to a file or another process, the URLs and keys must show up at once.
        fflush(nil)

        await SimCommand.waitForTermination()
        print("Stopping…")
        await sim.stop()
    }

    /// Suspends until SIGINT or SIGTERM arrives.
    ///
    /// A plain C handler sets a flag that is polled: it works whatever the inherited signal disposition
    /// (a shell starts background jobs with SIGINT ignored) and needs no run loop.
    static func waitForTermination() async {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, { _ in simTerminationRequested.store(true, ordering: .relaxed) })
        }
        while !simTerminationRequested.load(ordering: .relaxed) {
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
