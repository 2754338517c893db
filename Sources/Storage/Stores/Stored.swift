/// A value as read back from its table: the row's id, which a stored row always has, beside the value
/// itself. The value's own type has no id, so nothing can be asked for an id it does not have yet
/// (ARCHITECTURE.md, "Layering": rows read back have non-optional ids). Its members read through:
/// `claimed.topic` is `claimed.value.topic`.
@dynamicMemberLookup
public struct Stored<Value: Sendable>: Sendable {
    public let id: Int64
    public var value: Value

    public init(id: Int64, value: Value) {
        self.id = id
        self.value = value
    }

    public subscript<Member>(dynamicMember keyPath: KeyPath<Value, Member>) -> Member {
        value[keyPath: keyPath]
    }
}

extension Stored: Equatable where Value: Equatable {}
extension Stored: Hashable where Value: Hashable {}
