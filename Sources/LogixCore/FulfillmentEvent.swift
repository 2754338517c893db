/// Something the warehouse did with an order, as reported through `POST /orders/{id}/fulfillment`.
public enum FulfillmentEvent: Sendable, Hashable {
    /// Every line was picked.
    case picked
    /// The goods are packed.
    case packed
    /// A parcel left: `items` empty means everything not shipped yet.
    case shipped(carrier: String, trackingNumber: String, trackingURL: String?, items: [Shipment.Item])
    /// The carrier delivered the order.
    case delivered
    /// The warehouse cannot fulfil the order.
    case cancelled(reason: String)

    /// The event's name in the API.
    public var name: String {
        switch self {
        case .picked: "picked"
        case .packed: "packed"
        case .shipped: "shipped"
        case .delivered: "delivered"
        case .cancelled: "cancelled"
        }
    }
}
