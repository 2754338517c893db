/// An operation the platform has no way to do (a WooCommerce-shaped status update sent to Shopify, a Shopify
/// fulfillment sent to WooCommerce), or that Logix does not do on it yet. Permanent: the outbox parks the item
/// at once instead of retrying what cannot succeed, and says why.
public struct ChannelUnsupportedOperation: ChannelError {
    public let platform: ChannelPlatform
    public let storeURL: String
    /// What was asked, in words ("setting order 5's status").
    public let operation: String
    /// Why not, and what does it instead.
    public let reason: String

    public init(platform: ChannelPlatform, storeURL: String, operation: String, reason: String) {
        self.platform = platform
        self.storeURL = storeURL
        self.operation = operation
        self.reason = reason
    }

    public var channelFailure: ChannelFailure {
        ChannelFailure(platform: platform, kind: .local, isPermanent: true, code: "unsupported_operation")
    }

    public var description: String { "\(platform) store \(storeURL): \(operation) is not supported: \(reason)" }
}
