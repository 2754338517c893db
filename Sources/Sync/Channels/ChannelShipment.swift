/// A shipment for the store to record as a fulfillment: its tracking and the units of each order line.
public struct ChannelShipment: Sendable, Hashable {
    /// One order line's units.
    public struct Line: Sendable, Hashable {
        /// The store's line id; `nil` to match the store's lines by SKU.
        public var externalLineID: Int64?
        public var sku: String
        public var quantity: Int

        public init(externalLineID: Int64?, sku: String, quantity: Int) {
            self.externalLineID = externalLineID
            self.sku = sku
            self.quantity = quantity
        }
    }

    /// The store's order id.
    public var externalID: Int64
    public var carrier: String
    public var trackingNumber: String
    public var trackingURL: String?
    public var lines: [Line]
    /// Whether the store tells the customer.
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
}

extension FulfillmentPayload {
    /// The shipment as the channel seam carries it.
    var channelShipment: ChannelShipment {
        ChannelShipment(
            externalID: externalID, carrier: carrier, trackingNumber: trackingNumber, trackingURL: trackingURL,
            lines: lines.map {
                ChannelShipment.Line(externalLineID: $0.externalLineID, sku: $0.sku, quantity: $0.quantity)
            },
            notifyCustomer: notifyCustomer)
    }
}
