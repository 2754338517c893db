/// How much outbound work an integration has: what still waits to be sent and what was given up.
public struct OutboxCounts: Sendable, Hashable, Codable {
    /// Pending items, due or backing off.
    public var pending: Int
    /// Dead items, waiting for someone to retry them.
    public var dead: Int

    public init(pending: Int = 0, dead: Int = 0) {
        self.pending = pending
        self.dead = dead
    }
}
