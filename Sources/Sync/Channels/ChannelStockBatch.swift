/// Absolute stock levels for one request: records of one kind at the store (products, or one parent's
/// variations), each with its new quantity.
public struct ChannelStockBatch: Sendable, Hashable {
    /// One record's new quantity.
    public struct Update: Sendable, Hashable {
        /// The store's id of the record that holds the stock.
        public var id: Int
        public var quantity: Int

        public init(id: Int, quantity: Int) {
            self.id = id
            self.quantity = quantity
        }
    }

    /// The parent record when the updates are its variations; `nil` for top-level records.
    public var parentID: Int?
    public var updates: [Update]

    public init(parentID: Int?, updates: [Update]) {
        self.parentID = parentID
        self.updates = updates
    }
}

/// The store's refusal of one item of a batch it otherwise answered.
public struct ChannelItemRefusal: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status the store gave the item, when it gave one.
    public var status: Int?
    /// The platform's code for the refusal.
    public var platformCode: String
    /// The refusal as recorded: store, request, item, code and message, never a secret.
    public var description: String

    public init(status: Int?, platformCode: String, description: String) {
        self.status = status
        self.platformCode = platformCode
        self.description = description
    }
}
