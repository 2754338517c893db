/// The stock fields of a product or variation to change. Fields left `nil` are not sent, so they keep their
/// value in the store.
public struct WooStockUpdate: Sendable, Hashable, Encodable {
    /// Turn stock tracking on or off.
    public var manageStock: Bool?
    /// The absolute stock level. Prefer this over ``inventoryDelta``: sending it twice is harmless.
    public var stockQuantity: Int?
    /// `instock`, `outofstock` or `onbackorder`; for products whose stock is not managed.
    public var stockStatus: String?
    /// `no`, `notify` or `yes`.
    public var backorders: String?
    /// A relative change (undocumented, WooCommerce ≥ 3.x). Not idempotent: a retried request applies twice.
    public var inventoryDelta: Int?

    public init(
        manageStock: Bool? = nil,
        stockQuantity: Int? = nil,
        stockStatus: String? = nil,
        backorders: String? = nil,
        inventoryDelta: Int? = nil
    ) {
        self.manageStock = manageStock
        self.stockQuantity = stockQuantity
        self.stockStatus = stockStatus
        self.backorders = backorders
        self.inventoryDelta = inventoryDelta
    }

    /// Whether sending this twice leaves the store as sending it once.
    public var isIdempotent: Bool { inventoryDelta == nil }

    enum CodingKeys: String, CodingKey {
        case manageStock = "manage_stock"
        case stockQuantity = "stock_quantity"
        case stockStatus = "stock_status"
        case backorders
        case inventoryDelta = "inventory_delta"
    }
}

/// One entry of a batch update: which product or variation, and its new stock fields.
public struct WooBatchStockUpdate: Sendable, Hashable, Encodable {
    public var id: Int
    public var update: WooStockUpdate

    public init(id: Int, _ update: WooStockUpdate) {
        self.id = id
        self.update = update
    }

    enum CodingKeys: String, CodingKey { case id }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try update.encode(to: encoder)
    }
}
