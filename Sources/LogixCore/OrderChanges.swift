/// What differs between the version of an order Logix stored and a version the store sent: whether the
/// incoming one is newer (ARCHITECTURE.md, "Idempotent import"), whether it carries different data at all, and
/// which *commercial* fields changed (ARCHITECTURE.md, "Who owns what").
///
/// Commercial fields are the ones that change what the warehouse sends and where: the lines (added, removed,
/// SKU, product, variation, quantity, refunded quantity), the shipping and billing address, the shipping method
/// and the customer note. Totals, customer contact and store status are store data too, but follow from these
/// or do not affect the goods.
public struct OrderChanges: Sendable, Hashable {
    /// The incoming version is newer than the stored one. If not, applying it must change nothing.
    public let isNewer: Bool
    /// Some store data differs (see ``Order/hasSameStoreData(as:)``); a newer version that carries the same data
    /// only advances the version stamp.
    public let storeDataDiffers: Bool
    /// The commercial fields that differ, stored value as `old`, incoming as `new`.
    public let commercial: [FieldChange]

    public init(stored: Order, incoming: Order) {
        self.isNewer = incoming.isNewer(than: stored)
        self.storeDataDiffers = !incoming.hasSameStoreData(as: stored)
        self.commercial = Self.commercialChanges(from: stored, to: incoming)
    }

    /// The review flag for these changes when they arrive at an order in `status`: `nil` unless fulfillment has
    /// started and a commercial field changed.
    public func reviewFlag(forOrderIn status: OrderStatus) -> ReviewFlag? {
        guard status.fulfillmentStarted, !commercial.isEmpty else { return nil }
        return ReviewFlag(reason: .storeEditAfterFulfillmentStarted, changes: commercial)
    }

    /// The commercial fields that differ from `old` to `new`, in a stable order: billing address, shipping
    /// address, shipping method, customer note, then lines in `new`'s order followed by removed lines.
    public static func commercialChanges(from old: Order, to new: Order) -> [FieldChange] {
        var changes: [FieldChange] = []
        changes += addressChanges("billingAddress", from: old.billingAddress, to: new.billingAddress)
        changes += addressChanges("shippingAddress", from: old.shippingAddress, to: new.shippingAddress)
        if old.shippingMethod != new.shippingMethod {
            changes.append(
                FieldChange(field: "shippingMethod", old: old.shippingMethod ?? "", new: new.shippingMethod ?? "")
            )
        }
        if old.customerNote != new.customerNote {
            changes.append(FieldChange(field: "customerNote", old: old.customerNote, new: new.customerNote))
        }
        changes += lineChanges(from: old.lines, to: new.lines)
        return changes
    }

    private static func addressChanges(
        _ name: String,
        from old: PostalAddress,
        to new: PostalAddress
    ) -> [FieldChange] {
        zip(old.fields, new.fields).compactMap { oldField, newField in
            oldField.value == newField.value
                ? nil : FieldChange(field: "\(name).\(oldField.name)", old: oldField.value, new: newField.value)
        }
    }

    private static func lineChanges(from old: [OrderLine], to new: [OrderLine]) -> [FieldChange] {
        var unmatched = old
        var changes: [FieldChange] = []
        for line in new {
            guard let index = unmatched.firstIndex(where: { isSameLine($0, line) }) else {
                changes.append(FieldChange(field: "lines[\(key(line))]", old: "", new: summary(line)))
                continue
            }
            let before = unmatched.remove(at: index)
            let prefix = "lines[\(key(line))]"
            func compare<Value: Equatable>(_ name: String, _ value: (OrderLine) -> Value, _ text: (Value) -> String) {
                let (a, b) = (value(before), value(line))
                if a != b { changes.append(FieldChange(field: "\(prefix).\(name)", old: text(a), new: text(b))) }
            }
            compare("sku", \.sku) { $0 ?? "" }
            compare("externalProductID", \.externalProductID) { $0.map(String.init) ?? "" }
            compare("externalVariationID", \.externalVariationID) { $0.map(String.init) ?? "" }
            compare("quantity", \.quantity, String.init)
            compare("refundedQuantity", \.refundedQuantity, String.init)
        }
        for line in unmatched {
            changes.append(FieldChange(field: "lines[\(key(line))]", old: summary(line), new: ""))
        }
        return changes
    }

    /// Lines are followed by the store's line id, which survives edits; lines without one are matched on the
    /// goods they name.
    private static func isSameLine(_ a: OrderLine, _ b: OrderLine) -> Bool {
        if let aID = a.externalLineID, let bID = b.externalLineID { return aID == bID }
        return a.sku == b.sku && a.externalProductID == b.externalProductID
            && a.externalVariationID == b.externalVariationID
    }

    private static func key(_ line: OrderLine) -> String {
        if let id = line.externalLineID { return String(id) }
        if let sku = line.sku { return "sku=\(sku)" }
        return "name=\(line.name)"
    }

    private static func summary(_ line: OrderLine) -> String {
        "\(line.quantity) × \(line.sku ?? "(no SKU)") \(line.name)"
    }
}
