/// Where a paged read of a channel stands, opaque to the engines: the pages already handed over, and the
/// platform's own continuation when it pages by cursor (Shopify's `endCursor`); offset-paged platforms
/// (WooCommerce) need only the count. A run stores it with its checkpoint and resumes from it.
public struct ChannelPosition: Sendable, Hashable, Codable {
    /// Pages handed over before this position.
    public var pagesDone: Int
    /// The platform's continuation token, if it pages by cursor.
    public var token: String?

    public init(pagesDone: Int, token: String? = nil) {
        self.pagesDone = pagesDone
        self.token = token
    }

    /// The start of a read.
    public static let start = ChannelPosition(pagesDone: 0)
}
