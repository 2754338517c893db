import WooCommerce

/// The payload of an `order_update` item: what `PUT orders/{external_id}` sends.
public struct OrderUpdatePayload: Sendable, Hashable, Codable {
    /// The store's order id.
    public var externalID: Int64
    /// The store status to set (`completed`, …); `nil` leaves it.
    public var status: String?
    /// Meta entries to add or replace (e.g. ``ShipmentTracking/metaData(_:)``); `nil` sends none.
    public var metaData: [WooMetaData]?

    public init(externalID: Int64, status: String? = nil, metaData: [WooMetaData]? = nil) {
        self.externalID = externalID
        self.status = status
        self.metaData = metaData
    }

    enum CodingKeys: String, CodingKey {
        case externalID = "external_id"
        case status
        case metaData = "meta_data"
    }
}
