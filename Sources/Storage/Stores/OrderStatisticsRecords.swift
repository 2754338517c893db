import Foundation
import SQLKit

/// The aggregates behind the console's charts, each one SQL statement over `orders` and `shipments`, so a chart of
/// 10,000 orders costs a few milliseconds and never loads an order.
///
/// An order's placed time is `placed_at`, or `created_at` for a row that has none (the store did not say).
public struct OrderStatisticsRecords: Sendable {
    public init() {}

    /// How many orders one integration had placed on one UTC day.
    public struct DayCount: Sendable, Hashable, Decodable {
        public var integrationID: Int64
        /// Days since 1970-01-01 (UTC).
        public var day: Int64
        public var count: Int

        enum CodingKeys: String, CodingKey {
            case integrationID = "integration_id"
            case day
            case count = "n"
        }
    }

    /// Orders of `integrationIDs` placed in `[from, to)`, counted per integration and UTC day, by day then
    /// integration; days without orders are absent.
    public func ordersPerDay(
        integrationIDs: [Int64], from: Date, to: Date, on sql: DatabaseSession
    ) async throws -> [DayCount] {
        guard !integrationIDs.isEmpty else { return [] }
        let binds = integrationIDs.map { $0 as any Encodable & Sendable }
        let (start, end) = (from.unixSeconds, to.unixSeconds)
        // Written so the (integration_id, placed_at) index serves every row that has a placed time.
        let query: SQLQueryString = """
            SELECT integration_id, COALESCE(placed_at, created_at) / 86400 AS day, COUNT(*) AS n FROM orders \
            WHERE integration_id IN (\(binds: binds)) \
            AND ((placed_at >= \(bind: start) AND placed_at < \(bind: end)) \
            OR (placed_at IS NULL AND created_at >= \(bind: start) AND created_at < \(bind: end))) \
            GROUP BY integration_id, COALESCE(placed_at, created_at) / 86400 \
            ORDER BY day, integration_id
            """
        return try await sql.raw(query).all(decoding: DayCount.self)
    }

    /// The seconds from being placed to the first shipment of each order of `integrationIDs` whose first shipment
    /// left in `[from, to)`, counted into buckets: bucket `i` holds the delays below `bounds[i]` (and not below
    /// `bounds[i - 1]`), the last one those of `bounds.last` and more. A shipment recorded before the order's
    /// placed time (clocks disagree) counts as zero.
    ///
    /// - Returns: a count per bucket (`bounds.count + 1` of them).
    public func shipmentDelayBuckets(
        integrationIDs: [Int64], shippedFrom from: Date, to: Date, bounds: [Int64], on sql: DatabaseSession
    ) async throws -> [Int] {
        var counts = Array(repeating: 0, count: bounds.count + 1)
        guard !integrationIDs.isEmpty else { return counts }
        var bucket = SQLQueryString("CASE")
        for (index, bound) in bounds.enumerated() {
            bucket.appendInterpolation(unsafeRaw: " WHEN seconds < \(bound) THEN \(index)")
        }
        bucket.appendInterpolation(unsafeRaw: " ELSE \(bounds.count) END")
        let query: SQLQueryString = """
            \(delays(integrationIDs: integrationIDs, from: from, to: to)) \
            SELECT \(bucket) AS bucket, COUNT(*) AS n FROM delays GROUP BY 1
            """
        struct Row: Decodable {
            var bucket: Int
            var n: Int
        }
        for row in try await sql.raw(query).all(decoding: Row.self) where counts.indices.contains(row.bucket) {
            counts[row.bucket] = row.n
        }
        return counts
    }

    /// The delay (as ``shipmentDelayBuckets(integrationIDs:shippedFrom:to:bounds:on:)`` measures it) at 0-based
    /// `rank` among the same orders sorted by delay; `nil` when there are not that many.
    public func shipmentDelay(
        atRank rank: Int, integrationIDs: [Int64], shippedFrom from: Date, to: Date, on sql: DatabaseSession
    ) async throws -> Int64? {
        guard !integrationIDs.isEmpty, rank >= 0 else { return nil }
        let query: SQLQueryString = """
            \(delays(integrationIDs: integrationIDs, from: from, to: to)) \
            SELECT seconds FROM delays ORDER BY seconds LIMIT 1 OFFSET \(literal: rank)
            """
        return try await sql.raw(query).first(decodingColumn: "seconds", as: Int64.self)
    }

    /// `WITH firsts AS (…), delays AS (…)`: one row per order shipped first in `[from, to)`, with its `seconds`.
    private func delays(integrationIDs: [Int64], from: Date, to: Date) -> SQLQueryString {
        let binds = integrationIDs.map { $0 as any Encodable & Sendable }
        return """
            WITH firsts AS (\
            SELECT s.order_id AS order_id, MIN(s.shipped_at) AS shipped FROM shipments s \
            JOIN orders o ON o.id = s.order_id WHERE o.integration_id IN (\(binds: binds)) \
            GROUP BY s.order_id \
            HAVING MIN(s.shipped_at) >= \(bind: from.unixSeconds) AND MIN(s.shipped_at) < \(bind: to.unixSeconds)), \
            delays AS (\
            SELECT CASE WHEN f.shipped < COALESCE(o.placed_at, o.created_at) THEN 0 \
            ELSE f.shipped - COALESCE(o.placed_at, o.created_at) END AS seconds \
            FROM firsts f JOIN orders o ON o.id = f.order_id)
            """
    }
}
