import LogixCore
import WooCommerce

/// Why a per-integration ``StatusMapping`` was refused. Raised when overrides are set (from the API or when a
/// stored mapping is decoded), never while mapping orders, so a bad configuration is reported once, where it
/// was entered, instead of as a failure on every order.
public enum StatusMappingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A name that is not one of Logix's statuses (`awaiting_payment` … `failed`).
    case unknownLogixStatus(String)
    /// A store status that cannot be a WooCommerce status slug: empty, `any`, longer than 20 characters, or with
    /// characters other than `a-z`, `0-9`, `-` and `_`.
    case invalidStoreStatus(String)
    /// `checkout-draft`, `trash` or `auto-draft`: never real orders, so they cannot be imported or mapped.
    case storeStatusNeverImported(WooOrderStatus)
    /// `trash`, `checkout-draft` or `auto-draft` as the status to push for a Logix status: pushing it
    /// would hide or delete the order in the store.
    case invalidPushTarget(OrderStatus, WooOrderStatus)
    /// Two overrides for the same store status (e.g. `shipped` and `wc-shipped`) with different targets.
    case conflictingOverride(WooOrderStatus)
    /// A status chosen for import that maps to no Logix status (a custom status with no inbound override).
    case importedStatusUnmapped(WooOrderStatus)
    /// An explicitly empty set of statuses to import: every order would be skipped.
    case emptyImportSet
    /// Logix would push a store status it cannot read back: the webhook that echoes the push would carry a
    /// status with no inbound mapping, and the echo must be recognised (ARCHITECTURE.md, "No echo").
    case pushTargetNotMappedBack(OrderStatus, WooOrderStatus)

    public var description: String {
        switch self {
        case .unknownLogixStatus(let name):
            let known = OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown Logix status \"\(name)\" (known: \(known))"
        case .invalidStoreStatus(let name):
            return "\"\(name)\" is not a WooCommerce order status (expected a slug of a-z, 0-9, - and _, "
                + "at most 20 characters, with or without the wc- prefix)"
        case .storeStatusNeverImported(let status):
            return "store status \"\(status)\" is never imported: it is not a real order"
        case .invalidPushTarget(let logix, let store):
            return "Logix status \"\(logix)\" cannot be pushed to the store as \"\(store)\""
        case .conflictingOverride(let status):
            return "store status \"\(status)\" is mapped more than once with different targets"
        case .importedStatusUnmapped(let status):
            return "store status \"\(status)\" is selected for import but maps to no Logix status; "
                + "add an inbound override for it"
        case .emptyImportSet:
            return "the set of store statuses to import is empty; leave it unset to import the defaults"
        case .pushTargetNotMappedBack(let logix, let store):
            return "Logix status \"\(logix)\" is pushed as store status \"\(store)\", which maps to no Logix "
                + "status; add an inbound override for \"\(store)\" so the store's echo is understood"
        }
    }
}
