/// Marks an order that needs a person: a store change arrived that Logix would not apply on its own
/// (ARCHITECTURE.md, "Who owns what").
///
/// ``changes`` lists what the store wanted, against what Logix kept. Since a flagged change is not applied,
/// the next store version is compared with the same stored order and its diff is complete on its own: a newer
/// flag replaces the older one rather than adding to it.
public struct ReviewFlag: Sendable, Hashable, Codable {
    public var reason: ReviewReason
    public var changes: [FieldChange]

    public init(reason: ReviewReason, changes: [FieldChange] = []) {
        self.reason = reason
        self.changes = changes
    }
}
