import Foundation
import LogixTestSupport
import Storage
import Testing

/// Refreshing one product's part of the SKU map (what a `product.*` delivery does, issue 11, gap 9), on both
/// engines.
@Suite struct SKUMapProductRefreshTests {
    private func entry(_ sku: String, product: Int64, variation: Int64? = nil, integrationID: Int64) -> SKUMapEntry {
        SKUMapEntry(
            integrationID: integrationID, sku: sku, externalProductID: product, externalVariationID: variation,
            stockManagement: .managed, stockProductID: variation ?? product)
    }

    @Test(arguments: TestEngine.allCases)
    func aProductTakingAnotherProductsSKUUnmapsBothAndReportsIt(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let owner = try await TestFixtures.user(in: database)
            let store = try await TestFixtures.integration(userID: owner.id, in: database).id
            try await database.transaction { sql in
                try await SKUMapRecords().replace(
                    integrationID: store,
                    with: [
                        entry("MUG", product: 1, integrationID: store), entry("TEE", product: 2, integrationID: store),
                    ],
                    at: Date(), on: sql)
            }
            // Product 2 now also says MUG (and a new variation with its own SKU).
            let refresh = try await database.transaction { sql in
                try await SKUMapRecords().replaceProduct(
                    integrationID: store, externalProductID: 2,
                    with: [
                        entry("MUG", product: 2, integrationID: store),
                        entry("TEE-S", product: 2, variation: 3, integrationID: store),
                    ],
                    at: Date(), on: sql)
            }
            #expect(refresh.duplicates == ["MUG": ["1", "2"]])
            #expect(refresh.changed)
            let skus = try await database.read { sql in
                try await SKUMapRecords().entries(integrationID: store, on: sql).map(\.sku)
            }
            #expect(skus == ["TEE-S"])

            // The same state again changes nothing.
            let again = try await database.transaction { sql in
                try await SKUMapRecords().replaceProduct(
                    integrationID: store, externalProductID: 2,
                    with: [entry("TEE-S", product: 2, variation: 3, integrationID: store)], at: Date(), on: sql)
            }
            #expect(!again.changed)
            // A product gone from the store leaves the map.
            let gone = try await database.transaction { sql in
                try await SKUMapRecords().replaceProduct(
                    integrationID: store, externalProductID: 2, with: [], at: Date(), on: sql)
            }
            #expect(gone.changed)
            #expect(try await database.read { try await SKUMapRecords().entries(integrationID: store, on: $0) }.isEmpty)
        }
    }
}
