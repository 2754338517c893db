import Foundation

/// What Logix already holds of a store's orders, as a channel's mapping may need it: an order outside the
/// import set still maps once imported, and a version already held needs no second look at its details.
public protocol StoredOrderVersions: Sendable {
    /// The stored version of each of `externalIDs` Logix holds; a hint read outside any transaction.
    func storedVersions(of externalIDs: [Int64]) async throws -> [Int64: Date]
}

extension OrderApplier: StoredOrderVersions {}
