/// One query parameter, kept raw (not percent-encoded) and in order.
///
/// Order matters only for what is sent; the OAuth 1.0a signature sorts on its own.
public struct WooQueryItem: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
