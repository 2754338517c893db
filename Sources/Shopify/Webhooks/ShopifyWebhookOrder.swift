import Foundation

/// An order as webhook deliveries carry it: the REST resource, snake_case, numeric ids (read as `Int64`, exact
/// past 2^53), `admin_graphql_api_id`, times in the shop's offset, `tags` one comma-separated string.
///
/// Deliveries can be stale, duplicated or out of order: the usual handling re-reads the order by id
/// (``ShopifyClient/order(id:lineItemsPerOrder:)``); this is what the body itself says. `orders/delete` carries
/// only the id.
public struct ShopifyWebhookOrder: Sendable, Hashable, Decodable {
    public var id: Int64
    /// `admin_graphql_api_id`, else built from `id`.
    public var gid: ShopifyGID
    public var name: String?
    public var email: String?
    public var createdAt: Date?
    public var updatedAt: Date?
    public var cancelledAt: Date?
    /// REST's lower-case reasons: `customer`, `fraud`, …
    public var cancelReason: String?
    public var closedAt: Date?
    /// REST's lower-case `financial_status`: `paid`, `pending`, `refunded`, …
    public var financialStatus: String?
    /// `null` (nothing shipped), `partial`, `fulfilled`, …
    public var fulfillmentStatus: String?
    public var test: Bool
    public var tags: [String]
    public var currency: String?
    public var totalPrice: Decimal?
    public var lineItems: [ShopifyWebhookLineItem]
    public var shippingAddress: ShopifyAddress?

    private enum CodingKeys: String, CodingKey {
        case id
        case adminGraphQLAPIID = "admin_graphql_api_id"
        case name, email
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case cancelledAt = "cancelled_at"
        case cancelReason = "cancel_reason"
        case closedAt = "closed_at"
        case financialStatus = "financial_status"
        case fulfillmentStatus = "fulfillment_status"
        case test, tags, currency
        case totalPrice = "total_price"
        case lineItems = "line_items"
        case shippingAddress = "shipping_address"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeInt64(forKey: .id)
        if let raw = try container.decodeIfPresent(String.self, forKey: .adminGraphQLAPIID) {
            guard let gid = ShopifyGID(raw), gid.legacyID == id else {
                throw DecodingError.dataCorruptedError(
                    forKey: .adminGraphQLAPIID, in: container, debugDescription: "\(raw) does not name order \(id)")
            }
            self.gid = gid
        } else {
            gid = ShopifyGID(type: "Order", id: id)
        }
        name = try container.decodeIfPresent(String.self, forKey: .name)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        createdAt = try container.decodeDateIfPresent(forKey: .createdAt)
        updatedAt = try container.decodeDateIfPresent(forKey: .updatedAt)
        cancelledAt = try container.decodeDateIfPresent(forKey: .cancelledAt)
        cancelReason = try container.decodeIfPresent(String.self, forKey: .cancelReason)
        closedAt = try container.decodeDateIfPresent(forKey: .closedAt)
        financialStatus = try container.decodeIfPresent(String.self, forKey: .financialStatus)
        fulfillmentStatus = try container.decodeIfPresent(String.self, forKey: .fulfillmentStatus)
        test = try container.decodeIfPresent(Bool.self, forKey: .test) ?? false
        let tagText = try container.decodeIfPresent(String.self, forKey: .tags) ?? ""
        tags = tagText.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        currency = try container.decodeIfPresent(String.self, forKey: .currency)
        totalPrice = try container.decodeMoneyIfPresent(forKey: .totalPrice)
        lineItems = try container.decodeIfPresent([ShopifyWebhookLineItem].self, forKey: .lineItems) ?? []
        shippingAddress = try container.decodeIfPresent(RESTAddress.self, forKey: .shippingAddress)?.address
    }

    /// Decodes a delivery's raw body.
    public static func decode(from body: Data) throws -> ShopifyWebhookOrder {
        try JSONDecoder().decode(ShopifyWebhookOrder.self, from: body)
    }
}

/// One `line_items` entry of a webhook order.
public struct ShopifyWebhookLineItem: Sendable, Hashable, Decodable {
    public var id: Int64
    /// `nil` once the variant was deleted (or for custom lines).
    public var variantID: Int64?
    public var sku: String?
    public var quantity: Int
    public var currentQuantity: Int?
    public var fulfillableQuantity: Int?
    public var price: Decimal?

    private enum CodingKeys: String, CodingKey {
        case id
        case variantID = "variant_id"
        case sku, quantity
        case currentQuantity = "current_quantity"
        case fulfillableQuantity = "fulfillable_quantity"
        case price
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeInt64(forKey: .id)
        variantID = try container.decodeInt64IfPresent(forKey: .variantID)
        sku = try container.decodeIfPresent(String.self, forKey: .sku)
        quantity = try container.decode(Int.self, forKey: .quantity)
        currentQuantity = try container.decodeIfPresent(Int.self, forKey: .currentQuantity)
        fulfillableQuantity = try container.decodeIfPresent(Int.self, forKey: .fulfillableQuantity)
        price = try container.decodeMoneyIfPresent(forKey: .price)
    }
}

/// A REST address (`first_name`, `country_code`, …) read into ``ShopifyAddress``.
private struct RESTAddress: Decodable {
    var address: ShopifyAddress

    private enum CodingKeys: String, CodingKey {
        case name
        case firstName = "first_name"
        case lastName = "last_name"
        case company, address1, address2, city, province
        case provinceCode = "province_code"
        case zip, country
        case countryCode = "country_code"
        case phone
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var name = try c.decodeIfPresent(String.self, forKey: .name)
        if name == nil {
            let parts = [
                try c.decodeIfPresent(String.self, forKey: .firstName),
                try c.decodeIfPresent(String.self, forKey: .lastName),
            ]
            .compactMap { $0 }.filter { !$0.isEmpty }
            name = parts.isEmpty ? nil : parts.joined(separator: " ")
        }
        address = ShopifyAddress(
            name: name, company: try c.decodeIfPresent(String.self, forKey: .company),
            address1: try c.decodeIfPresent(String.self, forKey: .address1),
            address2: try c.decodeIfPresent(String.self, forKey: .address2),
            city: try c.decodeIfPresent(String.self, forKey: .city),
            province: try c.decodeIfPresent(String.self, forKey: .province),
            provinceCode: try c.decodeIfPresent(String.self, forKey: .provinceCode),
            zip: try c.decodeIfPresent(String.self, forKey: .zip),
            country: try c.decodeIfPresent(String.self, forKey: .country),
            countryCodeV2: try c.decodeIfPresent(String.self, forKey: .countryCode),
            phone: try c.decodeIfPresent(String.self, forKey: .phone))
    }
}

extension KeyedDecodingContainer {
    /// An id as a JSON integer (or a digit string), exactly: `Int64` straight from the digits, never a `Double`.
    func decodeInt64(forKey key: Key) throws -> Int64 {
        guard let value = try decodeInt64IfPresent(forKey: key) else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "no \(key.stringValue)"))
        }
        return value
    }

    func decodeInt64IfPresent(forKey key: Key) throws -> Int64? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let text = try? decode(String.self, forKey: key) {
            guard let value = Int64(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not an id: \(text)")
            }
            return value
        }
        return try decode(Int64.self, forKey: key)
    }

    /// REST money: a decimal string, or (on older payloads) a JSON number.
    func decodeMoneyIfPresent(forKey key: Key) throws -> Decimal? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let text = try? decode(String.self, forKey: key) {
            guard let value = ShopifyDecimal.parse(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not money: \(text)")
            }
            return value
        }
        return try decode(Decimal.self, forKey: key)
    }
}
