/// How many faults the store has injected so far, by kind: what a chaos run reports it survived.
public struct WooSimFaultTally: Sendable, Hashable, Codable {
    /// 500, 502 or 503 answers (scripted `failNext` answers of those statuses included).
    public var serverErrors = 0
    /// 429 answers with `Retry-After`.
    public var rateLimited = 0
    /// Requests held without an answer, then 504.
    public var hung = 0
    /// Connections closed without an answer.
    public var droppedConnections = 0
    /// Webhook deliveries lost, sent twice, and held back so later ones overtook them.
    public var webhooksDropped = 0
    public var webhooksDuplicated = 0
    public var webhooksReordered = 0

    public init() {}

    /// Every fault counted.
    public var total: Int {
        serverErrors + rateLimited + hung + droppedConnections + webhooksDropped + webhooksDuplicated
            + webhooksReordered
    }
}
