import Foundation

/// When an integration's jobs fall due — pure arithmetic, so the spread is testable.
///
/// Integrations created together (or a process restarted) must not all poll their stores in the same
/// second: the first run of each job falls at a random point of its interval, and every later one an
/// interval ± `jitter` after the previous, so they stay spread.
public struct ScheduleTiming: Sendable, Hashable {
    /// How far a later run may move from its interval, as a fraction (0.1 = ±10 %).
    public var jitter: Double

    public init(jitter: Double = 0.1) {
        self.jitter = min(max(jitter, 0), 0.5)
    }

    /// The first run of a job with `interval`, `random` in `0..<1`.
    public func first(after now: Date, interval: TimeInterval, random: Double) -> Date {
        now.addingTimeInterval(interval * min(max(random, 0), 1))
    }

    /// The run after one at `now`, `random` in `0..<1`.
    public func next(after now: Date, interval: TimeInterval, random: Double) -> Date {
        let factor = 1 + jitter * (2 * min(max(random, 0), 1) - 1)
        return now.addingTimeInterval(max(1, interval * factor))
    }
}
