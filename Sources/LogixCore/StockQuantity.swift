/// A quantity of one SKU: what an order needs from stock, or what a ``LifecycleEffect`` reserves, releases or
/// consumes.
public struct StockQuantity: Sendable, Hashable, Codable, CustomStringConvertible {
    public var sku: String
    public var quantity: Int

    public init(sku: String, quantity: Int) {
        self.sku = sku
        self.quantity = quantity
    }

    public var description: String { "\(quantity) × \(sku)" }

    /// One entry per SKU, positive quantities only, sorted by SKU.
    ///
    /// Sorted so that effects are deterministic and so that a store updating `stock_levels` rows in this order
    /// always locks them in the same order, which keeps concurrent transactions from deadlocking.
    static func normalized(_ quantities: some Sequence<StockQuantity>) -> [StockQuantity] {
        var totals: [String: Int] = [:]
        for item in quantities {
            totals[item.sku, default: 0] += item.quantity
        }
        return
            totals
            .filter { $0.value > 0 }
            .map { StockQuantity(sku: $0.key, quantity: $0.value) }
            .sorted { $0.sku < $1.sku }
    }
}
