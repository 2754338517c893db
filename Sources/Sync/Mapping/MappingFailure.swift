import LogixCore
import WooCommerce

/// Why one store order did not become a Logix order. The import records it (with ``code`` and ``message``) in
/// the sync log and goes on with the rest of the page: one bad order never fails its neighbours.
///
/// Two kinds, told apart by ``disposition``: **skipped** orders are fine data that the integration's policy
/// keeps out (a draft, a status not imported, nothing to fulfil); **failed** orders carry data Logix cannot
/// trust (no modification date, a bad currency, a line with no quantity). Only failures need a person.
public struct MappingFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Whether the order was left out on purpose or could not be read.
    public enum Disposition: String, Sendable, Hashable, Codable {
        case skipped
        case failed
    }

    /// The specific reason.
    public enum Reason: Sendable, Hashable {
        // Skipped by policy.

        /// `checkout-draft`, `trash` or `auto-draft`: not a real order.
        case statusNeverImported(WooOrderStatus)
        /// The integration does not import this status (it would map to `mappedTo`).
        case statusNotImported(WooOrderStatus, mappedTo: OrderStatus)
        /// A custom store status with no override: its meaning is unknown, so it is not guessed.
        case statusUnmapped(WooOrderStatus)
        /// No product lines: nothing for the warehouse to do (an order of fees only, or one still being
        /// assembled in the admin). It is imported once it has lines, since adding them bumps its version.
        case noLines
        /// A store's test order (Shopify's `test: true`): it looks real but nothing is to be shipped.
        case testOrder

        // Failed: bad data.

        /// The order id is not positive.
        case invalidOrderID(Int)
        /// `date_modified_gmt` is missing or unreadable: without it the order has no version, and older data
        /// could overwrite newer (ARCHITECTURE.md, "Idempotent import").
        case missingModifiedDate
        /// `date_created_gmt` is missing or unreadable.
        case missingCreatedDate
        /// The currency is not an ISO 4217 code (three capital letters).
        case invalidCurrency(String)
        /// A line's quantity is zero or negative.
        case invalidQuantity(lineID: Int, quantity: Int)
        /// Two lines share an id, so refunds and later edits could not tell them apart.
        case duplicateLineID(Int)
        /// A refund line has no readable `_refunded_item_id`, so its quantity cannot be attributed.
        case refundLineUnattributed(refundID: Int, refundLineID: Int)
        /// A refund line points at a line the order does not have.
        case refundedItemNotFound(refundID: Int, itemID: Int)
    }

    /// The store's order id.
    public var orderID: Int
    public var reason: Reason

    public init(orderID: Int, reason: Reason) {
        self.orderID = orderID
        self.reason = reason
    }

    public var disposition: Disposition {
        switch reason {
        case .statusNeverImported, .statusNotImported, .statusUnmapped, .noLines, .testOrder:
            .skipped
        case .invalidOrderID, .missingModifiedDate, .missingCreatedDate, .invalidCurrency, .invalidQuantity,
            .duplicateLineID, .refundLineUnattributed, .refundedItemNotFound:
            .failed
        }
    }

    /// Whether the order may map after all when Logix already holds it (``OrderMapper/map(_:refunds:alreadyImported:)``
    /// with `alreadyImported: true`): a status the import set leaves out, or the trash — both only keep orders
    /// *out*, and an order that is in must still learn it was cancelled, refunded or trashed.
    public var mapsOnceImported: Bool {
        switch reason {
        case .statusNotImported: true
        case .statusNeverImported(let status): status == .trash
        default: false
        }
    }

    /// A stable machine-readable name for the reason, for sync logs and the API.
    public var code: String {
        switch reason {
        case .statusNeverImported: "status_never_imported"
        case .statusNotImported: "status_not_imported"
        case .statusUnmapped: "status_unmapped"
        case .noLines: "no_lines"
        case .testOrder: "test_order"
        case .invalidOrderID: "invalid_order_id"
        case .missingModifiedDate: "missing_date_modified"
        case .missingCreatedDate: "missing_date_created"
        case .invalidCurrency: "invalid_currency"
        case .invalidQuantity: "invalid_quantity"
        case .duplicateLineID: "duplicate_line_id"
        case .refundLineUnattributed: "refund_line_unattributed"
        case .refundedItemNotFound: "refunded_item_not_found"
        }
    }

    /// A sentence for a person, naming the fix where there is one.
    public var message: String {
        switch reason {
        case .statusNeverImported(let status):
            "status \"\(status)\" is never imported (not a real order)"
        case .statusNotImported(let status, let logix):
            "status \"\(status)\" (Logix \"\(logix)\") is not among the integration's statuses to import"
        case .statusUnmapped(let status):
            "store status \"\(status)\" has no Logix status; add a status mapping override to import it"
        case .noLines:
            "the order has no product lines, so there is nothing to fulfil"
        case .testOrder:
            "a test order (the store's test payment gateway): not imported, as nothing is to be shipped"
        case .invalidOrderID(let id):
            "order id \(id) is not a positive number"
        case .missingModifiedDate:
            "date_modified_gmt is missing or unreadable, so the order has no version to sync by"
        case .missingCreatedDate:
            "date_created_gmt is missing or unreadable"
        case .invalidCurrency(let currency):
            "currency \"\(currency)\" is not an ISO 4217 code"
        case .invalidQuantity(let lineID, let quantity):
            "line \(lineID) has quantity \(quantity); it must be at least 1"
        case .duplicateLineID(let lineID):
            "line id \(lineID) appears more than once"
        case .refundLineUnattributed(let refundID, let lineID):
            "refund \(refundID) line \(lineID) has no _refunded_item_id, so its quantity cannot be attributed"
        case .refundedItemNotFound(let refundID, let itemID):
            "refund \(refundID) refunds line \(itemID), which the order does not have"
        }
    }

    public var description: String { "order \(orderID) \(disposition.rawValue): \(message)" }
}
