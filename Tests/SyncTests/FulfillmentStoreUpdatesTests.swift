import Foundation
import LogixCore
import Storage
import Testing
import WooCommerce

@testable import Sync

/// What the store is sent for each fulfillment step: the status only when the mapped status changes, never
/// before everything shipped; the note after it; the tracking meta when enabled.
@Suite struct FulfillmentStoreUpdatesTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func order(_ status: OrderStatus) -> Order {
        Order(
            id: 7, integrationID: 1, externalID: 384, number: "384", status: status, storeStatus: "processing",
            currency: "EUR", total: 30, subtotal: 30, shippingTotal: 0, taxTotal: 0,
            customer: Customer(name: "Ada", email: "ada@example.test", phone: ""),
            billingAddress: PostalAddress(), shippingAddress: PostalAddress(),
            lines: [
                OrderLine(sku: "TEE", name: "Tee", quantity: 2, unitPrice: 10),
                OrderLine(sku: "MUG", name: "Mug", quantity: 1, unitPrice: 10),
            ],
            customerNote: "", storeModifiedAt: Date(timeIntervalSince1970: 1_789_000_000),
            createdAt: Date(timeIntervalSince1970: 1_789_000_000), updatedAt: Date(timeIntervalSince1970: 1_789_000_000)
        )
    }

    /// The items for `event` on an order in `status` with `earlier` shipments.
    func items(
        _ event: FulfillmentEvent, from status: OrderStatus, earlier: [Shipment] = [],
        mapping: StatusMapping = .default, settings: FulfillmentSettings = FulfillmentSettings()
    ) throws -> (step: FulfillmentStep, items: [NewOutboxItem]) {
        let order = Self.order(status)
        let step = try order.fulfillmentStep(event, shipments: earlier, at: now)
        let updates = FulfillmentStoreUpdates(integrationID: 1, mapping: mapping, settings: settings)
        let all = earlier + (step.shipment.map { [$0] } ?? [])
        return (step, try updates.items(for: step, event: event, order: order, shipments: all))
    }

    func payload<T: Decodable>(_ item: NewOutboxItem, as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(item.payload.utf8))
    }

    let shipAll = FulfillmentEvent.shipped(
        carrier: "DHL", trackingNumber: "JD014600", trackingURL: "https://track.example.test/JD014600", items: [])

    @Test func shippingEverythingCompletesTheOrderThenNotesTheTracking() throws {
        let (_, items) = try items(shipAll, from: .packed)
        #expect(items.map(\.kind) == [.orderUpdate, .orderNote])
        #expect(items.allSatisfy { $0.externalOrderID == 384 })
        let update = try payload(items[0], as: OrderUpdatePayload.self)
        #expect(update.status == "completed")
        #expect(update.metaData == nil)
        let note = try payload(items[1], as: OrderNotePayload.self)
        #expect(note.customerNote)
        #expect(note.note == "Shipped with DHL, tracking number JD014600 (https://track.example.test/JD014600).")
    }

    @Test func aPartialShipmentOnlyNotesAndTheMetaListsEveryShipment() throws {
        let settings = FulfillmentSettings(trackingNote: .private, shipmentTrackingMeta: true)
        let first = FulfillmentEvent.shipped(
            carrier: "UPS", trackingNumber: "1Z1", trackingURL: nil, items: [.init(sku: "TEE", quantity: 1)])
        let (step, items) = try items(first, from: .packed, settings: settings)
        #expect(step.status == .packed)
        #expect(items.map(\.kind) == [.orderUpdate, .orderNote])
        let update = try payload(items[0], as: OrderUpdatePayload.self)
        #expect(update.status == nil)  // still open in the store
        #expect(update.metaData?.first?.key == ShipmentTracking.metaKey)
        let note = try payload(items[1], as: OrderNotePayload.self)
        #expect(!note.customerNote)
        #expect(note.note == "Partially shipped with UPS, tracking number 1Z1: 1 × TEE.")

        let (last, rest) = try self.items(
            shipAll, from: .packed, earlier: [try #require(step.shipment)], settings: settings)
        #expect(last.status == .shipped)
        let completed = try payload(rest[0], as: OrderUpdatePayload.self)
        #expect(completed.status == "completed")
        guard case .array(let tracked)? = completed.metaData?.first?.value else {
            Issue.record("no tracking list")
            return
        }
        #expect(tracked.count == 2)
    }

    @Test func theIntegrationsMappingDecidesTheStatusAndNoteVisibility() throws {
        let mapping = try StatusMapping(
            inbound: ["shipped": "shipped", "picking": "picking"],
            outbound: ["shipped": "shipped", "picking": "picking"],
            importedStatuses: nil)
        let (_, shipped) = try items(shipAll, from: .packed, mapping: mapping, settings: .init(trackingNote: .none))
        #expect(shipped.map(\.kind) == [.orderUpdate])
        #expect(try payload(shipped[0], as: OrderUpdatePayload.self).status == "shipped")

        // `ready → picking`: processing → processing by default, nothing to send; a custom status is sent.
        #expect(try items(.picked, from: .ready).items.isEmpty)
        let picked = try items(.picked, from: .ready, mapping: mapping).items
        #expect(try picked.map { try payload($0, as: OrderUpdatePayload.self).status } == ["picking"])
        // Delivered after shipped: completed → completed, nothing to send.
        #expect(try items(.delivered, from: .shipped).items.isEmpty)
    }

    @Test func cancellingSetsTheStatusAndLeavesAPrivateNote() throws {
        let (_, items) = try items(.cancelled(reason: "damaged in the warehouse"), from: .picking)
        #expect(items.map(\.kind) == [.orderUpdate, .orderNote])
        #expect(try payload(items[0], as: OrderUpdatePayload.self).status == "cancelled")
        let note = try payload(items[1], as: OrderNotePayload.self)
        #expect(!note.customerNote)
        #expect(note.note == "Cancelled by the warehouse: damaged in the warehouse")
    }
}
