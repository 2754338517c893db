/// The person who placed an order, as the store knows them. Empty strings mean the store gave nothing (guest
/// checkouts often have no phone).
public struct Customer: Sendable, Hashable, Codable {
    public var name: String
    public var email: String
    public var phone: String

    public init(name: String = "", email: String = "", phone: String = "") {
        self.name = name
        self.email = email
        self.phone = phone
    }
}
