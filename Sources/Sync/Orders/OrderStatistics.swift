import Foundation
import LogixCore
import Storage

/// How many orders one store had placed on one day.
public struct DailyOrderCount: Sendable, Equatable {
    public var integrationID: Int64
    /// The day's start, midnight UTC.
    public var day: Date
    public var count: Int

    public init(integrationID: Int64, day: Date, count: Int) {
        self.integrationID = integrationID
        self.day = day
        self.count = count
    }
}

/// How long orders waited between being placed and their first parcel leaving.
public struct ShipmentTimes: Sendable, Equatable {
    /// One bar of the distribution: the orders whose wait fell in a range.
    public struct Bucket: Sendable, Equatable {
        /// The range in words: `<1h`, `1–4h`, … `>3d`.
        public var label: String
        public var count: Int

        public init(label: String, count: Int) {
            self.label = label
            self.count = count
        }
    }

    /// How many orders were measured.
    public var samples: Int
    /// The middle wait (nearest rank); `nil` with no samples.
    public var median: Duration?
    /// The wait 90 % of the orders did not exceed (nearest rank); `nil` with no samples.
    public var p90: Duration?
    /// Every range in order, empty ones included, so a chart's axis does not move.
    public var buckets: [Bucket]

    public init(samples: Int, median: Duration?, p90: Duration?, buckets: [Bucket]) {
        self.samples = samples
        self.median = median
        self.p90 = p90
        self.buckets = buckets
    }
}

/// The figures the console draws: orders per day per store, and time from order to shipment, over the user's
/// stores and the last few days up to the clock's today (UTC). Each is a handful of SQL aggregates
/// (``Storage/OrderStatisticsRecords``), fast at tens of thousands of orders.
public struct OrderStatistics: Sendable {
    let database: LogixDatabase
    let clock: any LogixClock

    public init(database: LogixDatabase, clock: any LogixClock) {
        self.database = database
        self.clock = clock
    }

    /// The ranges of ``ShipmentTimes/buckets``: each label with the wait (in seconds) it stays below; the last
    /// has no bound.
    static let bucketBounds: [(label: String, below: Int64?)] = [
        ("<1h", 3_600), ("1–4h", 4 * 3_600), ("4–12h", 12 * 3_600), ("12–24h", 24 * 3_600), ("1–2d", 48 * 3_600),
        ("2–3d", 72 * 3_600), (">3d", nil),
    ]

    /// Orders placed per store and UTC day over the last `days` days (today included), by day then store; days
    /// without orders are left out. `days` is 1 to 366.
    public func ordersPerDay(userID: Int64, days: Int) async throws -> [DailyOrderCount] {
        let (from, to) = try window(days: days)
        let counts = try await database.read { sql in
            let owned = try await IntegrationRecords().ids(userID: userID, on: sql)
            return try await OrderStatisticsRecords().ordersPerDay(integrationIDs: owned, from: from, to: to, on: sql)
        }
        return counts.map {
            DailyOrderCount(
                integrationID: $0.integrationID, day: Date(timeIntervalSince1970: TimeInterval($0.day * 86_400)),
                count: $0.count)
        }
    }

    /// The time from being placed to the first shipment, of the user's orders whose first shipment left in the
    /// last `days` days (today included). `days` is 1 to 366.
    public func timeToShipment(userID: Int64, days: Int) async throws -> ShipmentTimes {
        let (from, to) = try window(days: days)
        let bounds = Self.bucketBounds.compactMap(\.below)
        let (counts, median, p90) = try await database.read { sql -> ([Int], Int64?, Int64?) in
            let owned = try await IntegrationRecords().ids(userID: userID, on: sql)
            let records = OrderStatisticsRecords()
            let counts = try await records.shipmentDelayBuckets(
                integrationIDs: owned, shippedFrom: from, to: to, bounds: bounds, on: sql)
            guard counts.contains(where: { $0 > 0 }) else { return (counts, nil, nil) }
            let ranked = try await records.shipmentDelays(
                atShares: [0.5, 0.9], integrationIDs: owned, shippedFrom: from, to: to, on: sql)
            let (median, p90) = (ranked.first, ranked.dropFirst().first)
            return (counts, median, p90)
        }
        return ShipmentTimes(
            samples: counts.reduce(0, +), median: median.map { .seconds($0) }, p90: p90.map { .seconds($0) },
            buckets: zip(Self.bucketBounds, counts).map { ShipmentTimes.Bucket(label: $0.0.label, count: $0.1) })
    }

    /// `[from, to)`: from midnight UTC `days - 1` days before the clock's today to the end of today.
    private func window(days: Int) throws -> (from: Date, to: Date) {
        guard (1...366).contains(days) else { throw SyncError.invalid(["days": "must be between 1 and 366"]) }
        let today = (Int64(clock.now().timeIntervalSince1970.rounded(.down)) / 86_400) * 86_400
        let from = today - Int64(days - 1) * 86_400
        return (
            Date(timeIntervalSince1970: TimeInterval(from)), Date(timeIntervalSince1970: TimeInterval(today + 86_400))
        )
    }
}
