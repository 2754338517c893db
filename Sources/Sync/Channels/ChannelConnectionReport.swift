/// What a connection test found.
public struct ChannelConnectionReport: Sendable, Hashable {
    public var platform: ChannelPlatform
    public var storeURL: String
    /// The platform software's version, when the store says.
    public var platformVersion: String?
    /// The store's currency, when it says.
    public var currency: String?
    /// How long the authenticated check took.
    public var latency: Duration
    /// Platform-specific facts worth showing (`wordpress_version`, `auth_mode`, …).
    public var details: [String: String]
    /// Whether the keys may write to the store; `nil` when the channel cannot tell.
    public var canWrite: Bool?

    public init(
        platform: ChannelPlatform, storeURL: String, platformVersion: String?, currency: String?, latency: Duration,
        details: [String: String] = [:], canWrite: Bool? = nil
    ) {
        self.platform = platform
        self.storeURL = storeURL
        self.platformVersion = platformVersion
        self.currency = currency
        self.latency = latency
        self.details = details
        self.canWrite = canWrite
    }
}
