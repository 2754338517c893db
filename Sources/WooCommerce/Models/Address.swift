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
        var fields = Fields()
        fields.firstName = container.lenientOptionalString(.firstName)
        fields.lastName = container.lenientOptionalString(.lastName)
        fields.company = container.lenientOptionalString(.company)
        fields.address1 = container.lenientOptionalString(.address1)
        fields.address2 = container.lenientOptionalString(.address2)
        fields.city = container.lenientOptionalString(.city)
        fields.state = container.lenientOptionalString(.state)
        fields.postcode = container.lenientOptionalString(.postcode)
        fields.country = container.lenientOptionalString(.country)
        fields.email = container.lenientOptionalString(.email)
        fields.phone = container.lenientOptionalString(.phone)
        self.init(fields)
    }

    /// What a decoder found in an address, field by field (`nil` where nothing usable); both decoders fill
    /// one, the Codable path and ``WooOrderReader``, so the defaults below exist once.
    struct Fields {
        var firstName: String?
        var lastName: String?
        var company: String?
        var address1: String?
        var address2: String?
        var city: String?
        var state: String?
        var postcode: String?
        var country: String?
        var email: String?
        var phone: String?
    }

    /// The address from what a decoder found: missing fields are empty, a missing `email` stays `nil`.
    init(_ fields: Fields) {
        self.firstName = fields.firstName ?? ""
        self.lastName = fields.lastName ?? ""
        self.company = fields.company ?? ""
        self.address1 = fields.address1 ?? ""
        self.address2 = fields.address2 ?? ""
        self.city = fields.city ?? ""
        self.state = fields.state ?? ""
        self.postcode = fields.postcode ?? ""
        self.country = fields.country ?? ""
        self.email = fields.email
        self.phone = fields.phone ?? ""
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
