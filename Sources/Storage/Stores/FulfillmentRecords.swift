import Foundation
import LogixCore
import SQLKit

/// Applies the ``LifecycleEffect``s of order changes to `fulfillment_tasks` and `stock_levels`, inside the
/// caller's transaction, so tasks and stock never disagree with the orders written beside them.
///
/// Tasks: cancellations first, then completions, then new tasks. An order's effects from one status step are
/// at most "cancel open tasks", or "complete one kind, create the next", so this order keeps their meaning
/// while batching each kind into one statement.
///
/// Stock: the owner's levels of every SKU touched are read once (locked `FOR UPDATE` on PostgreSQL, where another
/// integration's page may touch the same SKU; SQLite holds the whole database), the effects applied in order
/// with ``StockLevel``'s arithmetic, and written back. Stock belongs to the owner of the integrations (the user),
/// so another tenant's orders never move it.
public struct FulfillmentRecords: Sendable {
    public init() {}

    /// Applies each order's effects. `orderID` is the stored order's id; `ownerID` the user owning the orders'
    /// integration, whose stock they reserve, release and consume.
    ///
    /// - Returns: the SKUs whose level changed, sorted (their available figure is news for the owner's stores).
    @discardableResult
    public func apply(
        _ effects: [(orderID: Int64, effects: [LifecycleEffect])], ownerID: Int64, at date: Date,
        on sql: DatabaseSession
    ) async throws -> [String] {
        let now = date.unixSeconds
        var cancelled: [Int64] = []
        var completed: [FulfillmentTask.Kind: [Int64]] = [:]
        var created: [(Int64, FulfillmentTask.Kind)] = []
        var stockEffects: [LifecycleEffect] = []
        for (orderID, list) in effects {
            for effect in list {
                switch effect {
                case .cancelOpenTasks: cancelled.append(orderID)
                case .completeTask(let kind): completed[kind, default: []].append(orderID)
                case .createTask(let kind): created.append((orderID, kind))
                case .reserveStock, .releaseStock, .consumeStock: stockEffects.append(effect)
                }
            }
        }
        for start in stride(from: 0, to: cancelled.count, by: 1000) {
            try await sql.update("fulfillment_tasks")
                .set("status", to: SQLBind(FulfillmentTask.Status.cancelled.rawValue))
                .where("order_id", .in, Array(cancelled[start..<min(start + 1000, cancelled.count)]))
                .where("status", .equal, FulfillmentTask.Status.open.rawValue)
                .run()
        }
        for (kind, orderIDs) in completed.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            for start in stride(from: 0, to: orderIDs.count, by: 1000) {
                try await sql.update("fulfillment_tasks")
                    .set("status", to: SQLBind(FulfillmentTask.Status.done.rawValue))
                    .set("completed_at", to: SQLBind(now))
                    .where("order_id", .in, Array(orderIDs[start..<min(start + 1000, orderIDs.count)]))
                    .where("kind", .equal, kind.rawValue)
                    .where("status", .equal, FulfillmentTask.Status.open.rawValue)
                    .run()
            }
        }
        for start in stride(from: 0, to: created.count, by: 1000) {
            try await SQLBulkInsert(
                table: "fulfillment_tasks", columns: ["order_id", "kind", "status", "created_at"],
                rows: created[start..<min(start + 1000, created.count)].map { orderID, kind in
                    [
                        .integer(orderID), .text(kind.rawValue), .text(FulfillmentTask.Status.open.rawValue),
                        .integer(now),
                    ]
                }
            ).run(on: sql)
        }
        return try await applyStock(stockEffects, ownerID: ownerID, at: now, on: sql)
    }

    private func applyStock(
        _ effects: [LifecycleEffect], ownerID: Int64, at now: Int64, on sql: DatabaseSession
    ) async throws -> [String] {
        var skus: Set<String> = []
        for effect in effects {
            switch effect {
            case .reserveStock(let items), .releaseStock(let items), .consumeStock(let items):
                skus.formUnion(items.map(\.sku))
            case .createTask, .completeTask, .cancelOpenTasks:
                break
            }
        }
        guard !skus.isEmpty else { return [] }
        let sorted = skus.sorted()  // one lock order for every writer: no deadlocks between pages
        var levels: [String: StockLevel] = [:]
        for start in stride(from: 0, to: sorted.count, by: 1000) {
            let chunk = Array(sorted[start..<min(start + 1000, sorted.count)])
            try await SQLBulkInsert(
                table: "stock_levels", columns: Self.stockColumns,
                rows: chunk.map { [.integer(ownerID), .text($0), .integer(0), .integer(0), .integer(now)] },
                conflict: .ignore(target: ["owner_id", "sku"])
            ).run(on: sql)
            let rows = try await sql.select().columns("sku", "on_hand", "reserved").from("stock_levels")
                .where("owner_id", .equal, ownerID).where("sku", .in, chunk).orderBy("sku").for(.update)
                .all(decoding: StockRow.self)
            for row in rows { levels[row.sku] = StockLevel(sku: row.sku, onHand: row.onHand, reserved: row.reserved) }
        }
        let before = levels
        for effect in effects {
            for (sku, level) in levels { levels[sku] = level.applying(effect) }
        }
        let changed = sorted.filter { levels[$0] != before[$0] }
        for start in stride(from: 0, to: changed.count, by: 1000) {
            let rows: [[SQLValue]] = changed[start..<min(start + 1000, changed.count)].compactMap { sku in
                levels[sku].map { [.integer(ownerID), .text(sku), .int($0.onHand), .int($0.reserved), .integer(now)] }
            }
            guard !rows.isEmpty else { continue }
            try await SQLBulkInsert(
                table: "stock_levels", columns: Self.stockColumns, rows: rows,
                conflict: .update(target: ["owner_id", "sku"], columns: ["on_hand", "reserved", "updated_at"])
            ).run(on: sql)
        }
        return changed
    }

    private static let stockColumns = ["owner_id", "sku", "on_hand", "reserved", "updated_at"]

    // MARK: - Reading

    /// The order's tasks, oldest first.
    public func tasks(orderID: Int64, on sql: DatabaseSession) async throws -> [FulfillmentTask] {
        try await sql.select()
            .columns(
                "id", "order_id", "kind", "status", "carrier", "tracking_number", "tracking_url", "created_at",
                "completed_at"
            )
            .from("fulfillment_tasks").where("order_id", .equal, orderID).orderBy("id")
            .all(decoding: TaskRow.self).map { try $0.task() }
    }

    /// The owner's stock levels by SKU (all of them when `skus` is `nil`).
    public func stockLevels(
        ownerID: Int64, skus: [String]? = nil, on sql: DatabaseSession
    ) async throws -> [String: StockLevel] {
        var query = sql.select().columns("sku", "on_hand", "reserved").from("stock_levels")
            .where("owner_id", .equal, ownerID)
        if let skus { query = query.where("sku", .in, skus.isEmpty ? [""] : skus) }
        let rows = try await query.all(decoding: StockRow.self)
        return Dictionary(
            rows.map { ($0.sku, StockLevel(sku: $0.sku, onHand: $0.onHand, reserved: $0.reserved)) },
            uniquingKeysWith: { first, _ in first })
    }
}

