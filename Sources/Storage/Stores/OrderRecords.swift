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

    /// The integration and store id of the order with Logix id `orderID`, without its lines; `nil` when there is
    /// none. A cheap ownership check.
    public func fetchHeader(id orderID: Int64, on sql: DatabaseSession) async throws -> OrderHeader? {
        try await sql.select().columns("id", "integration_id", "external_id").from("orders")
            .where("id", .equal, orderID).first(decoding: OrderHeader.self)
    }

    /// A page of orders, newest store change first (an order whose number is searched for before all), with the
    /// total count for the filter.
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
            if let search = filter.search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
                query = query.where(Self.matching(search))
            }
            return query
        }
        let total =
            try await apply(
                sql.select().column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).from("orders")
            )
            .first(decodingColumn: "n", as: Int.self) ?? 0
        var listing = apply(sql.select().columns(OrderRow.columns).from("orders"))
        if let search = filter.search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
            // The order whose number was typed comes first, before customers who merely contain it.
            let number = search.hasPrefix("#") ? String(search.dropFirst()) : search
            listing = listing.orderBy(SQLQueryString("CASE WHEN number = \(bind: number) THEN 0 ELSE 1 END"))
        }
        let rows =
            try await listing
            .orderBy("store_modified_at", .descending).orderBy("id", .descending)
            .limit(perPage).offset(max(0, page - 1) * perPage)
            .all(decoding: OrderRow.self)
        return (try await withLines(rows, on: sql), total)
    }

    /// The condition of ``OrderFilter/search``: the number exactly, or a case-insensitive part of the customer's
    /// e-mail or name. A leading `#` is how people write a number, and then only the number is matched (`#12` must
    /// not find every customer with 12 in their address). The text is a literal, never a pattern: `%` and `_` in it
    /// match themselves.
    static func matching(_ search: String) -> SQLQueryString {
        if search.hasPrefix("#") {
            return "(number = \(bind: String(search.dropFirst())) OR number = \(bind: search))"
        }
        let pattern = "%" + LikePattern.escaped(search.lowercased()) + "%"
        // `LOWER` folds ASCII only on SQLite (and in a C locale on PostgreSQL): a name typed as the store spells it
        // ("Zoë") matches as typed too.
        let typed = "%" + LikePattern.escaped(search) + "%"
        return """
            (number = \(bind: search) \
            OR LOWER(customer_email) LIKE \(bind: pattern) ESCAPE '\\' \
            OR LOWER(customer_name) LIKE \(bind: pattern) ESCAPE '\\' \
            OR customer_name LIKE \(bind: typed) ESCAPE '\\')
            """
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
    ///
    /// Each order's timeline gets its `received` event (``OrderEventRecords``), from `origin`.
    public func insert(
        _ orders: [Order], origin: String? = OrderEvent.Origin.storeImport, on sql: DatabaseSession
    ) async throws -> [Order] {
        try await write(orders, replacingExisting: false, keepingLinesOf: [], new: [], origin: origin, on: sql)
    }

    /// Inserts or replaces orders by (integration, external id), a multi-row statement per 500 orders, and
    /// rewrites the lines of those whose lines may have changed; returns the orders with their ids.
    ///
    /// - Parameter keepingLinesOf: external ids of stored orders whose lines are known to be unchanged (only
    ///   the version or status moved): their line rows are left alone.
    /// - Parameter origin: who caused the change (one of ``OrderEvent/Origin``'s names), recorded with the events
    ///   the write adds to each order's timeline: `received` for a new order, `status_changed` when the Logix
    ///   status moved, `flagged` when a new review flag was set. Nothing else is an event, so writing the same
    ///   order again adds none.
    /// - Parameter new: external ids the caller read, under the integration's write lock in this transaction,
    ///   as not stored: there is no stored state to compare with and no old line to remove, so neither is read.
    public func upsert(
        _ orders: [Order], keepingLinesOf unchangedLines: Set<Int64> = [], origin: String? = nil,
        new: Set<Int64> = [], on sql: DatabaseSession
    ) async throws -> [Order] {
        try await write(
            orders, replacingExisting: true, keepingLinesOf: unchangedLines, new: new, origin: origin, on: sql)
    }

    private func write(
        _ orders: [Order], replacingExisting: Bool, keepingLinesOf unchangedLines: Set<Int64>, new: Set<Int64>,
        origin: String?, on sql: DatabaseSession
    ) async throws -> [Order] {
        guard !orders.isEmpty else { return [] }
        // What the timeline compares with: the stored status and flag of the orders about to be replaced.
        let replaced = replacingExisting ? orders.filter { !new.contains($0.externalID) } : []
        let previous = try await timelineStates(of: replaced, on: sql)
        var idByExternal: [Int64: Int64] = [:]
        for start in stride(from: 0, to: orders.count, by: 500) {
            let insert = SQLBulkInsert(
                table: "orders", columns: OrderRow.writableColumns,
                rows: try orders[start..<min(start + 500, orders.count)].map { try OrderRow.values(of: $0) },
                conflict: replacingExisting
                    ? .update(
                        target: Self.orderKey, columns: OrderRow.writableColumns.filter { !Self.orderKey.contains($0) })
                    : .fail,
                returning: ["id", "external_id"])
            let inserted = try await insert.all(on: sql) { row in
                (id: try row.integer("id"), externalID: try row.integer("external_id"))
            }
            for row in inserted { idByExternal[row.externalID] = row.id }
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
            // Every rewritten order's old lines go, unless the caller read it as not stored.
            let replaced = rewritten.filter { !new.contains($0.externalID) }.compactMap(\.id)
            for start in stride(from: 0, to: replaced.count, by: 1000) {
                try await sql.delete(from: "order_lines")
                    .where("order_id", .in, Array(replaced[start..<min(start + 1000, replaced.count)])).run()
            }
        }
        try await insertLines(of: rewritten, on: sql)
        try await OrderEventRecords().insert(
            try stored.flatMap { try events(of: $0, previous: previous[$0.externalID], origin: origin) }, on: sql)
        return stored
    }

    /// An order's status and review flag as stored, what its next write is compared with.
    private struct TimelineState: Decodable {
        var externalID: Int64
        var status: String
        var review: String?
        enum CodingKeys: String, CodingKey {
            case externalID = "external_id"
            case status, review
        }
    }

    /// The stored state of those of `orders` Logix holds, by external id. The orders of one write belong to one
    /// integration in every caller, but nothing here depends on it.
    private func timelineStates(of orders: [Order], on sql: DatabaseSession) async throws -> [Int64: TimelineState] {
        guard !orders.isEmpty else { return [:] }
        var states: [Int64: TimelineState] = [:]
        for (integrationID, group) in Dictionary(grouping: orders, by: \.integrationID) {
            let ids = group.map(\.externalID)
            for start in stride(from: 0, to: ids.count, by: 1000) {
                let rows = try await sql.select().columns("external_id", "status", "review").from("orders")
                    .where("integration_id", .equal, integrationID)
                    .where("external_id", .in, Array(ids[start..<min(start + 1000, ids.count)]))
                    .all(decoding: TimelineState.self)
                for row in rows { states[row.externalID] = row }
            }
        }
        return states
    }

    /// The timeline events of writing `order` over `previous` (`nil`: a new order).
    private func events(of order: Order, previous: TimelineState?, origin: String?) throws -> [OrderEvent] {
        guard let orderID = order.id else { return [] }
        guard let previous else {
            return [
                OrderEvent(
                    orderID: orderID, at: order.updatedAt, kind: .received, toStatus: order.status, origin: origin,
                    detail: "order \(order.number)")
            ]
        }
        var events: [OrderEvent] = []
        let before = OrderStatus(rawValue: previous.status)
        if before != order.status {
            events.append(
                OrderEvent(
                    orderID: orderID, at: order.updatedAt, kind: .statusChanged, fromStatus: before,
                    toStatus: order.status, origin: origin, detail: ""))
        }
        if let flag = order.review {
            let old = try previous.review.map { try JSONDecoder().decode(ReviewFlag.self, from: Data($0.utf8)) }
            if old != flag {
                events.append(
                    OrderEvent(
                        orderID: orderID, at: order.updatedAt, kind: .flagged, origin: origin,
                        detail: OrderEvent.flagDetail(flag)))
            }
        }
        return events
    }

    private func insertLines(of orders: [Order], on sql: DatabaseSession) async throws {
        let columns = [
            "order_id", "position", "external_line_id", "sku", "name", "quantity", "unit_price", "external_product_id",
            "external_variation_id", "refunded_quantity",
        ]
        var rows: [[SQLValue]] = []
        for order in orders {
            guard let orderID = order.id else { continue }
            for (position, line) in order.lines.enumerated() {
                rows.append([
                    .integer(orderID), .int(position), .integer(line.externalLineID), .text(line.sku), .text(line.name),
                    .int(line.quantity), .text(DecimalText.string(line.unitPrice)), .integer(line.externalProductID),
                    .integer(line.externalVariationID), .int(line.refundedQuantity),
                ])
            }
        }
        // Chunked: both engines bound the number of parameters in one statement.
        for start in stride(from: 0, to: rows.count, by: 2000) {
            try await SQLBulkInsert(
                table: "order_lines", columns: columns, rows: Array(rows[start..<min(start + 2000, rows.count)])
            ).run(on: sql)
        }
    }

    /// An order's key within its integration: what an upsert replaces by.
    private static let orderKey = ["integration_id", "external_id"]

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

/// An order's identity: its Logix id, its integration and the store's id.
public struct OrderHeader: Sendable, Hashable, Decodable {
    public var id: Int64
    public var integrationID: Int64
    public var externalID: Int64

    enum CodingKeys: String, CodingKey {
        case id
        case integrationID = "integration_id"
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
    /// The order number exactly (with or without a leading `#`), or part of the customer's e-mail or name, in any
    /// case; `nil` or blank for every order.
    public var search: String?

    public init(
        integrationIDs: [Int64]? = nil, status: OrderStatus? = nil, flaggedForReview: Bool? = nil,
        search: String? = nil
    ) {
        self.integrationIDs = integrationIDs
        self.status = status
        self.flaggedForReview = flaggedForReview
        self.search = search
    }
}
