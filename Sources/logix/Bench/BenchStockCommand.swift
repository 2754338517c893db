import ArgumentParser
import Foundation
import Logging
import LogixCore
import Storage
import Sync
import WooCommerce
import WooSim

/// `logix bench stock`: a stock push of every SKU of a large in-process simulated store — catalog pull into the
/// SKU map, a stock change of every SKU in Logix, the outbox sending it in batches — then every SKU read back
/// from the store and compared.
struct BenchStockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stock", abstract: "Push the stock of every SKU of an in-process simulated store and time it.")

    @OptionGroup var store: SimulatedStoreOptions

    @Option(help: "SKUs in the simulated store's catalog (at least 200).")
    var skus: Int = 10_000

    func validate() throws {
        guard skus >= 200 else { throw ValidationError("--skus must be at least 200") }
    }

    /// Catalog shape: the generated store has `productCount + 9 + 4 · shirtColors` SKUs (the SKU-less voucher
    /// aside: the T-Shirt parent and its variations, the hoodie and its 6, the gift card and its 25 € variation).
    /// 25 colours fill one variations batch (100), so simple products need one request per 100 and the whole push
    /// needs `ceil(products / 100) + 2` requests.
    private var shape: (products: Int, shirtColors: Int) {
        let colors = 25
        return (skus - 9 - 4 * colors, colors)
    }

    func run() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "logix-bench-\(UUID().uuidString).sqlite"
        )
        .path
        var simConfiguration = WooSimConfiguration()
        simConfiguration.seed = store.seed
        simConfiguration.orderCount = 1
        simConfiguration.productCount = shape.products
        simConfiguration.shirtColors = shape.shirtColors
        let (sim, client) = try await store.start(simConfiguration)
        var logger = Logger(label: "logix.bench")
        logger.logLevel = .warning
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        do {
            let result = try await LogixDatabase.withOpen(.sqlite(path: path), logger: logger) { database in
                let integrationID = try await BenchIntegration.create(in: database, storeURL: sim.baseURL)
                let pull = try await CatalogPuller(client: client, database: database).pull(
                    integrationID: integrationID, at: Date())
                let entries = try await database.read { sql in
                    try await SKUMapRecords().entries(integrationID: integrationID, on: sql)
                }
                print("catalog: \(pull.products) products, \(pull.variations) variations, \(entries.count) SKUs mapped")

                // Every SKU gets a new level in Logix, pushed in the same transaction as the change.
                // Variations that keep their stock on the parent share the parent's figures: one record, one level.
                let productSKU = Dictionary(
                    entries.filter { $0.externalVariationID == nil }.map { ($0.externalProductID, $0.sku) },
                    uniquingKeysWith: { first, _ in first })
                var levelOf: [String: StockLevel] = [:]
                for (index, entry) in entries.enumerated() {
                    levelOf[entry.sku] = StockLevel(sku: entry.sku, onHand: 500 + index % 997, reserved: index % 7)
                }
                for entry in entries where entry.stockManagement == .parent {
                    if let owner = entry.stockProductID.flatMap({ productSKU[$0] }), let shared = levelOf[owner] {
                        levelOf[entry.sku] = StockLevel(
                            sku: entry.sku, onHand: shared.onHand, reserved: shared.reserved)
                    }
                }
                let levels = entries.compactMap { levelOf[$0.sku] }
                try await database.transaction { sql in
                    let ownerID = try await IntegrationRecords().ownerID(integrationID: integrationID, on: sql) ?? 0
                    try await StockLevelRecords().set(levels, ownerID: ownerID, at: Date(), on: sql)
                    try await StockPushPlanner().enqueue(skus: levels.map(\.sku), ownerID: ownerID, at: Date(), on: sql)
                }

                let sender = OutboxSender(
                    database: database, clients: FixedStoreClients(sim: sim, timeout: .seconds(60)), logger: logger)
                let requestsBefore = await sim.requestCount
                let clock = ContinuousClock()
                let start = clock.now
                let report = try await sender.sendDue()
                let elapsed = start.duration(to: clock.now)
                let requests = await sim.requestCount - requestsBefore
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                print(
                    "pushed: \(report.done) items done, \(report.rescheduled) rescheduled, \(report.dead) dead, "
                        + "\(report.requests) requests")

                // Read every SKU back from the store and compare with Logix's available quantity.
                var storeStock: [Int: Int] = [:]
                for try await product in client.products(WooProductQuery(perPage: 100)).items {
                    if let quantity = product.stockQuantity { storeStock[product.id] = quantity }
                    if product.type == .variable {
                        for try await variation in client.variations(productID: product.id).items {
                            if let quantity = variation.stockQuantity { storeStock[variation.id] = quantity }
                        }
                    }
                }
                var matches = 0
                for entry in entries {
                    guard let level = levelOf[entry.sku] else { continue }
                    let owner: Int64? =
                        switch entry.stockManagement {
                        case .managed: entry.externalVariationID ?? entry.stockProductID ?? entry.externalProductID
                        case .parent: entry.stockProductID
                        case .unmanaged: nil
                        }
                    if let owner, storeStock[Int(owner)] == max(0, level.available) { matches += 1 }
                }
                let managed = entries.filter { $0.stockManagement != .unmanaged }.count
                print("store matches Logix for \(matches) of \(managed) SKUs whose stock the store manages")
                return (skus: entries.count, requests: requests, seconds: seconds, matches: matches)
            }
            try await client.shutdown()
            await sim.stop()
            BenchReport.printJSON([
                "skus": result.skus,
                "requests": result.requests,
                "seconds": result.seconds,
                "store_matches": result.matches,
            ])
        } catch {
            try? await client.shutdown()
            await sim.stop()
            throw error
        }
    }
}

/// Channels for the bench's one simulated store (no vault: the keys are the simulator's).
private struct FixedStoreClients: SalesChannelProvider {
    let sim: WooSim
    let timeout: Duration

    func client(for integration: IntegrationRecord) throws -> WooCommerceClient {
        try WooCommerceClient(
            configuration: WooCommerceConfiguration(
                storeURL: sim.baseURL,
                credentials: WooCredentials(
                    consumerKey: sim.readWriteKeys.consumerKey, consumerSecret: sim.readWriteKeys.consumerSecret),
                requestTimeout: timeout))
    }

    func channel(for integration: IntegrationRecord) throws -> any SalesChannel {
        try WooCommerceChannel(integration: integration) { try client(for: integration) }
    }
}
