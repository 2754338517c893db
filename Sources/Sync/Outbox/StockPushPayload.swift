/// The payload of a `stock` item: only the SKU. The quantity is read from `stock_levels` when the item is sent,
/// so however many changes were coalesced into the item, the store gets the latest one.
public struct StockPushPayload: Sendable, Hashable, Codable {
    public var sku: String

    public init(sku: String) { self.sku = sku }
}
