import Foundation
import Storage

/// How far an order sync has come, reported after every committed page.
public struct OrderImportProgress: Sendable, Hashable {
    /// The run's id in the sync log.
    public var runID: Int64
    /// The last committed page of the listing.
    public var pagesDone: Int
    /// Pages in the listing as the store last reported it (`X-WP-TotalPages`).
    public var totalPages: Int
    /// Orders in the listing (`X-WP-Total`).
    public var totalOrders: Int
    /// Counts so far, across every attempt of this run.
    public var counts: SyncCounts

    /// Done, from 0 to 1.
    public var fraction: Double {
        totalPages > 0 ? min(1, Double(pagesDone) / Double(totalPages)) : 1
    }
}

/// The result of an order sync.
public struct OrderImportReport: Sendable, Hashable {
    /// The run's id in the sync log.
    public var runID: Int64
    public var mode: OrderImportRequest.Mode
    /// Whether this run continued one that was interrupted.
    public var resumed: Bool
    /// Counts across every attempt of the run.
    public var counts: SyncCounts
    public var pages: Int
    /// The integration's orders cursor after the run (`nil` if it has none yet).
    public var cursor: Date?
}
