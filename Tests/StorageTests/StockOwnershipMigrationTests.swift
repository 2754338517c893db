import Foundation
import LogixCore
import LogixTestSupport
import SQLKit
import Testing

@testable import Storage

/// The migration that gives stock an owner (issue 11, defect 1), on both engines: a database written while
/// `stock_levels` was keyed by SKU alone is split by the owners whose SKU maps or orders name each SKU.
@Suite struct StockOwnershipMigrationTests {
    /// Migrates to the schema just before stock had owners.
    private func migrateToSharedStock(_ database: LogixDatabase) async throws {
        let before = Migrator.all.filter { $0.version < OwnStockLevels().version }
        try await Migrator(database: database, migrations: before).migrate()
    }

    private func insertLevel(_ sku: String, onHand: Int, reserved: Int, on sql: DatabaseSession) async throws {
        try await sql.insert(into: "stock_levels").columns("sku", "on_hand", "reserved", "updated_at")
            .values(SQLBind(sku), SQLBind(onHand), SQLBind(reserved), SQLBind(Int64(1))).run()
    }

    private func insertMapping(_ sku: String, integrationID: Int64, productID: Int64, on sql: DatabaseSession)
        async throws
    {
        try await sql.insert(into: "products")
            .columns("integration_id", "sku", "external_product_id", "manage_stock", "stock_product_id", "updated_at")
            .values(
                SQLBind(integrationID), SQLBind(sku), SQLBind(productID), SQLBind("managed"), SQLBind(productID),
                SQLBind(Int64(1))
            ).run()
    }

