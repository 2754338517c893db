/// A fulfillment event the order cannot take: an illegal step for its status, or a shipment that does not fit
/// what is left to ship.
///
/// A struct around a private code, like ``OrderLifecycleError``, so kinds can be added without breaking callers.
public struct FulfillmentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, broadly.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Code: String, Sendable, Hashable {
            case illegalTransition = "illegal_transition"
            case invalidShipment = "invalid_shipment"
        }
        fileprivate let code: Code

        /// The event is not a legal next step for the order's status (the API answers 409).
        public static let illegalTransition = Kind(code: .illegalTransition)
        /// The shipment names a SKU the order lacks, more units than are left, or nothing (422).
        public static let invalidShipment = Kind(code: .invalidShipment)

        public var description: String { code.rawValue }
    }

    public let kind: Kind
    /// The order's status when the event arrived.
    public let status: OrderStatus
    public let message: String

    static func illegal(_ event: FulfillmentEvent, status: OrderStatus) -> Self {
        Self(kind: .illegalTransition, status: status, message: "an order that is \(status) cannot be \(event.name)")
    }

    static func invalidShipment(_ message: String, status: OrderStatus) -> Self {
        Self(kind: .invalidShipment, status: status, message: message)
    }

    public var description: String { "\(kind): \(message)" }
}
