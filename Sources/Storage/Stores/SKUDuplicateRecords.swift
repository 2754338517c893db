import Foundation
import SQLKit

/// A SKU one store uses on more than one product or variation. Neither record is in the SKU map (a push to the
/// wrong one would be silent damage), so this is where the console learns about it.
public struct SKUDuplicate: Sendable, Hashable {
    public var integrationID: Int64
    public var sku: String
    /// The store's ids of the records that share it: `product` or `product/variation`.
    public var storeIDs: [String]

    public init(integrationID: Int64, sku: String, storeIDs: [String]) {
        self.integrationID = integrationID
        self.sku = sku
        self.storeIDs = storeIDs
    }
}

/// The `sku_duplicates` table, kept beside the SKU map by whoever changes the map: a catalogue pull replaces an
/// integration's duplicates with the ones it found, a product refresh adds the clashes it found and clears the
/// SKUs it could map.
public struct SKUDuplicateRecords: Sendable {
    public init() {}

    /// Makes `duplicates` (SKU → store ids) the integration's whole list, inside the caller's transaction.
    public func replace(
        integrationID: Int64, with duplicates: [String: [String]], at date: Date, on sql: DatabaseSession
    ) async throws {
        try await sql.delete(from: "sku_duplicates").where("integration_id", .equal, integrationID).run()
        try await record(integrationID: integrationID, duplicates, at: date, on: sql)
    }

    /// Adds or updates the integration's duplicates (SKU → store ids).
    public func record(
        integrationID: Int64, _ duplicates: [String: [String]], at date: Date, on sql: DatabaseSession
    ) async throws {
        let sorted = duplicates.sorted { $0.key < $1.key }
        for start in stride(from: 0, to: sorted.count, by: 500) {
            var insert = sql.insert(into: "sku_duplicates").columns("integration_id", "sku", "store_ids", "updated_at")
            for (sku, storeIDs) in sorted[start..<min(start + 500, sorted.count)] {
                insert = insert.values([
                    SQLBind(integrationID), SQLBind(sku), SQLBind(storeIDs.joined(separator: ",")),
                    SQLBind(date.unixSeconds),
                ])
            }
            try await insert.onConflict(with: ["integration_id", "sku"]) { update in
                update.set(excludedValueOf: "store_ids").set(excludedValueOf: "updated_at")
            }.run()
        }
    }

    /// Forgets the integration's duplicates of `skus` (each is now mapped to one record).
    public func remove(integrationID: Int64, skus: [String], on sql: DatabaseSession) async throws {
        let unique = Array(Set(skus)).sorted()
        for start in stride(from: 0, to: unique.count, by: 1000) {
            try await sql.delete(from: "sku_duplicates").where("integration_id", .equal, integrationID)
                .where("sku", .in, Array(unique[start..<min(start + 1000, unique.count)])).run()
        }
    }

    /// The duplicates of `skus` in `integrationIDs`, by integration and SKU.
    public func duplicates(
        skus: [String], integrationIDs: [Int64], on sql: DatabaseSession
    ) async throws -> [SKUDuplicate] {
        guard !integrationIDs.isEmpty else { return [] }
        struct Row: Decodable {
            var integrationID: Int64
            var sku: String
            var storeIDs: String
            enum CodingKeys: String, CodingKey {
                case integrationID = "integration_id"
                case sku
                case storeIDs = "store_ids"
            }
        }
        var found: [SKUDuplicate] = []
        let unique = Array(Set(skus)).sorted()
        for start in stride(from: 0, to: unique.count, by: 1000) {
            found += try await sql.select().columns("integration_id", "sku", "store_ids").from("sku_duplicates")
                .where("integration_id", .in, integrationIDs)
                .where("sku", .in, Array(unique[start..<min(start + 1000, unique.count)]))
                .all(decoding: Row.self)
                .map {
                    SKUDuplicate(
                        integrationID: $0.integrationID, sku: $0.sku,
                        storeIDs: $0.storeIDs.split(separator: ",").map(String.init))
                }
        }
        return found.sorted { ($0.integrationID, $0.sku) < ($1.integrationID, $1.sku) }
    }
}
