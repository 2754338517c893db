/// Changes to an order. Fields left `nil` are not sent.
///
/// Setting `status` goes through WooCommerce's normal transition (emails, stock hooks) and bumps
/// `date_modified`; meta-only changes do not bump it.
public struct WooOrderUpdate: Sendable, Hashable, Encodable {
    public var status: WooOrderStatus?
    /// Entries to add or (with an `id`) replace; others stay.
    public var metaData: [WooMetaData]?
    public var billing: WooAddress?
    public var shipping: WooAddress?
    public var customerNote: String?
    public var transactionID: String?

    public init(
        status: WooOrderStatus? = nil,
        metaData: [WooMetaData]? = nil,
        billing: WooAddress? = nil,
        shipping: WooAddress? = nil,
        customerNote: String? = nil,
        transactionID: String? = nil
    ) {
        self.status = status
        self.metaData = metaData
        self.billing = billing
        self.shipping = shipping
        self.customerNote = customerNote
        self.transactionID = transactionID
    }

    enum CodingKeys: String, CodingKey {
        case status, billing, shipping
        case metaData = "meta_data"
        case customerNote = "customer_note"
        case transactionID = "transaction_id"
    }
}

/// A note to add to an order.
public struct WooOrderNoteCreate: Sendable, Hashable, Encodable {
    public var note: String
    /// `true` makes it a customer note: WooCommerce emails it to the customer.
    public var customerNote: Bool
    /// `true` attributes the note to the API key's user instead of "WooCommerce".
    public var addedByUser: Bool

    public init(note: String, customerNote: Bool = false, addedByUser: Bool = false) {
        self.note = note
        self.customerNote = customerNote
        self.addedByUser = addedByUser
    }

    enum CodingKeys: String, CodingKey {
        case note
        case customerNote = "customer_note"
        case addedByUser = "added_by_user"
    }
}
