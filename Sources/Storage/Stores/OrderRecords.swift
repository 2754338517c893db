import Foundation
import LogixCore
import SQLKit

/// Reads and writes orders with their lines.
///
/// The write methods take the `SQLDatabase` of a transaction the caller holds, so that one page of orders —
/// inserts, updates, tasks and stock — commits or rolls back as a whole. Batches use multi-row statements:
/// a page of 100 orders costs a handful of round trips, not hundreds.
public struct OrderRecords: Sendable {
    public init() {}

    // MARK: - Reading

    /// The stored orders of `integrationID` among `externalIDs`, keyed by external id, lines included.
    public func fetch(
        integrationID: Int64, externalIDs: [Int64], on sql: DatabaseSession
    ) async throws -> [Int64: Order] {
        guard !externalIDs.isEmpty else { return [:] }
        let rows = try await sql.select().columns(OrderRow.columns).from("orders")
            .where("integration_id", .equal, integrationID)
            .where("external_id", .in, externalIDs)
            .all(decoding: OrderRow.self)
        let orders = try await withLines(rows, on: sql)
        return Dictionary(orders.map { ($0.externalID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The stored version (`storeModifiedAt`) of each of `externalIDs` that the integration has: a cheap
    /// look-up that lets a writer fetch in full only the orders an incoming version would change.
    public func versions(
        integrationID: Int64, externalIDs: [Int64], on sql: DatabaseSession
    ) async throws -> [Int64: Date] {
        guard !externalIDs.isEmpty else { return [:] }
        struct Row: Decodable {
            var externalID: Int64
            var storeModifiedAt: Int64
            enum CodingKeys: String, CodingKey {
                case externalID = "external_id"
                case storeModifiedAt = "store_modified_at"
            }
        }
        var versions: [Int64: Date] = [:]
        for start in stride(from: 0, to: externalIDs.count, by: 1000) {
            let rows = try await sql.select().columns("external_id", "store_modified_at").from("orders")
                .where("integration_id", .equal, integrationID)
                .where("external_id", .in, Array(externalIDs[start..<min(start + 1000, externalIDs.count)]))
                .all(decoding: Row.self)
            for row in rows {
                versions[row.externalID] = Date(timeIntervalSince1970: TimeInterval(row.storeModifiedAt))
            }
        }
        return versions
    }

    /// One order by its Logix id, lines included.
    public func fetch(id: Int64, on sql: DatabaseSession) async throws -> Order? {
        let rows = try await sql.select().columns(OrderRow.columns).from("orders").where("id", .equal, id)
            .all(decoding: OrderRow.self)
        return try await withLines(rows, on: sql).first
    }

    /// A page of orders, newest store change first, with the total count for the filter.
    public func list(
        _ filter: OrderFilter, page: Int, perPage: Int, on sql: DatabaseSession
    ) async throws -> (orders: [Order], total: Int) {
        func apply(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query
            if let integrationIDs = filter.integrationIDs {
                query = query.where("integration_id", .in, integrationIDs.isEmpty ? [-1] : integrationIDs)
            }
            if let status = filter.status { query = query.where("status", .equal, status.rawValue) }
            if let flagged = filter.flaggedForReview {
                query =
                    flagged
                    ? query.where("review", .isNot, SQLLiteral.null) : query.where("review", .is, SQLLiteral.null)
            }
            return query
        }
        let total =
            try await apply(
                sql.select().column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).from("orders")
            )
            .first(decodingColumn: "n", as: Int.self) ?? 0
        let rows = try await apply(sql.select().columns(OrderRow.columns).from("orders"))
            .orderBy("store_modified_at", .descending).orderBy("id", .descending)
            .limit(perPage).offset(max(0, page - 1) * perPage)
            .all(decoding: OrderRow.self)
        return (try await withLines(rows, on: sql), total)
    }

    /// How many orders an integration has.
    public func count(integrationID: Int64, on sql: DatabaseSession) async throws -> Int {
        try await sql.select().column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).from("orders")
            .where("integration_id", .equal, integrationID)
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// How many orders Logix holds, for every integration (the metrics).
    public func countAll(on sql: DatabaseSession) async throws -> Int {
        try await sql.select().column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).from("orders")
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    // MARK: - Writing

    /// Inserts new orders and their lines, a multi-row statement per 500 orders; returns them with their ids.
    /// An order the integration already has is refused (the unique key on (integration, external id)), and the
    /// caller's transaction with it.
    public func insert(_ orders: [Order], on sql: DatabaseSession) async throws -> [Order] {
        try await write(orders, replacingExisting: false, keepingLinesOf: [], on: sql)
    }

    /// Inserts or replaces orders by (integration, external id), a multi-row statement per 500 orders, and
    /// rewrites the lines of those whose lines may have changed; returns the orders with their ids.
    ///
    /// - Parameter keepingLinesOf: external ids of stored orders whose lines are known to be unchanged (only
    ///   the version or status moved): their line rows are left alone.
    public func upsert(
        _ orders: [Order], keepingLinesOf unchangedLines: Set<Int64> = [], on sql: DatabaseSession
    ) async throws -> [Order] {
        try await write(orders, replacingExisting: true, keepingLinesOf: unchangedLines, on: sql)
    }

    private func write(
        _ orders: [Order], replacingExisting: Bool, keepingLinesOf unchangedLines: Set<Int64>,
        on sql: DatabaseSession
    ) async throws -> [Order] {
        guard !orders.isEmpty else { return [] }
        var idByExternal: [Int64: Int64] = [:]
        for start in stride(from: 0, to: orders.count, by: 500) {
            var insert = sql.insert(into: "orders").columns(OrderRow.writableColumns)
            for order in orders[start..<min(start + 500, orders.count)] {
                insert = insert.values(try OrderRow.values(of: order))
            }
            if replacingExisting {
                insert = insert.onConflict(with: ["integration_id", "external_id"]) { update in
                    var update = update
                    for column in OrderRow.writableColumns
                    where column != "integration_id" && column != "external_id" {
                        update = update.set(excludedValueOf: column)
                    }
                    return update
                }
            }
            for row in try await insert.returning("id", "external_id").all(decoding: InsertedID.self) {
                idByExternal[row.externalID] = row.id
            }
        }
        let stored = try orders.map { order in
            var order = order
            guard let id = idByExternal[order.externalID] else {
                throw StorageError(.query, "written order \(order.externalID) came back without an id")
            }
            order.id = id
            return order
        }
        let rewritten = stored.filter { !unchangedLines.contains($0.externalID) }
        if replacingExisting {
            // Every rewritten order's old lines go, whether or not the caller knew it was stored already.
            let replaced = rewritten.compactMap(\.id)
            for start in stride(from: 0, to: replaced.count, by: 1000) {
                try await sql.delete(from: "order_lines")
                    .where("order_id", .in, Array(replaced[start..<min(start + 1000, replaced.count)])).run()
            }
        }
        try await insertLines(of: rewritten, on: sql)
        return stored
    }

    private func insertLines(of orders: [Order], on sql: DatabaseSession) async throws {
        let columns = [
            "order_id", "position", "external_line_id", "sku", "name", "quantity", "unit_price", "external_product_id",
            "external_variation_id", "refunded_quantity",
        ]
        var rows: [[any SQLExpression]] = []
        for order in orders {
            guard let orderID = order.id else { continue }
            for (position, line) in order.lines.enumerated() {
                rows.append([
                    SQLBind(orderID), SQLBind(position), SQLBind(line.externalLineID), SQLBind(line.sku),
                    SQLBind(line.name), SQLBind(line.quantity), SQLBind(DecimalText.string(line.unitPrice)),
                    SQLBind(line.externalProductID), SQLBind(line.externalVariationID), SQLBind(line.refundedQuantity),
                ])
            }
        }
        // Chunked: both engines bound the number of parameters in one statement.
        for start in stride(from: 0, to: rows.count, by: 2000) {
            var insert = sql.insert(into: "order_lines").columns(columns)
            for row in rows[start..<min(start + 2000, rows.count)] { insert = insert.values(row) }
            try await insert.run()
        }
    }

    private func withLines(_ rows: [OrderRow], on sql: DatabaseSession) async throws -> [Order] {
        guard !rows.isEmpty else { return [] }
        let lines = try await sql.select().columns(LineRow.columns).from("order_lines")
            .where("order_id", .in, rows.map(\.id))
            .orderBy("order_id").orderBy("position")
            .all(decoding: LineRow.self)
        let linesByOrder = Dictionary(grouping: lines, by: \.orderID)
        return try rows.map { try $0.order(lines: (linesByOrder[$0.id] ?? []).map { try $0.line() }) }
    }
}

/// The id an insert or upsert assigned to an order.
private struct InsertedID: Decodable {
    var id: Int64
    var externalID: Int64
    enum CodingKeys: String, CodingKey {
        case id
        case externalID = "external_id"
    }
}

/// Which orders to list.
public struct OrderFilter: Sendable, Hashable {
    /// Only these integrations (a user's); `nil` for all.
    public var integrationIDs: [Int64]?
    public var status: OrderStatus?
    /// `true`: only flagged for review; `false`: only not flagged.
    public var flaggedForReview: Bool?

    public init(integrationIDs: [Int64]? = nil, status: OrderStatus? = nil, flaggedForReview: Bool? = nil) {
        self.integrationIDs = integrationIDs
        self.status = status
        self.flaggedForReview = flaggedForReview
    }
}
