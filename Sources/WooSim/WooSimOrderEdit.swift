/// An address as WooCommerce shows it on orders and customers (`email` only on billing).
public struct WooSimAddress: Sendable, Hashable, Codable {
    public var firstName: String
    public var lastName: String
    public var company: String
    public var address1: String
    public var address2: String
    public var city: String
    public var state: String
    public var postcode: String
    public var country: String
    public var email: String?
    public var phone: String

    public init(
        firstName: String = "", lastName: String = "", company: String = "", address1: String = "",
        address2: String = "", city: String = "", state: String = "", postcode: String = "", country: String = "",
        email: String? = nil, phone: String = ""
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.company = company
        self.address1 = address1
        self.address2 = address2
        self.city = city
        self.state = state
        self.postcode = postcode
        self.country = country
        self.email = email
        self.phone = phone
    }

    enum CodingKeys: String, CodingKey {
        case firstName = "first_name"
        case lastName = "last_name"
        case company
        case address1 = "address_1"
        case
            address2 = "address_2"
        case city, state, postcode, country, email, phone
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            firstName: try c.decodeIfPresent(String.self, forKey: .firstName) ?? "",
            lastName: try c.decodeIfPresent(String.self, forKey: .lastName) ?? "",
            company: try c.decodeIfPresent(String.self, forKey: .company) ?? "",
            address1: try c.decodeIfPresent(String.self, forKey: .address1) ?? "",
            address2: try c.decodeIfPresent(String.self, forKey: .address2) ?? "",
            city: try c.decodeIfPresent(String.self, forKey: .city) ?? "",
            state: try c.decodeIfPresent(String.self, forKey: .state) ?? "",
            postcode: try c.decodeIfPresent(String.self, forKey: .postcode) ?? "",
            country: try c.decodeIfPresent(String.self, forKey: .country) ?? "",
            email: try c.decodeIfPresent(String.self, forKey: .email),
            phone: try c.decodeIfPresent(String.self, forKey: .phone) ?? "")
    }
}

/// One line to put on an order: by SKU, or by product (and variation) id.
public struct WooSimOrderLine: Sendable, Hashable, Codable {
    public var sku: String?
    public var productId: Int?
    public var variationId: Int?
    public var quantity: Int

    public init(sku: String, quantity: Int = 1) {
        self.sku = sku
        self.quantity = quantity
    }

    public init(productId: Int, variationId: Int? = nil, quantity: Int = 1) {
        self.productId = productId
        self.variationId = variationId
        self.quantity = quantity
    }

    enum CodingKeys: String, CodingKey {
        case sku
        case productId = "product_id"
        case variationId = "variation_id"
        case quantity
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.sku = try c.decodeIfPresent(String.self, forKey: .sku)
        self.productId = try c.decodeIfPresent(Int.self, forKey: .productId)
        self.variationId = try c.decodeIfPresent(Int.self, forKey: .variationId)
        self.quantity = try c.decodeIfPresent(Int.self, forKey: .quantity) ?? 1
    }
}

/// A new order placed as a shopper would (`WooSim.placeOrder`, `POST /__sim/orders`).
public struct WooSimNewOrder: Sendable, Hashable, Codable {
    /// `processing` (paid) by default; `pending`, `on-hold`, … are fine too.
    public var status: String
    /// `nil` → one to three random lines from the catalog (deterministic per sim).
    public var lines: [WooSimOrderLine]?
    /// 0 → guest; `nil` → a random customer or guest.
    public var customerId: Int?
    public var billing: WooSimAddress?
    public var customerNote: String?

    public init(
        status: String = "processing", lines: [WooSimOrderLine]? = nil, customerId: Int? = nil,
        billing: WooSimAddress? = nil, customerNote: String? = nil
    ) {
        self.status = status
        self.lines = lines
        self.customerId = customerId
        self.billing = billing
        self.customerNote = customerNote
    }

    enum CodingKeys: String, CodingKey {
        case status, lines
        case customerId = "customer_id"
        case billing
        case customerNote = "customer_note"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            status: try c.decodeIfPresent(String.self, forKey: .status) ?? "processing",
            lines: try c.decodeIfPresent([WooSimOrderLine].self, forKey: .lines),
            customerId: try c.decodeIfPresent(Int.self, forKey: .customerId),
            billing: try c.decodeIfPresent(WooSimAddress.self, forKey: .billing),
            customerNote: try c.decodeIfPresent(String.self, forKey: .customerNote))
    }
}

/// A change made in the store's admin (`WooSim.editOrder`, `PUT /__sim/orders/{id}`).
///
/// Everything but `metaData` bumps `date_modified` and fires `order.updated`; meta-only edits change
/// neither, as on a real store.
public struct WooSimOrderEdit: Sendable, Hashable, Codable {
    public var status: String?
    public var billing: WooSimAddress?
    public var shipping: WooSimAddress?
    public var addLines: [WooSimOrderLine]?
    public var customerNote: String?
    /// Order meta to set (key → string value).
    public var metaData: [String: String]?

    public init(
        status: String? = nil, billing: WooSimAddress? = nil, shipping: WooSimAddress? = nil,
        addLines: [WooSimOrderLine]? = nil, customerNote: String? = nil, metaData: [String: String]? = nil
    ) {
        self.status = status
        self.billing = billing
        self.shipping = shipping
        self.addLines = addLines
        self.customerNote = customerNote
        self.metaData = metaData
    }

    enum CodingKeys: String, CodingKey {
        case status, billing, shipping
        case addLines = "add_lines"
        case customerNote = "customer_note"
        case
            metaData = "meta_data"
    }
}

/// One delivery attempt (or ping) by the store's webhooks, for assertions (`WooSim.webhookDeliveries`).
public struct WooSimWebhookDelivery: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Codable {
        /// The receiver answered 2xx…302.
        case delivered
        /// Another status, a timeout or a connection error.
        case failed
        /// Lost by fault injection; never sent.
        case dropped
    }

    public var webhookId: Int
    /// `"ping"` for the ping sent on creation, else the webhook's topic.
    public var topic: String
    public var url: String
    /// The order/product/… id the delivery was about (`nil` for a ping).
    public var resourceId: Int?
    /// `X-WC-Webhook-Delivery-ID` (empty for a ping).
    public var deliveryId: String
    public var outcome: Outcome
    public var statusCode: Int?
    public var error: String?
    /// A second copy sent by fault injection.
    public var isDuplicate: Bool
    /// Unix seconds when the attempt finished.
    public var timestamp: Int64

    /// Same as `webhookId`.
    public var webhookID: Int { self.webhookId }
    /// The ping sent when the webhook was created (not a delivery; never counted as a failure).
    public var isPing: Bool { self.topic == "ping" }
}

/// Units of one order line to refund (`WooSim.refundOrder`).
public struct WooSimRefundLine: Sendable, Hashable, Codable {
    /// The order line's `id` (a `line_items[].id` of the order).
    public var lineItemId: Int
    public var quantity: Int

    public init(lineItemId: Int, quantity: Int) {
        self.lineItemId = lineItemId
        self.quantity = quantity
    }
}
