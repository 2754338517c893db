/// Where an outbox item stands.
public enum OutboxState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting to be sent (or being sent, under a lease), possibly after a back-off.
    case pending
    /// The store took it.
    case done
    /// Given up: refused by the store or failed past the retry bound; `lastError` says why. Can be retried.
    case dead
}
