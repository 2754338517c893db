/// A billing or shipping address. Fields are kept as the store sent them; empty strings mean "not given".
///
/// `email` is optional because only billing addresses carry one in most stores; `nil` and `""` are different
/// (a billing address with an emptied email is still a billing address with an email field).
public struct PostalAddress: Sendable, Hashable, Codable {
    public var firstName: String
    public var lastName: String
    public var company: String
    public var address1: String
    public var address2: String
    public var city: String
    public var state: String
    public var postcode: String
    /// ISO 3166-1 alpha-2 code as the store sends it, e.g. `DE`.
    public var country: String
    public var phone: String
    public var email: String?

    public init(
        firstName: String = "",
        lastName: String = "",
        company: String = "",
        address1: String = "",
        address2: String = "",
        city: String = "",
        state: String = "",
        postcode: String = "",
        country: String = "",
        phone: String = "",
        email: String? = nil
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
        self.phone = phone
        self.email = email
    }

    /// Every field by a stable name, in display order, so diffs can say exactly which line of an address
    /// changed.
    var fields: [(name: String, value: String)] {
        [
            ("firstName", firstName),
            ("lastName", lastName),
            ("company", company),
            ("address1", address1),
            ("address2", address2),
            ("city", city),
            ("state", state),
            ("postcode", postcode),
            ("country", country),
            ("phone", phone),
            ("email", email ?? ""),
        ]
    }
}
