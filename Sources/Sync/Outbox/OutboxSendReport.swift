/// What one ``OutboxSender/sendDue()`` did.
public struct OutboxSendReport: Sendable, Hashable {
    /// Items claimed (an item claimed again in a later round counts again).
    public var claimed = 0
    /// Items the store took (or that needed nothing: an unmanaged SKU).
    public var done = 0
    /// Items that failed and wait for their back-off.
    public var rescheduled = 0
    /// Items given up.
    public var dead = 0
    /// Items pushed back unsent because their store's circuit was open.
    public var deferred = 0
    /// HTTP requests made to stores, retries included.
    public var requests = 0

    public init() {}

    static func + (lhs: OutboxSendReport, rhs: OutboxSendReport) -> OutboxSendReport {
        var sum = lhs
        sum.claimed += rhs.claimed
        sum.done += rhs.done
        sum.rescheduled += rhs.rescheduled
        sum.dead += rhs.dead
        sum.deferred += rhs.deferred
        sum.requests += rhs.requests
        return sum
    }
}