private struct StockRow: Decodable {
    var sku: String
    var onHand: Int
    var reserved: Int
    enum CodingKeys: String, CodingKey {
        case sku
        case onHand = "on_hand"
        case reserved
    }
}

private struct TaskRow: Decodable {
    var id: Int64
    var orderID: Int64
    var kind: String
    var status: String
    var carrier: String?
    var trackingNumber: String?
    var trackingURL: String?
    var createdAt: Int64
    var completedAt: Int64?

    enum CodingKeys: String, CodingKey {
        case id
        case orderID = "order_id"
        case kind, status, carrier
        case trackingNumber = "tracking_number"
        case trackingURL = "tracking_url"
        case createdAt = "created_at"
        case completedAt = "completed_at"
    }

    func task() throws -> FulfillmentTask {
        guard let kind = FulfillmentTask.Kind(rawValue: kind), let status = FulfillmentTask.Status(rawValue: status)
        else { throw StorageError(.query, "task \(id) has an unknown kind \(kind) or status \(status)") }
        return FulfillmentTask(
            id: id, orderID: orderID, kind: kind, status: status, carrier: carrier, trackingNumber: trackingNumber,
            trackingURL: trackingURL, createdAt: Date(timeIntervalSince1970: TimeInterval(createdAt)),
            completedAt: completedAt.map { Date(timeIntervalSince1970: TimeInterval($0)) })
    }
}
