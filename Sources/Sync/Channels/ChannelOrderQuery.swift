import Foundation

/// Which orders a sync reads from a channel: its window and filters, and how to read them.
public struct ChannelOrderQuery: Sendable, Hashable {
    /// Only orders changed at or after this time (the cursor less its overlap); `nil` for every order.
    public var changedSince: Date?
    /// Only orders created after / before these times.
    public var createdAfter: Date?
    public var createdBefore: Date?
    /// Only orders in these store statuses (the platform's own names); empty for all.
    public var storeStatuses: [String]
    /// Orders per page. A resumed read must use the size of the read it resumes.
    public var pageSize: Int
    /// Page requests in flight at once, where the platform allows more than one.
    public var concurrency: Int

    public init(
        changedSince: Date? = nil, createdAfter: Date? = nil, createdBefore: Date? = nil, storeStatuses: [String] = [],
        pageSize: Int = 100, concurrency: Int = 4
    ) {
        self.changedSince = changedSince
        self.createdAfter = createdAfter
        self.createdBefore = createdBefore
        self.storeStatuses = storeStatuses
        self.pageSize = pageSize
        self.concurrency = concurrency
    }
}
