import Foundation

/// One line of an order: what to pick, how many, and at what price.
///
/// A line may have no SKU (the product never had one, or it was deleted from the store after the order was
/// placed); such a line is kept for the record but reserves no stock, since stock is counted per SKU.
public struct OrderLine: Sendable, Hashable {
    /// The store's id for this line; stable while the line is edited, so diffs can follow it.
    public var externalLineID: Int64?
    /// `nil` when the line has no SKU. The initializer turns an empty SKU into `nil` so that the two ways a
    /// store says "no SKU" compare equal.
    public var sku: String?
    public var name: String
    public var quantity: Int
    public var unitPrice: Decimal
    public var externalProductID: Int64?
    public var externalVariationID: Int64?
    /// How many units of this line the store has refunded; never negative.
    public var refundedQuantity: Int

    public init(
        externalLineID: Int64? = nil,
        sku: String?,
        name: String,
        quantity: Int,
        unitPrice: Decimal,
        externalProductID: Int64? = nil,
        externalVariationID: Int64? = nil,
        refundedQuantity: Int = 0
    ) {
        self.externalLineID = externalLineID
        self.sku = sku?.isEmpty == true ? nil : sku
        self.name = name
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.externalProductID = externalProductID
        self.externalVariationID = externalVariationID
        // Some stores report refunded quantities as negative numbers; the magnitude is what was refunded.
        self.refundedQuantity = Int(clamping: refundedQuantity.magnitude)
    }

    /// Units still to be sent: ordered minus refunded, never below zero.
    public var openQuantity: Int {
        max(0, quantity - max(0, refundedQuantity))
    }
}

extension OrderLine: Codable {
    private enum CodingKeys: String, CodingKey {
        case externalLineID
        case sku
        case name
        case quantity
        case unitPrice
        case externalProductID
        case externalVariationID
        case refundedQuantity
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            externalLineID: try container.decodeIfPresent(Int64.self, forKey: .externalLineID),
            sku: try container.decodeIfPresent(String.self, forKey: .sku),
            name: try container.decode(String.self, forKey: .name),
            quantity: try container.decode(Int.self, forKey: .quantity),
            unitPrice: try container.decodeExactDecimal(forKey: .unitPrice),
            externalProductID: try container.decodeIfPresent(Int64.self, forKey: .externalProductID),
            externalVariationID: try container.decodeIfPresent(Int64.self, forKey: .externalVariationID),
            refundedQuantity: try container.decodeIfPresent(Int.self, forKey: .refundedQuantity) ?? 0
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(externalLineID, forKey: .externalLineID)
        try container.encodeIfPresent(sku, forKey: .sku)
        try container.encode(name, forKey: .name)
        try container.encode(quantity, forKey: .quantity)
        try container.encodeExactDecimal(unitPrice, forKey: .unitPrice)
        try container.encodeIfPresent(externalProductID, forKey: .externalProductID)
        try container.encodeIfPresent(externalVariationID, forKey: .externalVariationID)
        try container.encode(refundedQuantity, forKey: .refundedQuantity)
    }
}
