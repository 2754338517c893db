import NIOCore

extension TimeAmount {
    /// NIO's `TimeAmount` for a Swift `Duration`, saturating instead of overflowing.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let (nanosFromSeconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        self = .nanoseconds(overflow ? .max : nanosFromSeconds &+ attoseconds / 1_000_000_000)
    }
}
