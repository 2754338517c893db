import LogixCore
import Storage

/// One SKU of a user's inventory: Logix's figures, and how each of the user's stores that maps the SKU tracks its
/// stock — a store that does not manage it gets no push, and the user must see that (issue 11, C) — or that the
/// store uses the SKU on several products, so it maps none of them.
public struct InventoryItem: Sendable, Hashable {
    /// One store's view of the SKU.
    public struct Store: Sendable, Hashable {
        public var integrationID: Int64
        /// The integration's name, as the user gave it.
        public var name: String
        /// How the store tracks the SKU; `unmanaged` for a duplicated SKU (nothing is pushed to it).
        public var stockManagement: SKUMapEntry.StockManagement
        /// Whether the store keeps a stock figure for the SKU (on the record or its parent): `manage_stock`.
        public var managesStock: Bool
        /// Whether two or more products or variations of the store share the SKU: none of them is mapped.
        public var duplicated: Bool

        public init(
            integrationID: Int64, name: String = "", stockManagement: SKUMapEntry.StockManagement,
            duplicated: Bool = false
        ) {
            self.integrationID = integrationID
            self.name = name
            self.stockManagement = stockManagement
            self.managesStock = !duplicated && stockManagement != .unmanaged
            self.duplicated = duplicated
        }
    }

    public var level: StockLevel
    /// By integration id.
    public var stores: [Store]

    /// Whether any store uses the SKU on several records.
    public var isDuplicated: Bool { stores.contains(where: \.duplicated) }
    /// Whether any store that maps the SKU does not manage its stock.
    public var isUnmanagedSomewhere: Bool { stores.contains { !$0.duplicated && !$0.managesStock } }

    init(
        level: StockLevel, entries: [SKUMapEntry], duplicates: [SKUDuplicate] = [], names: [Int64: String] = [:]
    ) {
        self.level = level
        let mapped = entries.filter { $0.sku == level.sku }.map {
            Store(
                integrationID: $0.integrationID, name: names[$0.integrationID] ?? "",
                stockManagement: $0.stockManagement)
        }
        let shared = duplicates.filter { $0.sku == level.sku }.map {
            Store(
                integrationID: $0.integrationID, name: names[$0.integrationID] ?? "", stockManagement: .unmanaged,
                duplicated: true)
        }
        self.stores = (mapped + shared).sorted {
            ($0.integrationID, $0.duplicated ? 1 : 0) < ($1.integrationID, $1.duplicated ? 1 : 0)
        }
    }
}
