import LogixCore
import Storage

/// One SKU of a user's inventory: Logix's figures, and how each of the user's stores that maps the SKU tracks its
/// stock — a store that does not manage it gets no push, and the user must see that (issue 11, C).
public struct InventoryItem: Sendable, Hashable {
    /// One store's view of the SKU.
    public struct Store: Sendable, Hashable {
        public var integrationID: Int64
        public var stockManagement: SKUMapEntry.StockManagement
    }

    public var level: StockLevel
    /// By integration id.
    public var stores: [Store]

    init(level: StockLevel, entries: [SKUMapEntry]) {
        self.level = level
        self.stores = entries.filter { $0.sku == level.sku }.sorted { $0.integrationID < $1.integrationID }
            .map { Store(integrationID: $0.integrationID, stockManagement: $0.stockManagement) }
    }
}
