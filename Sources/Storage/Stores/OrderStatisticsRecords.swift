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

    /// The delays (as ``shipmentDelayBuckets(integrationIDs:shippedFrom:to:bounds:on:)`` measures them) at the
    /// nearest ranks of `shares` (each in `0...1`: the smallest delay at least that share of the orders did not
    /// exceed), in one statement: the orders are ranked once by a window function, not sorted once per share.
    ///
    /// - Returns: the delay of each share, in the order given; empty when no order shipped in the window.
    public func shipmentDelays(
        atShares shares: [Double], integrationIDs: [Int64], shippedFrom from: Date, to: Date,
        on sql: DatabaseSession
    ) async throws -> [Int64] {
        guard !integrationIDs.isEmpty, !shares.isEmpty else { return [] }
        // Nearest rank ceil(share × n), 1-based, in integer arithmetic: per mille, so both engines agree exactly.
        let permille = shares.map { Int(($0 * 1000).rounded()) }
        var wanted = SQLQueryString("")
        for (index, share) in permille.enumerated() {
            wanted.appendInterpolation(unsafeRaw: index == 0 ? "" : " OR ")
            wanted.appendInterpolation(unsafeRaw: "rn = (n * \(share) + 999) / 1000")
        }
        let query: SQLQueryString = """
            \(delays(integrationIDs: integrationIDs, from: from, to: to)), \
            ranked AS (SELECT seconds, ROW_NUMBER() OVER (ORDER BY seconds) AS rn, COUNT(*) OVER () AS n FROM delays) \
            SELECT seconds, rn, n FROM ranked WHERE \(wanted)
            """
        struct Row: Decodable {
            var seconds: Int64
            var rn: Int
            var n: Int
        }
        let rows = try await sql.raw(query).all(decoding: Row.self)
        guard let n = rows.first?.n else { return [] }
        let byRank = Dictionary(rows.map { ($0.rn, $0.seconds) }, uniquingKeysWith: { first, _ in first })
        return permille.compactMap { byRank[max(1, (n * $0 + 999) / 1000)] }
    }

    /// `WITH firsts AS (…), delays AS (…)`: one row per order shipped first in `[from, to)`, with its `seconds`.
    /// Only orders with a shipment in the window are grouped (the `shipments (shipped_at, order_id)` index finds
    /// them), so the cost follows the window, not the whole history.
    private func delays(integrationIDs: [Int64], from: Date, to: Date) -> SQLQueryString {
        let binds = integrationIDs.map { $0 as any Encodable & Sendable }
        return """
            WITH firsts AS (\
            SELECT s.order_id AS order_id, MIN(s.shipped_at) AS shipped FROM shipments s \
            JOIN orders o ON o.id = s.order_id WHERE o.integration_id IN (\(binds: binds)) \
            AND s.order_id IN (SELECT order_id FROM shipments \
            WHERE shipped_at >= \(bind: from.unixSeconds) AND shipped_at < \(bind: to.unixSeconds)) \
            GROUP BY s.order_id \
            HAVING MIN(s.shipped_at) >= \(bind: from.unixSeconds) AND MIN(s.shipped_at) < \(bind: to.unixSeconds)), \
            delays AS (\
            SELECT CASE WHEN f.shipped < COALESCE(o.placed_at, o.created_at) THEN 0 \
            ELSE f.shipped - COALESCE(o.placed_at, o.created_at) END AS seconds \
            FROM firsts f JOIN orders o ON o.id = f.order_id)
            """
    }
}
