import Foundation

/// A registered customer.
public struct WooCustomer: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    public var email: String
    public var firstName: String
    public var lastName: String
    public var username: String
    public var role: String
    public var billing: WooAddress
    public var shipping: WooAddress
    public var isPayingCustomer: Bool
    public var dateCreated: Date?
    public var dateModified: Date?
    public var metaData: [WooMetaData]

    enum CodingKeys: String, CodingKey {
        case id, email, username, role, billing, shipping
        case firstName = "first_name"
        case lastName = "last_name"
        case isPayingCustomer = "is_paying_customer"
        case dateCreated = "date_created_gmt"
        case dateModified = "date_modified_gmt"
        case metaData = "meta_data"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.requiredInt(.id)
        email = container.lenientString(.email)
        firstName = container.lenientString(.firstName)
        lastName = container.lenientString(.lastName)
        username = container.lenientString(.username)
        role = container.lenientString(.role)
        billing = container.lenientObject(WooAddress.self, .billing) ?? WooAddress()
        shipping = container.lenientObject(WooAddress.self, .shipping) ?? WooAddress()
        isPayingCustomer = container.lenientBool(.isPayingCustomer)
        dateCreated = container.gmtDate(.dateCreated)
        dateModified = container.gmtDate(.dateModified)
        metaData = try container.lenientArray(WooMetaData.self, .metaData)
    }
}
