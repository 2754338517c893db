import Foundation
import Logging
import LogixCore
import LogixTestSupport
import Pacing
import Storage
import Synchronization
import Testing
import WooCommerce
import WooSim

@testable import Sync

extension ImportHarness {
    func sender(
        clock: any LogixClock, breaker: CircuitBreaker.Configuration = CircuitBreaker.Configuration(),
        options: OutboxSender.Options = OutboxSender.Options()
    ) -> OutboxSender {
        var logger = Logger(label: "logix.outbox.tests")
        logger.logLevel = .critical
        return OutboxSender(
            database: database, clients: SimStoreClients(sim: sim, retryPolicy: .none),
            breakers: StoreCircuitBreakers(configuration: breaker), options: options, clock: clock,
            random: { 0.5 }, logger: logger)
    }

    /// Pulls the store's catalog into the SKU map.
    func pullCatalog() async throws {
        _ = try await CatalogPuller(client: client, database: database).pull(integrationID: integrationID, at: Date())
    }

    /// Sets Logix's stock of each SKU and enqueues its push, in one transaction (as the fulfillment API will).
    func changeStock(_ levels: [StockLevel], at date: Date) async throws {
        let ownerID = self.ownerID
        try await database.transaction { sql in
            try await StockLevelRecords().set(levels, ownerID: ownerID, at: date, on: sql)
            try await StockPushPlanner().enqueue(skus: levels.map(\.sku), ownerID: ownerID, at: date, on: sql)
        }
    }

    func enqueue(_ items: [NewOutboxItem], at date: Date) async throws -> [Int64] {
        try await database.transaction { sql in try await OutboxRecords().enqueue(items, at: date, on: sql) }
    }

    func outboxItems() async throws -> [OutboxItem] {
        let integrationID = self.integrationID
        return try await database.read { sql in
            try await OutboxRecords().list(integrationIDs: [integrationID], page: 1, perPage: 100_000, on: sql).items
        }.sorted { $0.id < $1.id }
    }

    /// The stock quantity the store holds for the product or variation with `id` (read from the simulator).
    func storeStock(productID id: Int) async throws -> Int? {
        let json = try #require(await sim.productJSON(id))
        return try JSONDecoder().decode(WooProduct.self, from: json).stockQuantity
    }

    func storeStock(sku: String) async throws -> Int? {
        let json = try #require(await sim.productJSON(sku: sku))
        return try JSONDecoder().decode(WooProduct.self, from: json).stockQuantity
    }

    func skuEntry(_ sku: String) async throws -> SKUMapEntry {
        let integrationID = self.integrationID
        let entries = try await database.read { sql in
            try await SKUMapRecords().entries(skus: [sku], integrationID: integrationID, on: sql)
        }
        return try #require(entries.first)
    }
}
