import Foundation
import LogixCore
import SQLKit

/// Direct writes to `stock_levels`: a stock count or a warehouse correction sets the figures outright (order
/// effects go through ``FulfillmentRecords`` instead).
public struct StockLevelRecords: Sendable {
    public init() {}

    /// Sets each level's `on_hand` and `reserved` (inside the caller's transaction), creating rows as needed.
    public func set(_ levels: [StockLevel], at date: Date, on sql: DatabaseSession) async throws {
        let now = date.unixSeconds
        var latest: [String: StockLevel] = [:]
        for level in levels { latest[level.sku] = level }
        let sorted = latest.values.sorted { $0.sku < $1.sku }  // one lock order for every writer
        for start in stride(from: 0, to: sorted.count, by: 500) {
            var insert = sql.insert(into: "stock_levels").columns("sku", "on_hand", "reserved", "updated_at")
            for level in sorted[start..<min(start + 500, sorted.count)] {
                insert = insert.values([
                    SQLBind(level.sku), SQLBind(level.onHand), SQLBind(level.reserved), SQLBind(now),
                ])
            }
            try await insert.onConflict(with: ["sku"]) { update in
                update.set(excludedValueOf: "on_hand").set(excludedValueOf: "reserved")
                    .set(excludedValueOf: "updated_at")
            }.run()
        }
    }

    /// A stock count: sets `on_hand` of `sku`, keeping what open orders reserve; returns the new level.
    public func setOnHand(_ onHand: Int, sku: String, at date: Date, on sql: DatabaseSession) async throws
        -> StockLevel
    {
        try await sql.insert(into: "stock_levels").columns("sku", "on_hand", "reserved", "updated_at")
            .values(SQLBind(sku), SQLBind(onHand), SQLBind(0), SQLBind(date.unixSeconds))
            .onConflict(with: ["sku"]) { $0.set(excludedValueOf: "on_hand").set(excludedValueOf: "updated_at") }
            .run()
        let levels = try await FulfillmentRecords().stockLevels(skus: [sku], on: sql)
        return levels[sku] ?? StockLevel(sku: sku, onHand: onHand)
    }

    /// One page of the SKUs the integrations map, with their levels (zero where Logix has none yet), by SKU.
    public func page(
        integrationIDs: [Int64], page: Int, perPage: Int, on sql: DatabaseSession
    ) async throws -> (levels: [StockLevel], total: Int) {
        guard !integrationIDs.isEmpty else { return ([], 0) }
        let total =
            try await sql.select().column(SQLAlias(SQLRaw("COUNT(DISTINCT sku)"), as: "n"))
            .from("products").where("integration_id", .in, integrationIDs)
            .first(decodingColumn: "n", as: Int.self) ?? 0
        let skus = try await sql.select().distinct().column("sku").from("products")
            .where("integration_id", .in, integrationIDs).orderBy("sku")
            .limit(perPage).offset((page - 1) * perPage)
            .all(decodingColumn: "sku", as: String.self)
        let levels = try await FulfillmentRecords().stockLevels(skus: skus, on: sql)
        return (skus.map { levels[$0] ?? StockLevel(sku: $0, onHand: 0) }, total)
    }
}
