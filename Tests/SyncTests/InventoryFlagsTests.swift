import Foundation
import LogixCore
import LogixTestSupport
import Storage
import Sync
import Testing

/// The inventory a user sees names, per SKU, the stores that map it, whether each manages its stock, and the SKUs a
/// store uses on several products (which no store update touches).
@Suite struct InventoryFlagsTests {
    static func entry(_ integrationID: Int64, _ sku: String, product: Int64, _ management: SKUMapEntry.StockManagement)
        -> SKUMapEntry
    {
        SKUMapEntry(
            integrationID: integrationID, sku: sku, externalProductID: product, externalVariationID: nil,
            stockManagement: management, stockProductID: management == .unmanaged ? nil : product)
    }

    @Test(arguments: TestEngine.allCases)
    func levelsFlagDuplicatedAndUnmanagedSKUs(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let user = try await TestFixtures.user(in: database)
            let first = try await TestFixtures.integration(userID: user.id, name: "Berlin shop", in: database).id
            let second = try await TestFixtures.integration(userID: user.id, name: "Vienna shop", in: database).id
            let stranger = try await TestFixtures.user("stranger@example.test", in: database)
            let strangers = try await TestFixtures.integration(userID: stranger.id, in: database).id
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            try await database.transaction { sql in
                try await SKUMapRecords().replace(
                    integrationID: first,
                    with: [
                        Self.entry(first, "MUG-1", product: 10, .managed),
                        Self.entry(first, "CAP-1", product: 11, .unmanaged),
                    ],
                    duplicates: ["TEE-1": ["20", "21/22"]], at: now, on: sql)
                try await SKUMapRecords().replace(
                    integrationID: second, with: [Self.entry(second, "MUG-1", product: 30, .managed)], at: now, on: sql)
                try await SKUMapRecords().replace(
                    integrationID: strangers, with: [], duplicates: ["SECRET-1": ["1", "2"]], at: now, on: sql)
            }
            let inventory = Inventory(database: database, signal: OutboxSignal(), clock: TestClock())
            let (items, total) = try await inventory.levels(userID: user.id, page: 1, perPage: 50)
            #expect(total == 3)
            #expect(items.map(\.level.sku) == ["CAP-1", "MUG-1", "TEE-1"])
            let cap = items[0].stores
            #expect(cap.map(\.integrationID) == [first] && cap[0].name == "Berlin shop")
            #expect(!cap[0].managesStock && !cap[0].duplicated && items[0].isUnmanagedSomewhere)
            let mug = items[1].stores
            #expect(mug.map(\.name) == ["Berlin shop", "Vienna shop"])
            #expect(mug.allSatisfy { $0.managesStock && !$0.duplicated } && !items[1].isDuplicated)
            let tee = items[2].stores
            #expect(tee.map(\.integrationID) == [first] && tee[0].duplicated && !tee[0].managesStock)
            #expect(items[2].isDuplicated)

            let searched = try await inventory.levels(userID: user.id, page: 1, perPage: 50, search: "mug")
            #expect(searched.items.map(\.level.sku) == ["MUG-1"] && searched.total == 1)
            let paged = try await inventory.levels(userID: user.id, page: 2, perPage: 2)
            #expect(paged.items.map(\.level.sku) == ["TEE-1"] && paged.total == 3)

            // A product refresh that finds a clash records it; a later pull that finds none clears it.
            try await database.transaction { sql in
                _ = try await SKUMapRecords().replaceProduct(
                    integrationID: second, externalProductID: 31,
                    with: [Self.entry(second, "MUG-1", product: 31, .managed)],
                    at: now, on: sql)
            }
            let clashed = try await inventory.levels(userID: user.id, page: 1, perPage: 50, search: "MUG")
            #expect(clashed.items.first?.stores.map(\.duplicated) == [false, true])
            try await database.transaction { sql in
                try await SKUMapRecords().replace(
                    integrationID: second, with: [Self.entry(second, "MUG-1", product: 31, .managed)], at: now, on: sql)
            }
            let cleared = try await inventory.levels(userID: user.id, page: 1, perPage: 50, search: "MUG")
            #expect(cleared.items.first?.stores.map(\.duplicated) == [false, false])
        }
    }
}
