import Foundation
import LogixCore
import WooCommerce

/// How one integration translates order statuses between its WooCommerce store and Logix, both ways, and which
/// store statuses it imports at all.
///
/// It holds only the integration's **overrides** on top of a fixed default table, so it can be stored per
/// integration as small JSON, and integrations that override nothing follow improvements to the defaults.
/// Every override is validated when the mapping is built or decoded (``StatusMappingError``), so mapping an
/// order never meets a bad configuration.
///
/// Defaults, store → Logix:
///
/// | WooCommerce      | Logix              |
/// |------------------|--------------------|
/// | `pending`        | `awaiting_payment` |
/// | `on-hold`        | `on_hold`          |
/// | `processing`     | `ready`            |
/// | `completed`      | `delivered`        |
/// | `cancelled`      | `cancelled`        |
/// | `refunded`       | `refunded`         |
/// | `failed`         | `failed`           |
/// | `checkout-draft`, `trash`, `auto-draft` | never imported |
/// | any other (custom) status | not imported unless overridden (see ``InboundStatus/unmapped``) |
///
/// `completed` maps to `delivered`, not `shipped`. The store says "fulfilled, no further action", and an order
/// imported in that state was fulfilled outside Logix. `delivered` is a finished state: it has no open task
/// and waits for nothing, only a return (`refunded`) can follow. `shipped` would leave every historical order
/// looking in transit forever, waiting for a delivery confirmation from a fleet that never carried it. Neither
/// choice touches stock on creation (``OrderLifecycle/effectsOfCreation(status:demand:)``), and for an order
/// Logix is fulfilling itself, a `completed` echo is ignored either way once the goods have left (the store
/// lags or echoes Logix's own push), and flagged before that (the goods may have left another way).
///
/// Defaults, Logix → store (for pushing status back): `awaiting_payment`→`pending`, `on_hold`→`on-hold`,
/// `ready`/`picking`/`packed`→`processing` (WooCommerce has no finer state for warehouse work),
/// `shipped`/`delivered`→`completed`, `cancelled`→`cancelled`, `refunded`→`refunded`, `failed`→`failed`.
///
/// Statuses imported by default: the seven core statuses plus every custom status with an inbound override
/// (overriding a status says what it means, so it would be odd to then drop its orders).
public struct StatusMapping: Sendable, Hashable {
    /// Store statuses mapped differently from the default table, or custom statuses mapped at all.
    public private(set) var inboundOverrides: [WooOrderStatus: OrderStatus]
    /// Logix statuses pushed to the store as something other than the default (e.g. `shipped` → a custom
    /// `shipped` store status).
    public private(set) var outboundOverrides: [OrderStatus: WooOrderStatus]
    /// The store statuses whose orders are imported; `nil` means the default set.
    public private(set) var importedStatuses: Set<WooOrderStatus>?

    /// The defaults only.
    public static let `default` = StatusMapping()

    /// The default store → Logix table.
    public static let defaultInbound: [WooOrderStatus: OrderStatus] = [
        .pending: .awaitingPayment,
        .onHold: .onHold,
        .processing: .ready,
        .completed: .delivered,
        .cancelled: .cancelled,
        .refunded: .refunded,
        .failed: .failed,
    ]

    /// The default Logix → store table; total over ``OrderStatus``.
    public static let defaultOutbound: [OrderStatus: WooOrderStatus] = [
        .awaitingPayment: .pending,
        .onHold: .onHold,
        .ready: .processing,
        .picking: .processing,
        .packed: .processing,
        .shipped: .completed,
        .delivered: .completed,
        .cancelled: .cancelled,
        .refunded: .refunded,
        .failed: .failed,
    ]

    /// Store statuses that are never real orders: block checkout's drafts (deleted by the store after a day),
    /// the trash, and WordPress's `auto-draft` (an order being created in the admin).
    public static let neverImported: Set<WooOrderStatus> = [.checkoutDraft, .trash, "auto-draft"]

    /// Creates the default mapping.
    public init() {
        inboundOverrides = [:]
        outboundOverrides = [:]
        importedStatuses = nil
    }

