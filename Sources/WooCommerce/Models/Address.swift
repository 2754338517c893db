/// A billing or shipping address, with WooCommerce's field names.
///
/// Every field is a string; a store leaves unused ones empty. `email` exists on billing addresses only, and
/// `phone` on shipping addresses since WooCommerce 5.6.
public struct WooAddress: Sendable, Hashable, Codable {
    public var firstName: String
    public var lastName: String
    public var company: String
    public var address1: String
    public var address2: String
    public var city: String
    public var state: String
    public var postcode: String
    public var country: String
    /// Billing only; `nil` on shipping addresses or when the store sends `null`.
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

    /// True when every field is empty (a virtual order's shipping address).
    public var isEmpty: Bool { self == WooAddress() }

    enum CodingKeys: String, CodingKey {
        case firstName = "first_name"
        case lastName = "last_name"
        case company
        case address1 = "address_1"
        case address2 = "address_2"
        case city, state, postcode, country, email, phone
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        firstName = container.lenientString(.firstName)
        lastName = container.lenientString(.lastName)
        company = container.lenientString(.company)
        address1 = container.lenientString(.address1)
        address2 = container.lenientString(.address2)
        city = container.lenientString(.city)
        state = container.lenientString(.state)
        postcode = container.lenientString(.postcode)
        country = container.lenientString(.country)
        email = container.lenientOptionalString(.email)
        phone = container.lenientString(.phone)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(firstName, forKey: .firstName)
        try container.encode(lastName, forKey: .lastName)
        try container.encode(company, forKey: .company)
        try container.encode(address1, forKey: .address1)
        try container.encode(address2, forKey: .address2)
        try container.encode(city, forKey: .city)
        try container.encode(state, forKey: .state)
        try container.encode(postcode, forKey: .postcode)
        try container.encode(country, forKey: .country)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encode(phone, forKey: .phone)
    }
}
