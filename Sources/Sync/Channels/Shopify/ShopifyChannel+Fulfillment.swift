import Foundation
import Shopify

extension ShopifyChannel {
    /// Records a shipment as fulfillments: the order's fulfillment orders are read, each shipped unit is placed
    /// on an open fulfillment-order line of its order line (by the line's id, else by SKU) that still has units
    /// to fulfil, and one `fulfillmentCreate` per fulfillment order carries those lines and the tracking.
    ///
    /// `fulfillmentCreate` is not safe to resend (fact sheet §9): an attempt that timed out may have landed. So
    /// the placing reads what is left to fulfil every time, and a shipment whose units are all fulfilled
    /// already is taken as sent. Units with nowhere to go while some fulfillment order is on hold or scheduled
    /// fail the item so it is tried again (the hold may be released); with nowhere at all, they are dropped —
    /// the store fulfilled them another way — and the rest is sent.
    public func createFulfillment(_ shipment: ChannelShipment) async throws {
        let orderID = ShopifyGID(type: "Order", id: shipment.externalID)
        let fulfillmentOrders = try await client.fulfillmentOrders(ofOrder: orderID)
        guard !fulfillmentOrders.isEmpty else {
            // Shopify makes an order's fulfillment orders a beat after the order (fact sheet §10.6): none yet is
            // not "all fulfilled", so the item waits and is tried again rather than counted as sent.
            throw SyncError(
                .conflict, integrationID: integrationID,
                "order \(shipment.externalID) at \(storeURL) has no fulfillment orders yet: Shopify makes them "
                    + "shortly after the order, and the shipment is sent once they exist",
                code: "fulfillment_orders_missing")
        }
        let plan = Self.place(shipment, on: fulfillmentOrders)
        if plan.requests.isEmpty {
            guard plan.waiting == 0 else {
                throw SyncError(
                    .conflict, integrationID: integrationID,
                    "order \(shipment.externalID) at \(storeURL) has its lines on hold or scheduled: "
                        + "\(plan.waiting) shipped units cannot be fulfilled yet",
                    code: "fulfillment_on_hold")
            }
            return  // everything shipped is fulfilled already: an earlier attempt landed
        }
        let tracking = ShopifyTrackingInfo(
            company: shipment.carrier, number: shipment.trackingNumber, url: shipment.trackingURL)
        for lines in plan.requests {
            _ = try await client.createFulfillment(
                ShopifyFulfillmentRequest(lines: [lines], tracking: tracking, notifyCustomer: shipment.notifyCustomer))
        }
    }

    /// Where a shipment's units go: the requests to send, one per fulfillment order, and the units that wait
    /// for a fulfillment order on hold (or scheduled).
    struct FulfillmentPlan {
        var requests: [ShopifyFulfillmentRequest.Lines] = []
        var waiting = 0
    }

    static func place(_ shipment: ChannelShipment, on fulfillmentOrders: [ShopifyFulfillmentOrder]) -> FulfillmentPlan {
        let fulfillable: Set<ShopifyFulfillmentOrderStatus> = [.open, .inProgress]
        let held: Set<ShopifyFulfillmentOrderStatus> = [.onHold, .scheduled]
        var remaining: [ShopifyGID: Int] = [:]
        for order in fulfillmentOrders where fulfillable.contains(order.status) {
            for line in order.lineItems { remaining[line.id] = line.remainingQuantity }
        }
        var placed: [ShopifyGID: [(id: ShopifyGID, quantity: Int)]] = [:]
        var plan = FulfillmentPlan()
        for line in shipment.lines {
            var left = line.quantity
            // The order line's own fulfillment-order lines first, then any of the same SKU.
            let byLine = fulfillmentOrders.flatMap { order in
                order.lineItems.filter { $0.lineItemID?.legacyID == line.externalLineID && line.externalLineID != nil }
                    .map { (order, $0) }
            }
            let bySKU = fulfillmentOrders.flatMap { order in
                order.lineItems.filter { $0.sku == line.sku }.map { (order, $0) }
            }
            for (order, foLine) in byLine + bySKU where left > 0 && fulfillable.contains(order.status) {
                let room = remaining[foLine.id, default: 0]
                guard room > 0 else { continue }
                let quantity = min(room, left)
                remaining[foLine.id] = room - quantity
                left -= quantity
                placed[order.id, default: []].append((foLine.id, quantity))
            }
            if left > 0, (byLine + bySKU).contains(where: { held.contains($0.0.status) && $0.1.remainingQuantity > 0 })
            {
                plan.waiting += left
            }
        }
        for order in fulfillmentOrders {
            guard let lines = placed[order.id] else { continue }
            plan.requests.append(ShopifyFulfillmentRequest.Lines(fulfillmentOrderID: order.id, lineItems: lines))
        }
        return plan
    }
}
