import Foundation
import LogixCore
import Storage

/// The use cases of Logix's stock as a user sees it: the levels of the SKUs their stores map, and a new
/// on-hand count, pushed to every one of their stores that maps the SKU through the outbox (coalesced: only the
/// newest figure is sent). A SKU none of the user's stores maps is ``SyncError/Kind/notFound``: there is
/// nowhere to push it, and another user's SKU must look the same as one that does not exist.
public struct Inventory: Sendable {
    let database: LogixDatabase
    let signal: OutboxSignal
    let clock: any LogixClock

    public init(database: LogixDatabase, signal: OutboxSignal, clock: any LogixClock) {
        self.database = database
        self.signal = signal
        self.clock = clock
    }

    /// A page of the levels of every SKU the user's stores map (or use on several products), with how each of
    /// those stores tracks it.
    ///
    /// - Parameter search: only SKUs containing it, in any case; `nil` or blank for all.
    public func levels(
        userID: Int64, page: Int, perPage: Int, search: String? = nil
    ) async throws -> (items: [InventoryItem], total: Int) {
        try await database.read { sql in
            let integrations = try await IntegrationRecords().list(userID: userID, on: sql)
            let owned = integrations.map(\.id)
            let names = Dictionary(integrations.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            let (levels, total) = try await StockLevelRecords().page(
                ownerID: userID, integrationIDs: owned, search: search, page: page, perPage: perPage, on: sql)
            let skus = levels.map(\.sku)
            let entries = try await Self.entries(skus: skus, owned: Set(owned), on: sql)
            let duplicates = try await SKUDuplicateRecords().duplicates(skus: skus, integrationIDs: owned, on: sql)
            return (
                levels.map { InventoryItem(level: $0, entries: entries, duplicates: duplicates, names: names) }, total
            )
        }
    }

    /// The SKU map entries of `skus` in the user's stores.
    private static func entries(skus: [String], owned: Set<Int64>, on sql: DatabaseSession) async throws
        -> [SKUMapEntry]
    {
        try await SKUMapRecords().entries(skus: skus, on: sql).filter { owned.contains($0.integrationID) }
    }

    /// Sets the on-hand count of `sku` and queues it for each of the user's stores that maps it.
    public func setOnHand(_ onHand: Int?, sku: String, userID: Int64) async throws -> InventoryItem {
        guard let onHand else { throw SyncError.invalid(["on_hand": "required"]) }
        guard (0...1_000_000_000).contains(onHand) else {
            throw SyncError.invalid(["on_hand": "must be between 0 and 1,000,000,000"])
        }
        let now = clock.now()
        let result = try await database.transaction { sql -> (InventoryItem, Int)? in
            let integrations = try await IntegrationRecords().list(userID: userID, on: sql)
            let owned = Set(integrations.map(\.id))
            let names = Dictionary(integrations.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            let mapped = try await Self.entries(skus: [sku], owned: owned, on: sql)
            guard !mapped.isEmpty else { return nil }
            let level = try await StockLevelRecords().setOnHand(onHand, sku: sku, ownerID: userID, at: now, on: sql)
            let queued = try await StockPushPlanner().enqueue(skus: [sku], ownerID: userID, at: now, on: sql)
            let duplicates = try await SKUDuplicateRecords().duplicates(
                skus: [sku], integrationIDs: owned.sorted(), on: sql)
            return (InventoryItem(level: level, entries: mapped, duplicates: duplicates, names: names), queued.count)
        }
        guard let (level, queued) = result else { throw SyncError.notFound("sku") }
        if queued > 0 { signal.notify() }
        return level
    }
}
