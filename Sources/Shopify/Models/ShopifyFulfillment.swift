/// A fulfillment (a shipment) as `fulfillmentCreate` and `fulfillmentTrackingInfoUpdate` return it.
public struct ShopifyFulfillment: Sendable, Hashable, Decodable {
    public var id: ShopifyGID
    public var status: ShopifyFulfillmentStatus
    public var trackingInfo: [ShopifyTrackingInfo]

    public init(id: ShopifyGID, status: ShopifyFulfillmentStatus, trackingInfo: [ShopifyTrackingInfo] = []) {
        self.id = id
        self.status = status
        self.trackingInfo = trackingInfo
    }

    private enum CodingKeys: String, CodingKey { case id, status, trackingInfo }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ShopifyGID.self, forKey: .id)
        status = try container.decodeIfPresent(ShopifyFulfillmentStatus.self, forKey: .status) ?? .success
        trackingInfo = try container.decodeIfPresent([ShopifyTrackingInfo].self, forKey: .trackingInfo) ?? []
    }
}

/// A parcel's carrier, number and tracking page.
public struct ShopifyTrackingInfo: Sendable, Hashable, Codable {
    /// The carrier as Shopify names it (`UPS`, `DHL Express`, …); free text is accepted.
    public var company: String?
    public var number: String?
    public var url: String?

    public init(company: String? = nil, number: String? = nil, url: String? = nil) {
        self.company = company
        self.number = number
        self.url = url
    }
}
