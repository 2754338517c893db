import Foundation
import Storage
import Testing
import WooCommerce
import WooSim

@testable import Sync

@Suite struct CatalogPullTests {
    @Test func duplicateSKUsAreReportedNotMerged() throws {
        let json = """
            [{"id": 10, "type": "simple", "sku": "MUG", "manage_stock": true, "stock_quantity": 3},
             {"id": 11, "type": "simple", "sku": "MUG", "manage_stock": true, "stock_quantity": 4},
             {"id": 12, "type": "simple", "sku": "", "manage_stock": false},
             {"id": 20, "type": "variable", "sku": "TEE", "manage_stock": true, "stock_quantity": 9},
             {"id": 30, "type": "simple", "sku": "TEA", "manage_stock": false}]
            """
        let products = try JSONDecoder().decode([WooProduct].self, from: Data(json.utf8))
        let variationsJSON = """
            [{"id": 21, "sku": "TEE-S", "manage_stock": true}, {"id": 22, "sku": "TEE-M", "manage_stock": "parent"},
             {"id": 23, "sku": "MUG", "manage_stock": true}, {"id": 24, "sku": "", "manage_stock": true},
             {"id": 25, "sku": "TEE", "manage_stock": true}]
            """
        let variations = try JSONDecoder().decode([WooVariation].self, from: Data(variationsJSON.utf8))
        let index = CatalogIndex(integrationID: 1, products: products, variations: [20: variations])
        #expect(index.duplicates.keys.sorted() == ["MUG"])
        #expect(index.duplicates["MUG"]?.sorted() == ["10", "11", "20/23"])
        #expect(Set(index.entries.map(\.sku)) == ["TEE", "TEE-S", "TEE-M", "TEA"])
        #expect(index.withoutSKU == 3)  // product 12, variation 24, and 25 which only inherits "TEE"
        let byKey = Dictionary(uniqueKeysWithValues: index.entries.map { ($0.sku, $0) })
        #expect(byKey["TEE-S"]?.stockProductID == 21)
        #expect(byKey["TEE-S"]?.externalVariationID == 21)
        #expect(byKey["TEE-M"]?.stockManagement == .parent)
        #expect(byKey["TEE-M"]?.stockProductID == 20)
        #expect(byKey["TEA"]?.stockManagement == .unmanaged)
        #expect(byKey["TEA"]?.stockProductID == nil)
    }

    @Test func pullMapsEverySKUOfTheStore() async throws {
        let sim = try await WooSim.start(WooSimConfiguration())
        let client = try WooCommerceClient(
            configuration: WooCommerceConfiguration(
                storeURL: sim.baseURL,
                credentials: WooCredentials(
                    consumerKey: sim.readWriteKeys.consumerKey, consumerSecret: sim.readWriteKeys.consumerSecret)))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("logix-catalog-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            try await LogixDatabase.withOpen(.sqlite(path: directory.appendingPathComponent("db.sqlite").path)) {
                database in
                try await Migrator(database: database).migrate()
                let user = try await database.transaction {
                    try await UserRecords().create(
                        email: "c@example.test", passwordHash: "x", at: Date(), on: $0)
                }
                let integration = try await database.transaction {
                    try await IntegrationRecords().insert(
                        NewIntegration(
                            userID: user.id, platform: "woocommerce", storeURL: sim.baseURL, name: "Sim",
                            createdAt: Date()), on: $0)
                }
                let id = integration.id
                let report = try await CatalogPuller(client: client, database: database).pull(
                    integrationID: id, at: Date())
                let entries = try await database.read { sql in
                    try await SKUMapRecords().entries(integrationID: id, on: sql)
                }
                #expect(entries.count == report.mapped)
                #expect(report.duplicates.isEmpty)

                // Every SKU the store answers for points at the record the store itself names.
                for entry in entries {
                    let found = try await client.listProducts(WooProductQuery(skus: [entry.sku]))
                    let product = try #require(found.items.first, "store has no \(entry.sku)")
                    if let variationID = entry.externalVariationID {
                        #expect(product.id == Int(variationID))
                        #expect(product.parentID == Int(entry.externalProductID))
                    } else {
                        #expect(product.id == Int(entry.externalProductID))
                    }
                }
                #expect(entries.contains { $0.stockManagement == .parent && $0.stockProductID == $0.externalProductID })

                // A second pull changes nothing.
                _ = try await CatalogPuller(client: client, database: database).pull(integrationID: id, at: Date())
                let again = try await database.read { sql in
                    try await SKUMapRecords().entries(integrationID: id, on: sql)
                }
                #expect(again == entries)
            }
        } catch {
            try? await client.shutdown()
            await sim.stop()
            throw error
        }
        try await client.shutdown()
        await sim.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
