import Foundation
import Storage

/// Turns stock changes into outbox items: one coalescing `stock` item per integration whose SKU map has the SKU.
///
/// Call it in the transaction that changes `stock_levels`, so the push commits with the change; the value is
/// read when the item is sent, so calling it again before the send adds nothing.
public struct StockPushPlanner: Sendable {
    public init() {}

    /// Enqueues a push of each of the owner's SKUs to every one of the owner's integrations that maps it (of
    /// `integrationIDs` only, when given). Stock belongs to an owner: another user's store that maps the same SKU
    /// never gets this owner's figure.
    ///
    /// - Returns: the ids of the outbox rows holding the pushes.
    @discardableResult
    public func enqueue(
        skus: [String], ownerID: Int64, integrationIDs: Set<Int64>? = nil, at date: Date, on sql: DatabaseSession
    ) async throws -> [Int64] {
        guard !skus.isEmpty else { return [] }
        var owned = Set(try await IntegrationRecords().ids(userID: ownerID, on: sql))
        if let integrationIDs { owned.formIntersection(integrationIDs) }
        guard !owned.isEmpty else { return [] }
        let entries = try await SKUMapRecords().entries(skus: skus, on: sql).filter {
            owned.contains($0.integrationID)
        }
        return try await OutboxRecords().enqueue(
            entries.map { NewOutboxItem.stock(integrationID: $0.integrationID, sku: $0.sku) }, at: date, on: sql)
    }

    /// Enqueues a push of each SKU whose stock orders moved (a reservation, a release, a shipment) to every one of
    /// the owner's stores that maps it, so the figure one store sold from is what the others offer (issue 11,
    /// gap 10). Only SKUs the owner has counted: a level that reservations alone made holds no real figure.
    @discardableResult
    public func enqueueMoved(skus: [String], ownerID: Int64, at date: Date, on sql: DatabaseSession) async throws
        -> [Int64]
    {
        guard !skus.isEmpty else { return [] }
        let counted = try await StockLevelRecords().counted(ownerID: ownerID, skus: skus, on: sql)
        return try await enqueue(skus: skus.filter(counted.contains), ownerID: ownerID, at: date, on: sql)
    }

    /// Enqueues a push of every SKU the integration maps (`products/sync` with direction `push`).
    @discardableResult
    public func enqueueAll(integrationID: Int64, at date: Date, on sql: DatabaseSession) async throws -> [Int64] {
        let entries = try await SKUMapRecords().entries(integrationID: integrationID, on: sql)
        return try await OutboxRecords().enqueue(
            entries.map { NewOutboxItem.stock(integrationID: integrationID, sku: $0.sku) }, at: date, on: sql)
    }
}
