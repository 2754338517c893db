import Foundation
import Storage

/// Turns stock changes into outbox items: one coalescing `stock` item per integration whose SKU map has the SKU.
///
/// Call it in the transaction that changes `stock_levels`, so the push commits with the change; the value is
/// read when the item is sent, so calling it again before the send adds nothing.
public struct StockPushPlanner: Sendable {
    public init() {}

    /// Enqueues a push of each SKU to every integration that maps it (of `integrationIDs` only, when given:
    /// one user's stock change goes to that user's stores).
    ///
    /// - Returns: the ids of the outbox rows holding the pushes.
    @discardableResult
    public func enqueue(
        skus: [String], integrationIDs: Set<Int64>? = nil, at date: Date, on sql: DatabaseSession
    ) async throws -> [Int64] {
        guard !skus.isEmpty else { return [] }
        let entries = try await SKUMapRecords().entries(skus: skus, on: sql).filter {
            integrationIDs?.contains($0.integrationID) ?? true
        }
        return try await OutboxRecords().enqueue(
            entries.map { NewOutboxItem.stock(integrationID: $0.integrationID, sku: $0.sku) }, at: date, on: sql)
    }

    /// Enqueues a push of every SKU the integration maps (`products/sync` with direction `push`).
    @discardableResult
    public func enqueueAll(integrationID: Int64, at date: Date, on sql: DatabaseSession) async throws -> [Int64] {
        let entries = try await SKUMapRecords().entries(integrationID: integrationID, on: sql)
        return try await OutboxRecords().enqueue(
            entries.map { NewOutboxItem.stock(integrationID: integrationID, sku: $0.sku) }, at: date, on: sql)
    }
}
