import Foundation
import LogixCore
import Storage

/// The use cases of reading orders: the user's orders, filtered and paged, and one of them. Another user's
/// order is ``SyncError/Kind/notFound``, like one that does not exist.
public struct Orders: Sendable {
    let database: LogixDatabase

    public init(database: LogixDatabase) { self.database = database }

    /// A page of the user's orders, newest store change first, with how many match.
    ///
    /// - Parameter search: the order number exactly (`1042` or `#1042`), or part of the customer's e-mail or name
    ///   in any case; `nil` or blank for every order.
    public func list(
        userID: Int64, integrationID: Int64?, status: OrderStatus?, flaggedForReview: Bool?, search: String? = nil,
        page: Int, perPage: Int
    ) async throws -> (items: [Order], total: Int) {
        try await database.read { sql in
            var owned = try await IntegrationRecords().ids(userID: userID, on: sql)
            if let integrationID { owned = owned.contains(integrationID) ? [integrationID] : [] }
            guard !owned.isEmpty else { return ([], 0) }
            let filter = OrderFilter(
                integrationIDs: owned, status: status, flaggedForReview: flaggedForReview, search: search)
            let (orders, total) = try await OrderRecords().list(filter, page: page, perPage: perPage, on: sql)
            return (orders, total)
        }
    }

    /// The user's order by Logix id.
    /// The platform of each of the user's integrations, by id: what an order's `platform` says.
    public func platforms(userID: Int64) async throws -> [Int64: ChannelPlatform] {
        try await database.read { sql in
            Dictionary(
                uniqueKeysWithValues: try await IntegrationRecords().list(userID: userID, on: sql).map {
                    ($0.id, ChannelPlatform(rawValue: $0.platform))
                })
        }
    }

    public func find(id: Int64, userID: Int64) async throws -> Order {
        let order = try await database.read { sql -> Order? in
            guard let order = try await OrderRecords().fetch(id: id, on: sql),
                try await IntegrationRecords().find(id: order.integrationID, userID: userID, on: sql) != nil
            else { return nil }
            return order
        }
        guard let order else { throw SyncError.notFound("order") }
        return order
    }

    /// The user's order by its store's id in one of their integrations (what a store update names).
    public func find(externalID: Int64, integrationID: Int64, userID: Int64) async throws -> Order {
        let order = try await database.read { sql -> Order? in
            guard try await IntegrationRecords().find(id: integrationID, userID: userID, on: sql) != nil else {
                return nil
            }
            return try await OrderRecords().fetch(integrationID: integrationID, externalIDs: [externalID], on: sql)[
                externalID]
        }
        guard let order else { throw SyncError.notFound("order") }
        return order
    }

    /// The timeline of the user's order, oldest first: received, each status change and who asked for it, each
    /// shipment, each review flag.
    public func timeline(id: Int64, userID: Int64) async throws -> [OrderEvent] {
        let events = try await database.read { sql -> [OrderEvent]? in
            guard let order = try await OrderRecords().fetchHeader(id: id, on: sql),
                try await IntegrationRecords().find(id: order.integrationID, userID: userID, on: sql) != nil
            else { return nil }
            return try await OrderEventRecords().events(orderID: id, on: sql)
        }
        guard let events else { throw SyncError.notFound("order") }
        return events
    }
}