    /// An order of the integration in `status` with one line of `sku`.
    private func insertOrder(
        externalID: Int64, integrationID: Int64, status: String, sku: String, quantity: Int, refunded: Int = 0,
        on sql: DatabaseSession
    ) async throws {
        let id = try await sql.insert(into: "orders")
            .columns(
                "integration_id", "external_id", "number", "status", "store_status", "currency", "total", "subtotal",
                "shipping_total", "tax_total", "discount_total", "fee_total", "refunded_total", "customer_name",
                "customer_email", "customer_phone", "billing_address", "shipping_address", "customer_note",
                "store_modified_at", "created_at", "updated_at"
            )
            .values(
                SQLBind(integrationID), SQLBind(externalID), SQLBind("\(externalID)"), SQLBind(status),
                SQLBind("processing"), SQLBind("EUR"), SQLBind("1"), SQLBind("1"), SQLBind("0"), SQLBind("0"),
                SQLBind("0"), SQLBind("0"), SQLBind("0"), SQLBind("A"), SQLBind("a@example.test"), SQLBind(""),
                SQLBind("{}"), SQLBind("{}"), SQLBind(""), SQLBind(Int64(1)), SQLBind(Int64(1)), SQLBind(Int64(1))
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        try await sql.insert(into: "order_lines")
            .columns("order_id", "position", "sku", "name", "quantity", "unit_price", "refunded_quantity")
            .values(
                SQLBind(try #require(id)), SQLBind(0), SQLBind(sku), SQLBind(sku), SQLBind(quantity), SQLBind("1"),
                SQLBind(refunded)
            ).run()
    }

    @Test(arguments: TestEngine.allCases)
    func splitsSharedRowsByTheOwnersThatNameThem(engine: TestEngine) async throws {
        try await TestDatabases.with(engine, migrate: false) { database in
            try await migrateToSharedStock(database)
            let alice = try await TestFixtures.user("alice@example.test", in: database)
            let bob = try await TestFixtures.user("bob@example.test", in: database)
            let aliceStore = try await TestFixtures.integrationAtFirstSchema(userID: alice.id, name: "A", in: database)
            let bobStore = try await TestFixtures.integrationAtFirstSchema(userID: bob.id, name: "B", in: database)
            try await database.transaction { sql in
                try await insertMapping("SHARED", integrationID: aliceStore, productID: 1, on: sql)
                try await insertMapping("ALICE-ONLY", integrationID: aliceStore, productID: 2, on: sql)
                try await insertMapping("SHARED", integrationID: bobStore, productID: 7, on: sql)
                // Reservations of the shared row: 2 of Alice's, 3 (4 less 1 refunded) of Bob's; shipped holds none.
                try await insertOrder(
                    externalID: 1, integrationID: aliceStore, status: "ready", sku: "SHARED", quantity: 2, on: sql)
                try await insertOrder(
                    externalID: 1, integrationID: bobStore, status: "picking", sku: "SHARED", quantity: 4,
                    refunded: 1, on: sql)
                try await insertOrder(
                    externalID: 2, integrationID: bobStore, status: "shipped", sku: "SHARED", quantity: 9, on: sql)
                // A SKU only Bob's orders name (not in any catalogue): still Bob's.
                try await insertOrder(
                    externalID: 3, integrationID: bobStore, status: "ready", sku: "BOB-UNMAPPED", quantity: 1,
                    on: sql)
                try await insertLevel("SHARED", onHand: 10, reserved: 5, on: sql)
                try await insertLevel("ALICE-ONLY", onHand: 4, reserved: 0, on: sql)
                try await insertLevel("BOB-UNMAPPED", onHand: 7, reserved: 1, on: sql)
                try await insertLevel("NOBODYS", onHand: 9, reserved: 0, on: sql)
            }

            try await Migrator(database: database).migrate()

            let (aliceLevels, bobLevels, rows) = try await database.read { sql in
                (
                    try await FulfillmentRecords().stockLevels(ownerID: alice.id, on: sql),
                    try await FulfillmentRecords().stockLevels(ownerID: bob.id, on: sql),
                    try await sql.raw("SELECT COUNT(*) AS n FROM stock_levels").first(decodingColumn: "n", as: Int.self)
                )
            }
            #expect(
                aliceLevels == [
                    "SHARED": StockLevel(sku: "SHARED", onHand: 10, reserved: 2),
                    "ALICE-ONLY": StockLevel(sku: "ALICE-ONLY", onHand: 4, reserved: 0),
                ])
            #expect(
                bobLevels == [
                    "SHARED": StockLevel(sku: "SHARED", onHand: 10, reserved: 3),
                    "BOB-UNMAPPED": StockLevel(sku: "BOB-UNMAPPED", onHand: 7, reserved: 1),
                ])
            // NOBODYS: no map and no order names it, and two users could claim it: dropped.
            #expect(rows == 4)

            // The new key holds one row per owner and SKU; a second owner's row for the same SKU is its own.
            try await database.transaction { sql in
                _ = try await StockLevelRecords().setOnHand(0, sku: "SHARED", ownerID: bob.id, at: Date(), on: sql)
            }
            let aliceAfter = try await database.read { sql in
                try await FulfillmentRecords().stockLevels(ownerID: alice.id, skus: ["SHARED"], on: sql)
            }
            #expect(aliceAfter["SHARED"]?.onHand == 10)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aSingleUserKeepsEveryRow(engine: TestEngine) async throws {
        try await TestDatabases.with(engine, migrate: false) { database in
            try await migrateToSharedStock(database)
            let only = try await TestFixtures.user(in: database)
            let store = try await TestFixtures.integrationAtFirstSchema(userID: only.id, in: database)
            try await database.transaction { sql in
                try await insertMapping("MAPPED", integrationID: store, productID: 1, on: sql)
                try await insertLevel("MAPPED", onHand: 3, reserved: 1, on: sql)
                try await insertLevel("UNMAPPED", onHand: 8, reserved: 0, on: sql)
            }
            try await Migrator(database: database).migrate()
            let levels = try await database.read { sql in
                try await FulfillmentRecords().stockLevels(ownerID: only.id, on: sql)
            }
            #expect(
                levels == [
                    "MAPPED": StockLevel(sku: "MAPPED", onHand: 3, reserved: 1),
                    "UNMAPPED": StockLevel(sku: "UNMAPPED", onHand: 8, reserved: 0),
                ])
        }
    }
}
