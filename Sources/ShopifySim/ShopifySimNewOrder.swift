/// An order to place through the control API or ``ShopifySim/placeOrder(_:)``.
public struct ShopifySimNewOrder: Sendable, Codable {
    /// One line per SKU; none → one unit of the first variant that has a SKU.
    public var lines: [Line] = []
    public var email: String?
    public var test: Bool = false
    public var tags: [String] = []
    public var note: String?
    /// `OrderDisplayFinancialStatus`, e.g. `PAID`, `PENDING`.
    public var financialStatus: String = "PAID"

    public struct Line: Sendable, Codable {
        public var sku: String
        public var quantity: Int

        public init(sku: String, quantity: Int = 1) {
            self.sku = sku
            self.quantity = quantity
        }
    }

    public init(lines: [Line] = [], email: String? = nil, test: Bool = false, tags: [String] = [], note: String? = nil)
    {
        self.lines = lines
        self.email = email
        self.test = test
        self.tags = tags
        self.note = note
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.lines = try c.decodeIfPresent([Line].self, forKey: .lines) ?? []
        self.email = try c.decodeIfPresent(String.self, forKey: .email)
        self.test = try c.decodeIfPresent(Bool.self, forKey: .test) ?? false
        self.tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        self.note = try c.decodeIfPresent(String.self, forKey: .note)
        self.financialStatus = try c.decodeIfPresent(String.self, forKey: .financialStatus) ?? "PAID"
    }
}
