import Foundation
import LogixCore
import SQLKit

/// Direct writes to `stock_levels`: a stock count or a warehouse correction sets the figures outright (order
/// effects go through ``FulfillmentRecords`` instead).
///
/// Every figure belongs to an owner — the user whose integrations map the SKU — so two tenants selling the same
/// SKU never share a row (issue 11, defect 1).
public struct StockLevelRecords: Sendable {
    public init() {}

    /// Sets each of the owner's levels' `on_hand` and `reserved` (inside the caller's transaction), creating rows
    /// as needed.
    public func set(_ levels: [StockLevel], ownerID: Int64, at date: Date, on sql: DatabaseSession) async throws {
        let now = date.unixSeconds
        var latest: [String: StockLevel] = [:]
        for level in levels { latest[level.sku] = level }
        let sorted = latest.values.sorted { $0.sku < $1.sku }  // one lock order for every writer
        for start in stride(from: 0, to: sorted.count, by: 500) {
            var insert = sql.insert(into: "stock_levels")
                .columns("owner_id", "sku", "on_hand", "reserved", "updated_at", "counted_at")
            for level in sorted[start..<min(start + 500, sorted.count)] {
                insert = insert.values([
                    SQLBind(ownerID), SQLBind(level.sku), SQLBind(level.onHand), SQLBind(level.reserved),
                    SQLBind(now), SQLBind(now),
                ])
            }
            try await insert.onConflict(with: ["owner_id", "sku"]) { update in
                update.set(excludedValueOf: "on_hand").set(excludedValueOf: "reserved")
                    .set(excludedValueOf: "updated_at").set(excludedValueOf: "counted_at")
            }.run()
        }
    }

    /// A stock count: sets the owner's `on_hand` of `sku`, keeping what open orders reserve; returns the new level.
    public func setOnHand(
        _ onHand: Int, sku: String, ownerID: Int64, at date: Date, on sql: DatabaseSession
    ) async throws -> StockLevel {
        try await sql.insert(into: "stock_levels")
            .columns("owner_id", "sku", "on_hand", "reserved", "updated_at", "counted_at")
            .values(
                SQLBind(ownerID), SQLBind(sku), SQLBind(onHand), SQLBind(0), SQLBind(date.unixSeconds),
                SQLBind(date.unixSeconds)
            )
            .onConflict(with: ["owner_id", "sku"]) {
                $0.set(excludedValueOf: "on_hand").set(excludedValueOf: "updated_at").set(excludedValueOf: "counted_at")
            }
            .run()
        let levels = try await FulfillmentRecords().stockLevels(ownerID: ownerID, skus: [sku], on: sql)
        return levels[sku] ?? StockLevel(sku: sku, onHand: onHand)
    }

    /// Which of `skus` the owner has given Logix an on-hand figure for (a count): only those figures mean
    /// anything to a store. A level that only reservations made would push zero, or less, before anyone counted.
    public func counted(ownerID: Int64, skus: [String], on sql: DatabaseSession) async throws -> Set<String> {
        var found: Set<String> = []
        let unique = Array(Set(skus)).sorted()
        for start in stride(from: 0, to: unique.count, by: 1000) {
            found.formUnion(
                try await sql.select().column("sku").from("stock_levels").where("owner_id", .equal, ownerID)
                    .where("sku", .in, Array(unique[start..<min(start + 1000, unique.count)]))
                    .where("counted_at", .isNot, SQLLiteral.null)
                    .all(decodingColumn: "sku", as: String.self))
        }
        return found
    }

    /// One page of the SKUs the owner's integrations map — or use on several records (``SKUDuplicateRecords``),
    /// which the owner must see too — with the owner's levels (zero where Logix has none yet), by SKU.
    ///
    /// - Parameter search: only SKUs containing it, in any case; `nil` or blank for all.
    public func page(
        ownerID: Int64, integrationIDs: [Int64], search: String? = nil, page: Int, perPage: Int,
        on sql: DatabaseSession
    ) async throws -> (levels: [StockLevel], total: Int) {
        guard !integrationIDs.isEmpty else { return ([], 0) }
        let binds = integrationIDs.map { $0 as any Encodable & Sendable }
        var listed: SQLQueryString = """
            SELECT sku FROM products WHERE integration_id IN (\(binds: binds)) \
            UNION SELECT sku FROM sku_duplicates WHERE integration_id IN (\(binds: binds))
            """
        if let search = search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
            let pattern = "%" + LikePattern.escaped(search.lowercased()) + "%"
            listed = "SELECT sku FROM (\(listed)) mapped WHERE LOWER(sku) LIKE \(bind: pattern) ESCAPE '\\'"
        }
        let total =
            try await sql.raw("SELECT COUNT(*) AS n FROM (\(listed)) counted")
            .first(decodingColumn: "n", as: Int.self) ?? 0
        let offset = (page - 1) * perPage
        let skus = try await sql.raw(
            "SELECT sku FROM (\(listed)) paged ORDER BY sku LIMIT \(literal: perPage) OFFSET \(literal: offset)"
        )
        .all(decodingColumn: "sku", as: String.self)
        let levels = try await FulfillmentRecords().stockLevels(ownerID: ownerID, skus: skus, on: sql)
        return (skus.map { levels[$0] ?? StockLevel(sku: $0, onHand: 0) }, total)
    }
}
