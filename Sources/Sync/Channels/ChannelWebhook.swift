/// A webhook registered at the store.
public struct ChannelWebhook: Sendable, Hashable {
    /// The store's id of the webhook.
    public var id: Int
    public var topic: String
    public var status: ChannelWebhookStatus

    public init(id: Int, topic: String, status: ChannelWebhookStatus) {
        self.id = id
        self.topic = topic
        self.status = status
    }
}

/// A webhook's state at the store. Platforms name more states; any that does not deliver counts as
/// disabled where health is judged.
public struct ChannelWebhookStatus: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Delivering.
    public static let active = ChannelWebhookStatus(rawValue: "active")
    /// Not delivering for now, as the merchant chose.
    public static let paused = ChannelWebhookStatus(rawValue: "paused")
    /// Not delivering: the store gave up on it after failures.
    public static let disabled = ChannelWebhookStatus(rawValue: "disabled")

    public var description: String { rawValue }
}
