import Foundation
import LogixCore
import SQLKit

/// Direct writes to `stock_levels`: a stock count or a warehouse correction sets the figures outright (order
/// effects go through ``FulfillmentRecords`` instead).
public struct StockLevelRecords: Sendable {
    public init() {}

    /// Sets each level's `on_hand` and `reserved` (inside the caller's transaction), creating rows as needed.
    public func set(_ levels: [StockLevel], at date: Date, on sql: any SQLDatabase) async throws {
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
}
