import Storage

/// One stock batch request: updates for products (`products/batch`) or for one parent's variations
/// (`products/{productID}/variations/batch`), one per store record, with the outbox items each settles.
struct StockBatch: Sendable {
    /// One store record's new quantity, and the items (SKUs) it answers for — several when variations keep their
    /// stock on the parent.
    struct Update: Sendable {
        var id: Int
        var quantity: Int
        var items: [OutboxItem]
        /// The SKU the quantity came from.
        var sku: String
        /// Whether that SKU is the record itself (its value beats a parent-managed variation's).
        var fromOwner: Bool
    }

    /// The parent product for a variations batch; `nil` for `products/batch`.
    var productID: Int?
    var updates: [Update]

    /// The batch cut into requests of at most `limit` updates, in order.
    func split(by limit: Int) -> [StockBatch] {
        updates.chunked(by: max(1, limit)).map { StockBatch(productID: productID, updates: Array($0)) }
    }
}
