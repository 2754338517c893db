/// One field that differs between two versions of an order, rendered as text for people to review.
///
/// `field` is a path such as `shippingAddress.city` or `lines[123].quantity`; an empty `old` means the thing was
/// added, an empty `new` that it was removed.
public struct FieldChange: Sendable, Hashable, Codable, CustomStringConvertible {
    public var field: String
    public var old: String
    public var new: String

    public init(field: String, old: String, new: String) {
        self.field = field
        self.old = old
        self.new = new
    }

    /// A status change, for a review flag that records what the store asked for.
    public static func status(from old: OrderStatus, to new: OrderStatus) -> FieldChange {
        FieldChange(field: "status", old: old.rawValue, new: new.rawValue)
    }

    public var description: String { "\(field): \"\(old)\" → \"\(new)\"" }
}
