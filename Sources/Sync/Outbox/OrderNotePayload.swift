/// The payload of an `order_note` item: what `POST orders/{external_id}/notes` sends.
public struct OrderNotePayload: Sendable, Hashable, Codable {
    /// The store's order id.
    public var externalID: Int64
    public var note: String
    /// `true` makes it a customer note, which WooCommerce emails to the customer.
    public var customerNote: Bool

    public init(externalID: Int64, note: String, customerNote: Bool = false) {
        self.externalID = externalID
        self.note = note
        self.customerNote = customerNote
    }

    enum CodingKeys: String, CodingKey {
        case externalID = "external_id"
        case note
        case customerNote = "customer_note"
    }
}
