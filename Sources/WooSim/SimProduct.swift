/// A product or variation as the store holds it. Money is in cents.
struct SimProduct: Sendable, Equatable, Codable {
    enum Kind: String, Sendable, Codable { case simple, variable, variation }

    /// A variation's `manage_stock` is `true`, `false` or the string `"parent"`.
    enum StockManagement: Sendable, Equatable, Codable { case managed, unmanaged, parent }

    struct Attribute: Sendable, Equatable, Codable {
        var id: Int
        var name: String
        var slug: String
        /// All options (on a variable product) or the one option (on a variation).
        var options: [String]
    }

    struct Category: Sendable, Equatable, Codable {
        var id: Int
        var name: String
        var slug: String
    }

    var id: Int
    var parentId: Int = 0
    var kind: Kind
    /// For a variation: the parent's name (its `name` via /products is "Parent - A, B").
    var name: String
    var slug: String
    var sku: String
    var regularPrice: Int?
    var salePrice: Int?
    var stock: StockManagement
    var stockQuantity: Int?
    var backorders: String = "no"
    /// Only for products without managed stock.
    var manualStockStatus: String = "instock"
    var taxClass: String = ""
    var weight: String = ""
    var categories: [Category] = []
    var attributes: [Attribute] = []
    var variationIds: [Int] = []
    var dateCreated: Int64
    var dateModified: Int64
    var totalSales: Int = 0
    var status: String = "publish"
    var meta: [SimMeta] = []

    var price: Int? { self.salePrice ?? self.regularPrice }

    /// The attribute summary a variation shows as its own name via /variations ("Black, S").
    var attributeSummary: String {
        self.attributes.compactMap(\.options.first).joined(separator: ", ")
    }
}

/// A `meta_data` entry; values are kept as JSON so any shape round-trips.
struct SimMeta: Sendable, Equatable, Codable {
    var id: Int
    var key: String
    var value: JSONValue
}

/// A registered customer (a WordPress user with role `customer`).
struct SimCustomer: Sendable, Equatable {
    var id: Int
    var dateCreated: Int64
    var dateModified: Int64
    var email: String
    var firstName: String
    var lastName: String
    var username: String
    var billing: WooSimAddress
    var shipping: WooSimAddress
    var isPayingCustomer: Bool
    var avatarHash: String
}
