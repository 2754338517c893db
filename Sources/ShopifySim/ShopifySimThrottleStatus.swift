/// A token's bucket as `extensions.cost.throttleStatus` reports it.
public struct ShopifySimThrottleStatus: Sendable, Codable {
    public var maximumAvailable: Double
    public var currentlyAvailable: Double
    public var restoreRate: Double
}
