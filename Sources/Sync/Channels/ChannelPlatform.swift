/// Which sales platform an integration connects: the value of `integrations.platform`.
public struct ChannelPlatform: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let wooCommerce = ChannelPlatform(rawValue: "woocommerce")

    public var description: String { rawValue }
}
