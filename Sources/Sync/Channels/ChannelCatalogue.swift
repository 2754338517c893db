import Storage

/// A store's catalogue as read for the SKU map.
public struct ChannelCatalogue: Sendable, Hashable {
    /// Top-level products read.
    public var products: Int
    /// Variations (variants) read.
    public var variations: Int
    /// The SKU-map entries: one per SKU used exactly once.
    public var entries: [SKUMapEntry]
    /// SKUs used more than once, with the store ids that use them; none of them is mapped.
    public var duplicates: [String: [String]]
    /// Products and variations without a SKU of their own.
    public var withoutSKU: Int

    public init(
        products: Int, variations: Int, entries: [SKUMapEntry], duplicates: [String: [String]], withoutSKU: Int
    ) {
        self.products = products
        self.variations = variations
        self.entries = entries
        self.duplicates = duplicates
        self.withoutSKU = withoutSKU
    }
}