    /// Creates a mapping from typed overrides, validating them.
    ///
    /// - Parameters:
    ///   - inboundOverrides: store status → Logix status, for core statuses (replacing the default) or custom
    ///     ones. `wc-` prefixes are already stripped by ``WooOrderStatus``.
    ///   - outboundOverrides: Logix status → store status to push instead of the default. Each target must map
    ///     back to a Logix status, so the webhook echoing the push is understood.
    ///   - importedStatuses: the store statuses to import; `nil` for the default set.
    public init(
        inboundOverrides: [WooOrderStatus: OrderStatus],
        outboundOverrides: [OrderStatus: WooOrderStatus] = [:],
        importedStatuses: Set<WooOrderStatus>? = nil
    ) throws(StatusMappingError) {
        // Every loop runs in name order, so which of several bad entries is reported never depends on hash order.
        for status in inboundOverrides.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            try Self.validateSlug(status)
            if Self.neverImported.contains(status) { throw .storeStatusNeverImported(status) }
        }
        self.inboundOverrides = inboundOverrides
        for (logix, store) in outboundOverrides.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try Self.validateSlug(store)
            if Self.neverImported.contains(store) { throw .invalidPushTarget(logix, store) }
        }
        self.outboundOverrides = outboundOverrides
        if let importedStatuses {
            if importedStatuses.isEmpty { throw .emptyImportSet }
            for status in importedStatuses.sorted(by: { $0.rawValue < $1.rawValue }) {
                try Self.validateSlug(status)
                if Self.neverImported.contains(status) { throw .storeStatusNeverImported(status) }
            }
        }
        self.importedStatuses = importedStatuses
        // Checked against the finished tables: an import or push target is fine if any entry maps it.
        for status in (importedStatuses ?? []).sorted(by: { $0.rawValue < $1.rawValue })
        where logixStatus(for: status) == nil {
            throw .importedStatusUnmapped(status)
        }
        for logix in OrderStatus.allCases {
            let store = storeStatus(for: logix)
            if logixStatus(for: store) == nil { throw .pushTargetNotMappedBack(logix, store) }
        }
    }

    /// Creates a mapping from names as a user or a stored configuration gives them, validating every name.
    ///
    /// Store statuses are trimmed, lowercased (WordPress lowercases status slugs) and stripped of `wc-`, so
    /// `wc-shipped`, `Shipped` and `shipped` are the same status; two spellings of one status with different
    /// targets are a ``StatusMappingError/conflictingOverride(_:)``.
    public init(
        inbound: [String: String],
        outbound: [String: String],
        importedStatuses: [String]?
    ) throws(StatusMappingError) {
        var inboundOverrides: [WooOrderStatus: OrderStatus] = [:]
        // Sorted so that which of two conflicting spellings is reported does not depend on hash order.
        for (storeName, logixName) in inbound.sorted(by: { $0.key < $1.key }) {
            let store = try Self.parseStoreStatus(storeName)
            let logix = try Self.parseLogixStatus(logixName)
            if let existing = inboundOverrides[store], existing != logix { throw .conflictingOverride(store) }
            inboundOverrides[store] = logix
        }
        var outboundOverrides: [OrderStatus: WooOrderStatus] = [:]
        for (logixName, storeName) in outbound.sorted(by: { $0.key < $1.key }) {
            let logix = try Self.parseLogixStatus(logixName)
            outboundOverrides[logix] = try Self.parseStoreStatus(storeName)
        }
        var imported: Set<WooOrderStatus>?
        if let importedStatuses {
            var set: Set<WooOrderStatus> = []
            for name in importedStatuses { set.insert(try Self.parseStoreStatus(name)) }
            imported = set
        }
        try self.init(
            inboundOverrides: inboundOverrides,
            outboundOverrides: outboundOverrides,
            importedStatuses: imported
        )
    }

    // MARK: Store → Logix

    /// What an order in store status `status` means for import: its Logix status, or why it is not imported.
    public func inbound(_ status: WooOrderStatus) -> InboundStatus {
        if Self.neverImported.contains(status) { return .neverImported }
        guard let logix = logixStatus(for: status) else { return .unmapped }
        return effectiveImportedStatuses.contains(status) ? .imported(logix) : .notSelected(mappedTo: logix)
    }

    /// The Logix status a store status maps to, whether or not the integration imports it; `nil` for statuses
    /// that are never imported and for unmapped custom statuses.
    public func logixStatus(for status: WooOrderStatus) -> OrderStatus? {
        if Self.neverImported.contains(status) { return nil }
        return inboundOverrides[status] ?? Self.defaultInbound[status]
    }

    /// The store statuses whose orders are imported: the explicit set, or the default one (core statuses plus
    /// custom statuses with an inbound override).
    public var effectiveImportedStatuses: Set<WooOrderStatus> {
        importedStatuses ?? Set(WooOrderStatus.core).union(inboundOverrides.keys)
    }

    /// Every store status the integration knows of: WooCommerce's core statuses and the custom ones its
    /// mapping names (overridden, pushed or imported). A store status outside this set is not one this store
    /// is known to have, so filtering by it can only be a mistake.
    public var knownStoreStatuses: Set<WooOrderStatus> {
        Set(WooOrderStatus.core).union(inboundOverrides.keys).union(outboundOverrides.values)
            .union(importedStatuses ?? [])
    }

    // MARK: Logix → store

    /// The store status to push for a Logix status.
    public func storeStatus(for status: OrderStatus) -> WooOrderStatus {
        // `defaultOutbound` is total over `OrderStatus`; the fallback only keeps this non-optional.
        outboundOverrides[status] ?? Self.defaultOutbound[status] ?? .processing
    }

    // MARK: Validation

    private static func parseLogixStatus(_ name: String) throws(StatusMappingError) -> OrderStatus {
        guard let status = OrderStatus(rawValue: name.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .unknownLogixStatus(name)
        }
        return status
    }

    private static func parseStoreStatus(_ name: String) throws(StatusMappingError) -> WooOrderStatus {
        let status = WooOrderStatus(rawValue: name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
        guard isValidSlug(status.rawValue) else { throw .invalidStoreStatus(name) }
        return status
    }

    private static func validateSlug(_ status: WooOrderStatus) throws(StatusMappingError) {
        guard isValidSlug(status.rawValue) else { throw .invalidStoreStatus(status.rawValue) }
    }

    /// WordPress keys status slugs with `sanitize_key` (lowercase letters, digits, `-`, `_`); the status column
    /// holds 20 characters including the `wc-` prefix, but plugins register shorter and longer names alike, so
    /// 20 is checked without the prefix as a plain sanity bound.
    /// `any` is a list filter, not a status.
    private static func isValidSlug(_ slug: String) -> Bool {
        !slug.isEmpty && slug.utf8.count <= 20 && slug != WooOrderStatus.any.rawValue
            && slug.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
    }
}

