import ArgumentParser
import Foundation
import ShopifySim
import Synchronization
import WooSim

/// Set by the SIGINT/SIGTERM handler of `logix sim`.
private let simTerminationRequested = Atomic<Bool>(false)

/// `logix sim`: serves a simulated WooCommerce store until SIGINT or SIGTERM.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract:
            "Serve a simulated WooCommerce store (REST API v3) or Shopify store (Admin GraphQL), with webhooks and faults."
    )

    /// Which store to simulate.
    enum Platform: String, ExpressibleByArgument, CaseIterable {
        case woocommerce
        case shopify
    }

    @Option(help: "The platform to simulate: woocommerce or shopify.")
    var platform: Platform = .woocommerce

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

    @Option(help: "Shopify: the shop's handle ({shop}.myshopify.com).")
    var shop: String = "logix-sim"

    @Option(help: "Shopify: the Admin API access token (default: derived from the seed).")
    var accessToken: String?

    @Option(help: "Shopify: the app's API secret that signs webhooks (default: derived from the seed).")
    var apiSecret: String?

    @Option(help: "Shopify: the bucket size of the GraphQL leaky bucket (Standard plan: 2000).")
    var bucketSize: Double = 2_000

    @Option(help: "Shopify: points the bucket restores a second (Standard plan: 100).")
    var restoreRate: Double = 100

    @OptionGroup var storeCost: StoreCostOptions

    func validate() throws {
        if (self.consumerKey == nil) != (self.consumerSecret == nil) {
            throw ValidationError("Give both --consumer-key and --consumer-secret, or neither.")
        }
        guard self.orders >= 0 else { throw ValidationError("--orders must not be negative.") }
        if self.platform == .shopify, self.tls {
            throw ValidationError("--tls is for the WooCommerce sim; the Shopify sim serves http on loopback.")
        }
    }

    func run() async throws {
        if self.platform == .shopify {
            try await self.runShopify()
            return
        }
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

    private func runShopify() async throws {
        var configuration = ShopifySimConfiguration()
        configuration.port = self.port
        configuration.host = self.host
        configuration.orderCount = self.orders
        configuration.seed = self.seed
        configuration.shopName = self.shop
        configuration.accessToken = self.accessToken
        configuration.apiSecret = self.apiSecret
        configuration.bucketSize = self.bucketSize
        configuration.restoreRate = self.restoreRate
        let sim = try await ShopifySim.start(configuration)
        print("ShopifySim store: \(sim.baseURL)")
        print("Shop domain:      \(sim.shopDomain)")
        print("GraphQL:          \(sim.graphQLURL())")
        print("Client ID:        \(sim.clientID)   (a Dev Dashboard app's; its client secret is the API secret)")
        print("Access token:     \(sim.accessToken)")
        print("API secret:       \(sim.apiSecret)")
        print("Bucket:           \(Int(self.bucketSize)) points, \(Int(self.restoreRate)) a second")
        print("Control API:      \(sim.baseURL)/__sim/ (orders, inventory, faults, webhook-deliveries, stats)")
        // What to do with it next: connect it to a Logix started with --allow-private-stores.
        print(
            "Connect it:       POST /api/v1/shopify/integrations {\"shop_domain\": \"\(sim.baseURL)\", "
                + "\"access_token\": \"\(sim.accessToken)\", \"api_secret\": \"\(sim.apiSecret)\", "
                + "\"integration_name\": \"ShopifySim\"} (logix serve --allow-private-stores)")
        print("Stop with Ctrl-C.")
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
