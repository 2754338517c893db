import Foundation
import LogixCore
import Sync

/// An order as the API shows it, with WooCommerce's names for address fields.
struct OrderResponse: Encodable, Sendable {
    struct CustomerBody: Encodable, Sendable {
        var name: String
        var email: String
        var phone: String
    }
    struct AddressBody: Encodable, Sendable {
        var firstName, lastName, company, address1, address2, city, state, postcode, country, phone: String
        enum CodingKeys: String, CodingKey {
            case firstName = "first_name"
            case lastName = "last_name"
            case company
            case address1 = "address_1"
            case address2 = "address_2"
            case city, state, postcode, country, phone
        }
        init(_ address: PostalAddress) {
            (firstName, lastName, company) = (address.firstName, address.lastName, address.company)
            (address1, address2, city) = (address.address1, address.address2, address.city)
            (state, postcode, country, phone) = (address.state, address.postcode, address.country, address.phone)
        }
    }
    struct LineBody: Encodable, Sendable {
        var sku: String?
        var name: String
        var quantity: Int
        var unitPrice: String
        var externalProductID: Int64?
        var externalVariationID: Int64?
        /// Units of the line the store refunded: what is still to send is `quantity` less these.
        var refundedQuantity: Int
        enum CodingKeys: String, CodingKey {
            case sku, name, quantity
            case unitPrice = "unit_price"
            case refundedQuantity = "refunded_quantity"
            case externalProductID = "external_product_id"
            case externalVariationID = "external_variation_id"
        }
    }
    struct ReviewBody: Encodable, Sendable {
        var reason: String
        var changes: [FieldChange]
    }

    var id: Int64
    var integrationID: Int64
    /// The integration's platform (`woocommerce`, `shopify`): what the ids and store status are of.
    var platform: String
    var externalID: Int64
    var number: String
    var status: String
    var storeStatus: String
    var currency: String
    var total: String
    /// The sum of the store's refunds, positive.
    var refundedTotal: String
    var customer: CustomerBody
    var billingAddress: AddressBody
    var shippingAddress: AddressBody
    var shippingMethod: String?
    var lines: [LineBody]
    /// The note the customer wrote at checkout; empty when none.
    var customerNote: String
    var review: ReviewBody?
    var createdAt: Date
    var updatedAt: Date
    /// When the customer placed the order, as the store says; `null` when it did not.
    var placedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id
        case integrationID = "integration_id"
        case platform
        case externalID = "external_id"
        case number, status
        case storeStatus = "store_status"
        case currency, total, customer
        case refundedTotal = "refunded_total"
        case customerNote = "customer_note"
        case billingAddress = "billing_address"
        case shippingAddress = "shipping_address"
        case shippingMethod = "shipping_method"
        case lines, review
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case placedAt = "placed_at"
    }

    /// `review`, `shipping_method` and `placed_at` are always present, `null` when empty: clients test for null, not for
    /// a missing key.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(integrationID, forKey: .integrationID)
        try container.encode(platform, forKey: .platform)
        try container.encode(externalID, forKey: .externalID)
        try container.encode(number, forKey: .number)
        try container.encode(status, forKey: .status)
        try container.encode(storeStatus, forKey: .storeStatus)
        try container.encode(currency, forKey: .currency)
        try container.encode(total, forKey: .total)
        try container.encode(refundedTotal, forKey: .refundedTotal)
        try container.encode(customer, forKey: .customer)
        try container.encode(billingAddress, forKey: .billingAddress)
        try container.encode(shippingAddress, forKey: .shippingAddress)
        try container.encode(shippingMethod, forKey: .shippingMethod)
        try container.encode(lines, forKey: .lines)
        try container.encode(customerNote, forKey: .customerNote)
        try container.encode(review, forKey: .review)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(placedAt, forKey: .placedAt)
    }

    /// - Parameter platforms: the user's integrations' platforms (``Sync/Orders/platforms(userID:)``).
    init(_ order: Order, platforms: [Int64: ChannelPlatform]) {
        id = order.id ?? 0
        integrationID = order.integrationID
        platform = platforms[order.integrationID]?.rawValue ?? ""

        externalID = order.externalID
        number = order.number
        status = order.status.rawValue
        storeStatus = order.storeStatus
        currency = order.currency
        total = order.total.exactString
        refundedTotal = order.refundedTotal.exactString
        customerNote = order.customerNote
        customer = CustomerBody(name: order.customer.name, email: order.customer.email, phone: order.customer.phone)
        billingAddress = AddressBody(order.billingAddress)
        shippingAddress = AddressBody(order.shippingAddress)
        shippingMethod = order.shippingMethod
        lines = order.lines.map {
            LineBody(
                sku: $0.sku, name: $0.name, quantity: $0.quantity, unitPrice: $0.unitPrice.exactString,
                externalProductID: $0.externalProductID, externalVariationID: $0.externalVariationID,
                refundedQuantity: $0.refundedQuantity)
        }
        review = order.review.map { ReviewBody(reason: $0.reason.rawValue, changes: $0.changes) }
        createdAt = order.createdAt
        updatedAt = order.updatedAt
        placedAt = order.placedAt
    }
}
