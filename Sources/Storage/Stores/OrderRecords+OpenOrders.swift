import Foundation
import LogixCore
import SQLKit

/// A stored order's identity and version, all that reconciliation compares with the store.
public struct StoredOrderVersion: Sendable, Hashable {
    public var externalID: Int64
    /// The store's status as last applied.
    public var storeStatus: String
    /// The store's `date_modified_gmt` as last applied.
    public var storeModifiedAt: Date

    public init(externalID: Int64, storeStatus: String, storeModifiedAt: Date) {
        self.externalID = externalID
        self.storeStatus = storeStatus
        self.storeModifiedAt = storeModifiedAt
    }
}

extension OrderRecords {
    /// The version of every order of the integration whose Logix status is not in `excluded` (the final
    /// ones), by store id: the orders a store change can still matter for.
    public func versions(
        integrationID: Int64, excludingStatuses excluded: Set<OrderStatus>, on sql: DatabaseSession
    ) async throws -> [StoredOrderVersion] {
        struct Row: Decodable {
            var externalID: Int64
            var storeStatus: String
            var storeModifiedAt: Int64
            enum CodingKeys: String, CodingKey {
                case externalID = "external_id"
                case storeStatus = "store_status"
                case storeModifiedAt = "store_modified_at"
            }
        }
        var query = sql.select().columns("external_id", "store_status", "store_modified_at").from("orders")
            .where("integration_id", .equal, integrationID)
        if !excluded.isEmpty { query = query.where("status", .notIn, excluded.map(\.rawValue).sorted()) }
        return try await query.orderBy("external_id").all(decoding: Row.self).map {
            StoredOrderVersion(
                externalID: $0.externalID, storeStatus: $0.storeStatus,
                storeModifiedAt: Date(timeIntervalSince1970: TimeInterval($0.storeModifiedAt)))
        }
    }
}
