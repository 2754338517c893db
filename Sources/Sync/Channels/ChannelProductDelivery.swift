import Storage

/// What one product webhook delivery shows (issue 11, gap 9): which store product it concerns — a variation's
/// parent, since a product and its variations are refreshed together — and the SKU, stock tracking and stock
/// figure of the record delivered.
public struct ChannelProductDelivery: Sendable, Hashable {
    /// The delivered record as the store showed it.
    public struct Record: Sendable, Hashable {
        /// The record's own id: the product's, or the variation's.
        public var id: Int64
        public var sku: String
        /// Set for a variation.
        public var externalVariationID: Int64?
        public var stockManagement: SKUMapEntry.StockManagement
        /// The store's stock figure of the record; `nil` when the record does not hold one (not managed, or a
        /// variation using its parent's).
        public var stockQuantity: Int?

        public init(
            id: Int64, sku: String, externalVariationID: Int64?, stockManagement: SKUMapEntry.StockManagement,
            stockQuantity: Int?
        ) {
            self.id = id
            self.sku = sku
            self.externalVariationID = externalVariationID
            self.stockManagement = stockManagement
            self.stockQuantity = stockQuantity
        }
    }

    /// The product to refresh in the SKU map: the delivered product, or the delivered variation's parent.
    public var productID: Int64
    /// The store deleted (or trashed) the record.
    public var deleted: Bool
    /// `nil` when the body carries nothing but the id (a deletion).
    public var record: Record?

    public init(productID: Int64, deleted: Bool, record: Record?) {
        self.productID = productID
        self.deleted = deleted
        self.record = record
    }
}
