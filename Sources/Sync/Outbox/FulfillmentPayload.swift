import LogixCore

/// The payload of a `fulfillment` item: one shipment, as the store records a fulfillment — its tracking and
/// the units of each order line it carried.
public struct FulfillmentPayload: Sendable, Hashable, Codable {
    /// One order line's units in the shipment.
    public struct Line: Sendable, Hashable, Codable {
        /// The store's line id, when the order line has one; otherwise the store's lines are matched by SKU.
        public var externalLineID: Int64?
        public var sku: String
        public var quantity: Int

        public init(externalLineID: Int64?, sku: String, quantity: Int) {
            self.externalLineID = externalLineID
            self.sku = sku
            self.quantity = quantity
        }

        enum CodingKeys: String, CodingKey {
            case externalLineID = "external_line_id"
            case sku, quantity
        }
    }

    /// The store's order id.
    public var externalID: Int64
    public var carrier: String
    public var trackingNumber: String
    public var trackingURL: String?
    public var lines: [Line]
    /// Whether the store tells the customer (Shopify's shipping confirmation).
    public var notifyCustomer: Bool

    public init(
        externalID: Int64, carrier: String, trackingNumber: String, trackingURL: String?, lines: [Line],
        notifyCustomer: Bool
    ) {
        self.externalID = externalID
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.trackingURL = trackingURL
        self.lines = lines
        self.notifyCustomer = notifyCustomer
    }

    /// The payload of `shipment` of `order`: each shipped SKU's units on the order's lines of that SKU, in
    /// line order, each line taking no more than it has open.
    public init(order: Order, shipment: Shipment, notifyCustomer: Bool) {
        var lines: [Line] = []
        var taken: [Int: Int] = [:]  // units already placed on each order line, by index
        for item in shipment.items {
            var left = item.quantity
            for (index, line) in order.lines.enumerated() where line.sku == item.sku && left > 0 {
                let room = line.openQuantity - taken[index, default: 0]
                guard room > 0 else { continue }
                let quantity = min(room, left)
                taken[index, default: 0] += quantity
                left -= quantity
                lines.append(Line(externalLineID: line.externalLineID, sku: item.sku, quantity: quantity))
            }
            if left > 0 { lines.append(Line(externalLineID: nil, sku: item.sku, quantity: left)) }
        }
        self.init(
            externalID: order.externalID, carrier: shipment.carrier, trackingNumber: shipment.trackingNumber,
            trackingURL: shipment.trackingURL, lines: lines, notifyCustomer: notifyCustomer)
    }

    enum CodingKeys: String, CodingKey {
        case externalID = "external_id"
        case carrier
        case trackingNumber = "tracking_number"
        case trackingURL = "tracking_url"
        case lines
        case notifyCustomer = "notify_customer"
    }
}
