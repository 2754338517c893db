/// `extensions.cost.throttleStatus`: the app's bucket at this shop as Shopify saw it after the query.
public struct ShopifyThrottleStatus: Sendable, Hashable, Codable {
    /// The bucket's size (2,000 on Standard plans).
    public var maximumAvailable: Double
    /// Points left after this query (its refund included).
    public var currentlyAvailable: Double
    /// Points restored per second (100 on Standard plans).
    public var restoreRate: Double

    public init(maximumAvailable: Double, currentlyAvailable: Double, restoreRate: Double) {
        self.maximumAvailable = maximumAvailable
        self.currentlyAvailable = currentlyAvailable
        self.restoreRate = restoreRate
    }
}

/// `extensions.cost`: what a query was priced at and the bucket after it.
public struct ShopifyQueryCost: Sendable, Hashable, Codable {
    /// The points the bucket had to hold before the query ran.
    public var requestedQueryCost: Double?
    /// The points it really cost (`nil` when it did not run: THROTTLED).
    public var actualQueryCost: Double?
    public var throttleStatus: ShopifyThrottleStatus?

    public init(requestedQueryCost: Double?, actualQueryCost: Double?, throttleStatus: ShopifyThrottleStatus?) {
        self.requestedQueryCost = requestedQueryCost
        self.actualQueryCost = actualQueryCost
        self.throttleStatus = throttleStatus
    }
}
