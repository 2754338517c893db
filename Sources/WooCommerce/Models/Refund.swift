import Foundation

/// A refund of an order as `GET /orders/{id}/refunds` returns it. Here `amount` is **positive**; the
/// refunded lines carry negative quantities and point at the order line through `_refunded_item_id` meta.
public struct WooRefund: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    public var dateCreated: Date?
    public var amount: WooMoney
    public var reason: String
    public var refundedBy: Int
    /// True when the payment gateway refunded the money (`api_refund`).
    public var refundedPayment: Bool
    public var metaData: [WooMetaData]
    public var lineItems: [WooLineItem]

    enum CodingKeys: String, CodingKey {
        case id, amount, reason
        case dateCreated = "date_created_gmt"
        case refundedBy = "refunded_by"
        case refundedPayment = "refunded_payment"
        case metaData = "meta_data"
        case lineItems = "line_items"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.requiredInt(.id)
        dateCreated = container.gmtDate(.dateCreated)
        amount = container.money(.amount)
        reason = container.lenientString(.reason)
        refundedBy = container.lenientInt(.refundedBy)
        refundedPayment = container.lenientBool(.refundedPayment)
        metaData = try container.lenientArray(WooMetaData.self, .metaData)
        lineItems = try container.lenientArray(WooLineItem.self, .lineItems)
    }
}
