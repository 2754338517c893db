/// A fulfillment order: the lines of an order one location is to ship. Shopify makes them a beat after the
/// order, splits, merges and moves them (new ids), and holds some (ON_HOLD, SCHEDULED) that cannot ship.
public struct ShopifyFulfillmentOrder: Sendable, Hashable, Decodable {
    public var id: ShopifyGID
    public var status: ShopifyFulfillmentOrderStatus
    public var requestStatus: ShopifyFulfillmentRequestStatus?
    /// `assignedLocation.location.id`; `nil` for a location the app cannot see.
    public var locationID: ShopifyGID?
    /// `fulfillmentHolds[].reason`, e.g. `AWAITING_PAYMENT`.
    public var holdReasons: [String]
    public var lineItems: [ShopifyFulfillmentOrderLine]
    /// More lines than the page held (more than the call's line page size).
    public var hasMoreLineItems: Bool

    public init(
        id: ShopifyGID, status: ShopifyFulfillmentOrderStatus, requestStatus: ShopifyFulfillmentRequestStatus? = nil,
        locationID: ShopifyGID? = nil, holdReasons: [String] = [], lineItems: [ShopifyFulfillmentOrderLine] = [],
        hasMoreLineItems: Bool = false
    ) {
        self.id = id
        self.status = status
        self.requestStatus = requestStatus
        self.locationID = locationID
        self.holdReasons = holdReasons
        self.lineItems = lineItems
        self.hasMoreLineItems = hasMoreLineItems
    }

    private enum CodingKeys: String, CodingKey {
        case id, status, requestStatus, assignedLocation, fulfillmentHolds, lineItems
    }

    private struct AssignedLocation: Decodable {
        struct Location: Decodable { var id: ShopifyGID }
        var location: Location?
    }

    private struct Hold: Decodable { var reason: String? }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ShopifyGID.self, forKey: .id)
        status = try container.decode(ShopifyFulfillmentOrderStatus.self, forKey: .status)
        requestStatus = try container.decodeIfPresent(ShopifyFulfillmentRequestStatus.self, forKey: .requestStatus)
        locationID = try container.decodeIfPresent(AssignedLocation.self, forKey: .assignedLocation)?.location?.id
        holdReasons = (try container.decodeIfPresent([Hold].self, forKey: .fulfillmentHolds) ?? []).compactMap(\.reason)
        let lines = try container.decodeIfPresent(Connection<ShopifyFulfillmentOrderLine>.self, forKey: .lineItems)
        lineItems = lines?.nodes ?? []
        hasMoreLineItems = lines?.pageInfo?.hasNextPage ?? false
    }
}

/// One line of a fulfillment order: how many of an order line this location ships, and how many are left.
public struct ShopifyFulfillmentOrderLine: Sendable, Hashable, Decodable {
    /// The `FulfillmentOrderLineItem` gid ``ShopifyFulfillmentRequest`` names.
    public var id: ShopifyGID
    public var totalQuantity: Int
    public var remainingQuantity: Int
    /// The order's `LineItem` this line ships.
    public var lineItemID: ShopifyGID?
    public var sku: String?

    public init(id: ShopifyGID, totalQuantity: Int, remainingQuantity: Int, lineItemID: ShopifyGID?, sku: String?) {
        self.id = id
        self.totalQuantity = totalQuantity
        self.remainingQuantity = remainingQuantity
        self.lineItemID = lineItemID
        self.sku = sku
    }

    private enum CodingKeys: String, CodingKey { case id, totalQuantity, remainingQuantity, lineItem }

    private struct LineItem: Decodable {
        var id: ShopifyGID
        var sku: String?
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ShopifyGID.self, forKey: .id)
        remainingQuantity = try container.decode(Int.self, forKey: .remainingQuantity)
        totalQuantity = try container.decodeIfPresent(Int.self, forKey: .totalQuantity) ?? remainingQuantity
        let line = try container.decodeIfPresent(LineItem.self, forKey: .lineItem)
        lineItemID = line?.id
        sku = line?.sku
    }
}
