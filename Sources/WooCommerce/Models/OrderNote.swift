import Foundation

/// A note on an order: private (for the shop) or a customer note (WooCommerce emails it to the customer).
public struct WooOrderNote: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    public var author: String
    public var dateCreated: Date?
    public var note: String
    /// True when the customer sees (and is emailed) the note.
    public var customerNote: Bool

    enum CodingKeys: String, CodingKey {
        case id, author, note
        case dateCreated = "date_created_gmt"
        case customerNote = "customer_note"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.requiredInt(.id)
        author = container.lenientString(.author)
        dateCreated = container.gmtDate(.dateCreated)
        note = container.lenientString(.note)
        customerNote = container.lenientBool(.customerNote)
    }
}

/// Which notes to list.
public enum WooOrderNoteType: String, Sendable, Hashable, CaseIterable {
    case any, customer, `internal`
}
