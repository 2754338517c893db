import Foundation

/// One page of a listing, with the totals the store reported in `X-WP-Total` and `X-WP-TotalPages`.
public struct WooPage<Item: Sendable>: Sendable {
    public var items: [Item]
    /// 1-based page number.
    public var page: Int
    /// Items across all pages (`X-WP-Total`).
    public var total: Int
    /// Pages in all (`X-WP-TotalPages`); `0` past the end or for an empty listing.
    public var totalPages: Int
    /// The store's clock when it answered (its `Date` header), if it sent one: lets a sync name its start in
    /// the store's time, whatever the skew between the two clocks.
    public var serverDate: Date?

    public init(items: [Item], page: Int, total: Int, totalPages: Int, serverDate: Date? = nil) {
        self.items = items
        self.page = page
        self.total = total
        self.totalPages = totalPages
        self.serverDate = serverDate
    }
}
