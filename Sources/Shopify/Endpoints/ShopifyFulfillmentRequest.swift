/// What `fulfillmentCreate` ships: lines of one or more fulfillment orders (one order, one location per
/// call), with tracking.
public struct ShopifyFulfillmentRequest: Sendable, Hashable {
    /// The lines of one fulfillment order to ship; no lines ships everything it has left.
    public struct Lines: Sendable, Hashable {
        public var fulfillmentOrderID: ShopifyGID
        /// `FulfillmentOrderLineItem` ids and quantities; empty = all remaining.
        public var lineItems: [(id: ShopifyGID, quantity: Int)]

        public init(fulfillmentOrderID: ShopifyGID, lineItems: [(id: ShopifyGID, quantity: Int)] = []) {
            self.fulfillmentOrderID = fulfillmentOrderID
            self.lineItems = lineItems
        }

        public static func == (lhs: Lines, rhs: Lines) -> Bool {
            lhs.fulfillmentOrderID == rhs.fulfillmentOrderID
                && lhs.lineItems.map(\.id) == rhs.lineItems.map(\.id)
                && lhs.lineItems.map(\.quantity) == rhs.lineItems.map(\.quantity)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(fulfillmentOrderID)
            for line in lineItems {
                hasher.combine(line.id)
                hasher.combine(line.quantity)
            }
        }
    }

    public var lines: [Lines]
    public var tracking: ShopifyTrackingInfo?
    /// Whether Shopify emails the customer; Shopify's default is not to.
    public var notifyCustomer: Bool

    public init(lines: [Lines], tracking: ShopifyTrackingInfo? = nil, notifyCustomer: Bool = false) {
        self.lines = lines
        self.tracking = tracking
        self.notifyCustomer = notifyCustomer
    }

    var input: GraphQLValue {
        var fields: [String: GraphQLValue] = [
            "notifyCustomer": .bool(notifyCustomer),
            "lineItemsByFulfillmentOrder": .list(
                lines.map { group in
                    var entry: [String: GraphQLValue] = [
                        "fulfillmentOrderId": .string(group.fulfillmentOrderID.rawValue)
                    ]
                    if !group.lineItems.isEmpty {
                        entry["fulfillmentOrderLineItems"] = .list(
                            group.lineItems.map {
                                .object(["id": .string($0.id.rawValue), "quantity": .int($0.quantity)])
                            })
                    }
                    return .object(entry)
                }),
        ]
        if let tracking { fields["trackingInfo"] = tracking.input }
        return .object(fields)
    }
}

extension ShopifyTrackingInfo {
    var input: GraphQLValue {
        var fields: [String: GraphQLValue] = [:]
        if let company { fields["company"] = .string(company) }
        if let number { fields["number"] = .string(number) }
        if let url { fields["url"] = .string(url) }
        return .object(fields)
    }
}
