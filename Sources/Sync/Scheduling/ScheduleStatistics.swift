import Foundation

/// How well a scheduler kept its schedule over a window — pure arithmetic over the syncs it ran, so that
/// `logix bench scheduler` can report it and a test can check it: how evenly the sync starts spread over the
/// interval, how late they started, and which integrations starved.
public struct ScheduleStatistics: Sendable, Hashable {
    /// Sync starts in the window.
    public var syncs: Int
    /// Starts per slice of the interval: slice `k` holds the starts whose phase — time since `origin`, modulo
    /// the interval — falls in the `k`-th of `slices` equal parts.
    public var sliceCounts: [Int]
    /// Start − due time, in seconds: the median, the 99th percentile (nearest rank) and the largest.
    public var latenessP50: TimeInterval
    public var latenessP99: TimeInterval
    public var latenessMax: TimeInterval
    /// Integrations with no sync started in the window, a sync started more than an interval late, or a sync
    /// overdue by more than an interval when the window ended.
    public var starved: Set<Int64>

    /// The fullest slice over the emptiest (infinite when a slice is empty and another is not; 1 when even).
    public var sliceMaxOverMin: Double {
        guard let most = sliceCounts.max(), let least = sliceCounts.min(), most > 0 else { return 1 }
        return least == 0 ? .infinity : Double(most) / Double(least)
    }

    /// The slices' coefficient of variation (standard deviation over mean; 0 when perfectly even).
    public var sliceCoefficientOfVariation: Double {
        guard !sliceCounts.isEmpty else { return 0 }
        let mean = Double(sliceCounts.reduce(0, +)) / Double(sliceCounts.count)
        guard mean > 0 else { return 0 }
        let variance =
            sliceCounts.reduce(0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(sliceCounts.count)
        return variance.squareRoot() / mean
    }

    /// - Parameters:
    ///   - runs: the jobs run (only syncs started inside `window` count).
    ///   - integrations: every integration that should have been synced in the window.
    ///   - window: the measured time; it should last at least an interval and a half.
    ///   - interval: the sync interval.
    ///   - origin: where phases are measured from (the window's start will do).
    ///   - pending: each integration's next sync due time when the window ended.
    public init(
        runs: [ScheduledJobRun], integrations: Set<Int64>, window: Range<Date>, interval: TimeInterval,
        origin: Date, pending: [Int64: Date] = [:], slices: Int = 10
    ) {
        let syncs = runs.filter { $0.job == .sync && window.contains($0.startedAt) }
        var counts = [Int](repeating: 0, count: max(1, slices))
        for run in syncs {
            let elapsed = run.startedAt.timeIntervalSince(origin)
            var phase = elapsed.truncatingRemainder(dividingBy: interval) / interval
            if phase < 0 { phase += 1 }
            counts[min(counts.count - 1, Int(phase * Double(counts.count)))] += 1
        }
        let lateness = syncs.map(\.lateness).sorted()
        func percentile(_ p: Double) -> TimeInterval {
            guard !lateness.isEmpty else { return 0 }
            let rank = Int((p * Double(lateness.count)).rounded(.up))
            return lateness[min(lateness.count - 1, max(0, rank - 1))]
        }
        var starved = integrations.subtracting(syncs.map(\.integrationID))
        for run in syncs where run.lateness > interval { starved.insert(run.integrationID) }
        for (integrationID, due) in pending where window.upperBound.timeIntervalSince(due) > interval {
            starved.insert(integrationID)
        }
        self.syncs = syncs.count
        self.sliceCounts = counts
        self.latenessP50 = percentile(0.5)
        self.latenessP99 = percentile(0.99)
        self.latenessMax = lateness.last ?? 0
        self.starved = starved.intersection(integrations)
    }
}
