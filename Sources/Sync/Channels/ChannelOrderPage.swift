import Foundation
import LogixCore

/// One page of a channel's order listing, mapped for Logix, with what a sync records about it.
public struct ChannelOrderPage: Sendable {
    /// Each order of the page in the store's order: the Logix order, or why there is none.
    public var orders: [Result<Order, MappingFailure>]
    /// 1-based page number.
    public var number: Int
    /// Pages in the whole read, as the store last said; `nil` when the platform does not say.
    public var totalPages: Int?
    /// Orders in the whole read, as the store last said; `nil` when the platform does not say.
    public var totalOrders: Int?
    /// The position after this page: a read resumed from it starts with the next page.
    public var position: ChannelPosition
    /// The store's clock when it answered, if it said: orders changed up to then were in the listing.
    public var storeDate: Date?
    /// The newest version among the page's orders, mapped or not.
    public var newestVersion: Date?

    public init(
        orders: [Result<Order, MappingFailure>], number: Int, totalPages: Int?, totalOrders: Int?,
        position: ChannelPosition, storeDate: Date?, newestVersion: Date?
    ) {
        self.orders = orders
        self.number = number
        self.totalPages = totalPages
        self.totalOrders = totalOrders
        self.position = position
        self.storeDate = storeDate
        self.newestVersion = newestVersion
    }
}

/// The pages of a channel's order listing, in order. Ending the iteration early stops the reads still in
/// flight.
public struct ChannelOrderPages: AsyncSequence, Sendable {
    public typealias Element = ChannelOrderPage

    private let makeIterator: @Sendable () -> AsyncIterator

    /// The pages of `base`, each turned into a ``ChannelOrderPage`` by `page` as it is reached.
    public init<Base: AsyncSequence & Sendable>(
        _ base: Base, page: @escaping @Sendable (Base.Element) async throws -> ChannelOrderPage
    ) {
        makeIterator = {
            var pages = base.makeAsyncIterator()
            return AsyncIterator {
                guard let next = try await pages.next() else { return nil }
                return try await page(next)
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { makeIterator() }

    public struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate let nextPage: () async throws -> ChannelOrderPage?

        public mutating func next() async throws -> ChannelOrderPage? { try await nextPage() }
    }
}