extension StatusMapping: Codable {
    // Stored as `{"inbound": {"shipped": "shipped"}, "outbound": {"shipped": "shipped"}, "import": [...]}`:
    // names, not Swift enum encodings, so the JSON is readable and editable, and every key is optional so `{}`
    // is the default mapping.
    private enum CodingKeys: String, CodingKey {
        case inbound
        case outbound
        case importedStatuses = "import"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                inbound: try container.decodeIfPresent([String: String].self, forKey: .inbound) ?? [:],
                outbound: try container.decodeIfPresent([String: String].self, forKey: .outbound) ?? [:],
                importedStatuses: try container.decodeIfPresent([String].self, forKey: .importedStatuses)
            )
        } catch let error as StatusMappingError {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "invalid status mapping: \(error)",
                    underlyingError: error
                )
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !inboundOverrides.isEmpty {
            let names = Dictionary(uniqueKeysWithValues: inboundOverrides.map { ($0.key.rawValue, $0.value.rawValue) })
            try container.encode(names, forKey: .inbound)
        }
        if !outboundOverrides.isEmpty {
            let names = Dictionary(uniqueKeysWithValues: outboundOverrides.map { ($0.key.rawValue, $0.value.rawValue) })
            try container.encode(names, forKey: .outbound)
        }
        // Sorted so the same mapping always encodes to the same bytes.
        try container.encodeIfPresent(importedStatuses?.map(\.rawValue).sorted(), forKey: .importedStatuses)
    }
}
