/// A Shopify global id, `gid://shopify/Order/5512345678901`: the type and the numeric (legacy) id, which can
/// pass 2^53 and is read as `Int64`, never through `Double`.
public struct ShopifyGID: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    /// The id exactly as Shopify sent it (some carry a query, `…/InventoryLevel/1?inventory_item_id=2`).
    public let rawValue: String
    /// `Order`, `LineItem`, `FulfillmentOrder`, …
    public let type: String
    /// The number after the type: the REST id, the one webhook bodies carry.
    public let legacyID: Int64

    /// Parses `gid://shopify/{Type}/{digits}[?…]`; `nil` for anything else.
    public init?(_ rawValue: String) {
        let prefix = "gid://shopify/"
        guard rawValue.hasPrefix(prefix) else { return nil }
        let rest = rawValue.dropFirst(prefix.count)
        let path = rest.prefix { $0 != "?" }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            parts[1].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let number = Int64(parts[1])
        else { return nil }
        self.rawValue = rawValue
        self.type = String(parts[0])
        self.legacyID = number
    }

    /// The gid of a `type` with a numeric id: `ShopifyGID(type: "Order", id: 5512345678901)`.
    public init(type: String, id: Int64) {
        self.rawValue = "gid://shopify/\(type)/\(id)"
        self.type = type
        self.legacyID = id
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let gid = ShopifyGID(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a Shopify gid: \(text)")
        }
        self = gid
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: ShopifyGID, rhs: ShopifyGID) -> Bool {
        (lhs.type, lhs.legacyID) < (rhs.type, rhs.legacyID)
    }
}
