import Foundation
import LogixCore
import Storage
import WooCommerce

/// What the store should see of a fulfillment step, as outbox items — a pure function of the step, the order,
/// its shipments, the integration's status mapping and fulfillment settings.
///
/// Order matters and the outbox keeps it per order: the status change (with the tracking meta) goes first, the
/// note after it, so a customer never reads "shipped" on an order the store still shows as processing. The
/// store's status changes only when the mapped status does (`ready → picking` maps `processing` to
/// `processing`: nothing to send), and a partial shipment leaves it alone: an order is completed in the store
/// only once all its lines shipped.
public struct FulfillmentStoreUpdates: Sendable {
    public let integrationID: Int64
    public let mapping: StatusMapping
    public let settings: FulfillmentSettings
    /// The store's platform: Shopify records a shipment as a fulfillment, not as a status and a note.
    public let platform: ChannelPlatform

    public init(
        integrationID: Int64, mapping: StatusMapping, settings: FulfillmentSettings,
        platform: ChannelPlatform = .wooCommerce
    ) {
        self.integrationID = integrationID
        self.mapping = mapping
        self.settings = settings
        self.platform = platform
    }

    /// The items for `step` on `order`; `shipments` are all the order's shipments including the step's own.
    public func items(
        for step: FulfillmentStep, event: FulfillmentEvent, order: Order, shipments: [Shipment]
    ) throws -> [NewOutboxItem] {
        if platform.takesShipmentsAsFulfillments {
            // No status to set and no notes to add: a shipment is a fulfillment of its lines with its tracking,
            // and the platform derives the order's fulfillment status (partial or whole) from them. The customer
            // hears of it from the platform when the integration's tracking note is for the customer.
            guard let shipment = step.shipment else { return [] }
            return [
                try .fulfillment(
                    integrationID: integrationID,
                    FulfillmentPayload(
                        order: order, shipment: shipment, notifyCustomer: settings.trackingNote == .customer))
            ]
        }
        let before = mapping.storeStatus(for: step.previousStatus)
        let after = mapping.storeStatus(for: step.status)
        let status = before != after ? after.rawValue : nil
        var meta: [WooMetaData]?
        if step.shipment != nil, settings.shipmentTrackingMeta {
            meta = [ShipmentTracking.metaData(shipments.map(Self.tracking))]
        }
        var items: [NewOutboxItem] = []
        if status != nil || meta != nil {
            items.append(
                try .orderUpdate(
                    integrationID: integrationID,
                    OrderUpdatePayload(externalID: order.externalID, status: status, metaData: meta)))
        }
        if let note = note(for: step, event: event) {
            items.append(
                try .orderNote(
                    integrationID: integrationID,
                    OrderNotePayload(externalID: order.externalID, note: note.text, customerNote: note.customer)))
        }
        return items
    }

    private func note(for step: FulfillmentStep, event: FulfillmentEvent) -> (text: String, customer: Bool)? {
        switch event {
        case .shipped(let carrier, let trackingNumber, let trackingURL, _):
            guard settings.trackingNote != .none, let shipment = step.shipment else { return nil }
            var text = step.unshipped.isEmpty ? "Shipped" : "Partially shipped"
            text += " with \(carrier), tracking number \(trackingNumber)"
            if let trackingURL { text += " (\(trackingURL))" }
            if !step.unshipped.isEmpty {
                text += ": " + shipment.items.map { "\($0.quantity) × \($0.sku)" }.joined(separator: ", ")
            }
            return (text + ".", settings.trackingNote == .customer)
        case .cancelled(let reason):
            guard step.previousStatus != step.status else { return nil }
            return ("Cancelled by the warehouse: \(reason)", false)
        case .picked, .packed, .delivered:
            return nil
        }
    }

    /// Carriers the Shipment Tracking extension knows by slug; any other is a custom provider with its link.
    private static let knownCarriers: Set<String> = ["ups", "usps", "fedex", "dhl", "dhl-us", "royal-mail", "dpd"]

    static func tracking(_ shipment: Shipment) -> ShipmentTracking {
        let slug = shipment.carrier.lowercased().replacingOccurrences(of: " ", with: "-")
        let provider: ShipmentTracking.Provider =
            knownCarriers.contains(slug)
            ? .predefined(slug: slug) : .custom(name: shipment.carrier, link: shipment.trackingURL ?? "")
        return ShipmentTracking(
            provider: provider, trackingNumber: shipment.trackingNumber, dateShipped: shipment.shippedAt)
    }
}
