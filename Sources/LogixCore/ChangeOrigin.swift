/// Who asks for a status change. The two sides own different parts of an order (ARCHITECTURE.md,
/// "Who owns what"), so the same request can mean different things depending on who makes it.
public enum ChangeOrigin: String, Sendable, Hashable, Codable, CaseIterable {
    /// The sales channel: a webhook or poll brought a new store status.
    case store
    /// Logix's own side: the warehouse, the fleet, or an operator resolving a review.
    case warehouse
}
