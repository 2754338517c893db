import Foundation

/// A parcel that left the warehouse: who carries it, how to track it, and what is in it.
///
/// An order may go in several shipments (a partial shipment ships some of its lines, or some units of a line);
/// it counts as shipped once its shipments hold every open unit of every line.
public struct Shipment: Sendable, Hashable, Codable {
    /// Units of one SKU in the parcel.
    public struct Item: Sendable, Hashable, Codable {
        public var sku: String
        public var quantity: Int

        public init(sku: String, quantity: Int) {
            self.sku = sku
            self.quantity = quantity
        }
    }

    public var id: Int64?
    public var carrier: String
    public var trackingNumber: String
    public var trackingURL: String?
    public var items: [Item]
    public var shippedAt: Date

    public init(
        id: Int64? = nil, carrier: String, trackingNumber: String, trackingURL: String? = nil, items: [Item],
        shippedAt: Date
    ) {
        self.id = id
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.trackingURL = trackingURL
        self.items = items
        self.shippedAt = shippedAt
    }
}
