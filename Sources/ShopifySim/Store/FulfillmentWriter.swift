/// Records a shipment against one fulfillment order: the lines' remaining quantities drop, the FO moves
/// OPEN → IN_PROGRESS (part shipped) → CLOSED (nothing left), and the order's line items count the units.
struct FulfillmentWriter {
    let state: ShopState

    /// One fulfillment over `parts` (fulfillment orders of one order and location, each with (fulfillment order
    /// line id, quantity) pairs already checked against what remains).
    func fulfill(
        _ parts: [(ShopFulfillmentOrder, [(Int64, Int)])], tracking: [ShopTrackingInfo], at time: Int64, emitting: Bool
    ) -> ShopFulfillment? {
        guard let orderId = parts.first?.0.orderId, var order = self.state.orders[orderId] else { return nil }
        var recorded: [(Int64, Int64, Int)] = []
        for (original, lines) in parts {
            var fulfillmentOrder = self.state.fulfillmentOrders[original.id] ?? original
            for (lineId, quantity) in lines where quantity > 0 {
                guard let index = fulfillmentOrder.lines.firstIndex(where: { $0.id == lineId }) else { continue }
                let shipped = min(quantity, fulfillmentOrder.lines[index].remainingQuantity)
                guard shipped > 0 else { continue }
                fulfillmentOrder.lines[index].remainingQuantity -= shipped
                let lineItemId = fulfillmentOrder.lines[index].lineItemId
                if let itemIndex = order.lineItems.firstIndex(where: { $0.id == lineItemId }) {
                    order.lineItems[itemIndex].fulfilledQuantity += shipped
                    if let variantId = order.lineItems[itemIndex].variantId,
                        let variant = self.state.variants[variantId]
                    {
                        // Shipped units leave the shelf.
                        let key = LevelKey(itemId: variant.inventoryItemId, locationId: fulfillmentOrder.locationId)
                        if variant.tracked, let level = self.state.levels[key] {
                            // Placed orders committed their units; older ones leave available.
                            let committed = min(level["committed"] ?? 0, shipped)
                            self.state.levels[key]!["committed"] = (level["committed"] ?? 0) - committed
                            self.state.levels[key]!["available", default: 0] -= shipped - committed
                        }
                    }
                }
                recorded.append((lineId, lineItemId, shipped))
            }
            let remaining = fulfillmentOrder.lines.reduce(0) { $0 + $1.remainingQuantity }
            fulfillmentOrder.status = remaining == 0 ? "CLOSED" : "IN_PROGRESS"
            fulfillmentOrder.updatedAt = time
            self.state.fulfillmentOrders[fulfillmentOrder.id] = fulfillmentOrder
        }
        guard !recorded.isEmpty else { return nil }
        let fulfillment = ShopFulfillment(
            id: self.state.nextId("Fulfillment"), orderId: order.id,
            name: "\(order.name).\(order.fulfillmentIds.count + 1)", locationId: parts[0].0.locationId,
            createdAt: time, updatedAt: time, tracking: tracking, lines: recorded)
        order.fulfillmentIds.append(fulfillment.id)
        order.updatedAt = max(order.updatedAt, time)
        self.state.fulfillments[fulfillment.id] = fulfillment
        self.state.orders[order.id] = order
        if emitting {
            self.state.emitOrder("orders/updated", order.id)
            self.state.emitOrder(
                order.displayFulfillmentStatus == "FULFILLED" ? "orders/fulfilled" : "orders/partially_fulfilled",
                order.id)
        }
        return fulfillment
    }
}
