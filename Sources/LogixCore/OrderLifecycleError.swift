/// A status change ``OrderLifecycle`` does not allow, naming the status the order is in and the one asked for.
///
/// Like AsyncHTTPClient's `HTTPClientError`, a struct around a private code, so new kinds can be added without
/// breaking callers; compare kinds with `error.kind == .illegalTransition`.
public struct OrderLifecycleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, broadly.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Code: String, Sendable, Hashable {
            case illegalTransition = "illegal_transition"
        }
        fileprivate let code: Code

        /// The lifecycle has no edge from ``OrderLifecycleError/from`` to ``OrderLifecycleError/to``.
        public static let illegalTransition = Kind(code: .illegalTransition)

        public var description: String { code.rawValue }
    }

    public let kind: Kind
    /// The status the order is in.
    public let from: OrderStatus
    /// The status that was asked for.
    public let to: OrderStatus

    static func illegalTransition(from: OrderStatus, to: OrderStatus) -> Self {
        Self(kind: .illegalTransition, from: from, to: to)
    }

    public var description: String {
        "\(kind): an order cannot go from \(from) to \(to)"
    }
}
