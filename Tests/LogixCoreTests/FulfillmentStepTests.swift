import Foundation
import LogixCore
import Testing

/// `Order.fulfillmentStep`: the warehouse's events as a pure function of the order and its shipments.
@Suite struct FulfillmentStepTests {
    let now = SampleOrders.placedAt.addingTimeInterval(3600)

    func shipped(_ items: [Shipment.Item] = []) -> FulfillmentEvent {
        .shipped(carrier: "DHL", trackingNumber: "JD0001", trackingURL: nil, items: items)
    }

    @Test func pickPackShipDeliverWalksTheLifecycleWithItsEffects() throws {
        var order = SampleOrders.order(status: .ready)
        var shipments: [Shipment] = []
        var effects: [LifecycleEffect] = []
        for (event, expected) in [
            (FulfillmentEvent.picked, OrderStatus.picking), (.packed, .packed), (shipped(), .shipped),
            (.delivered, .delivered),
        ] {
            let step = try order.fulfillmentStep(event, shipments: shipments, at: now)
            #expect(step.previousStatus == order.status)
            #expect(step.status == expected)
            order.status = step.status
            effects += step.effects
            if let shipment = step.shipment { shipments.append(shipment) }
        }
        #expect(
            effects == [
                .completeTask(.pick), .completeTask(.pick), .createTask(.pack), .completeTask(.pack),
                .createTask(.ship), .consumeStock(order.stockDemand), .completeTask(.ship),
            ])
        #expect(shipments.count == 1)
        #expect(shipments[0].items == [.init(sku: "MUG", quantity: 1), .init(sku: "TEE-M", quantity: 2)])
        #expect(shipments[0].shippedAt == now)
    }

    @Test func aPartialShipmentKeepsTheOrderPackedUntilEverythingLeft() throws {
        var order = SampleOrders.order(status: .packed)
        let first = try order.fulfillmentStep(shipped([.init(sku: "TEE-M", quantity: 1)]), shipments: [], at: now)
        #expect(first.status == .packed)
        #expect(first.effects.isEmpty)  // stock is consumed when the order as a whole ships
        #expect(first.unshipped == [StockQuantity(sku: "MUG", quantity: 1), StockQuantity(sku: "TEE-M", quantity: 1)])
        let shipments = [try #require(first.shipment)]

        // More than is left, or a SKU the order lacks: refused, nothing changes.
        for items in [[Shipment.Item(sku: "TEE-M", quantity: 2)], [.init(sku: "CAP", quantity: 1)]] {
            #expect {
                try order.fulfillmentStep(shipped(items), shipments: shipments, at: now)
            } throws: { ($0 as? FulfillmentError)?.kind == .invalidShipment }
        }

        // No lines named: the rest goes, and the order has shipped.
        let second = try order.fulfillmentStep(shipped(), shipments: shipments, at: now)
        #expect(second.status == .shipped)
        #expect(second.unshipped.isEmpty)
        #expect(second.shipment?.items == [.init(sku: "MUG", quantity: 1), .init(sku: "TEE-M", quantity: 1)])
        order.status = second.status
        #expect(order.unshipped(after: shipments + [second.shipment!]).isEmpty)
    }

    @Test func skippedStepsAreTakenOnTheWayAndRepeatsAreNoOps() throws {
        let ready = SampleOrders.order(status: .ready)
        let step = try ready.fulfillmentStep(shipped(), shipments: [], at: now)
        #expect(step.status == .shipped)
        #expect(step.effects.contains(.createTask(.pack)))
        #expect(step.effects.contains(.consumeStock(ready.stockDemand)))

        for (status, event) in [(OrderStatus.picking, FulfillmentEvent.picked), (.packed, .packed)] {
            let repeated = try SampleOrders.order(status: status).fulfillmentStep(event, shipments: [], at: now)
            #expect(repeated.isNoOp)
        }
    }

    @Test func aShipmentSentAgainIsTheSameParcelNotASecondOne() throws {
        let order = SampleOrders.order(status: .packed)
        let partial = [Shipment.Item(sku: "TEE-M", quantity: 1)]
        let first = try order.fulfillmentStep(shipped(partial), shipments: [], at: now)
        let shipments = [try #require(first.shipment)]

        // The same parcel again (a client retrying after a timeout): nothing happens.
        let again = try order.fulfillmentStep(shipped(partial), shipments: shipments, at: now)
        #expect(again.isNoOp)
        #expect(again.shipment == nil)

        // Other units under the same tracking number are another parcel of a multi-piece shipment.
        let other = try order.fulfillmentStep(
            shipped([.init(sku: "MUG", quantity: 1)]), shipments: shipments, at: now)
        #expect(other.shipment?.items == [.init(sku: "MUG", quantity: 1)])

        // A whole-order shipment sent again after the order shipped: a no-op, not an illegal step.
        var shippedOrder = SampleOrders.order(status: .ready)
        let whole = try shippedOrder.fulfillmentStep(shipped(), shipments: [], at: now)
        shippedOrder.status = whole.status
        let repeated = try shippedOrder.fulfillmentStep(shipped(), shipments: [try #require(whole.shipment)], at: now)
        #expect(repeated.isNoOp)
        #expect(repeated.status == .shipped)
    }

    @Test(arguments: [
        (OrderStatus.ready, FulfillmentEvent.delivered), (.shipped, .picked), (.shipped, .packed),
        (.delivered, .cancelled(reason: "late")), (.shipped, .cancelled(reason: "lost")), (.cancelled, .picked),
        (.awaitingPayment, .packed),
        (.delivered, .shipped(carrier: "DHL", trackingNumber: "1", trackingURL: nil, items: [])),
    ])
    func illegalEventsThrowWithTheCurrentStatus(status: OrderStatus, event: FulfillmentEvent) {
        let order = SampleOrders.order(status: status)
        #expect {
            try order.fulfillmentStep(event, shipments: [], at: now)
        } throws: { error in
            let error = error as? FulfillmentError
            return error?.kind == .illegalTransition && error?.status == status
        }
    }

    @Test func cancellingReleasesTheReservation() throws {
        let order = SampleOrders.order(status: .picking)
        let step = try order.fulfillmentStep(.cancelled(reason: "damaged"), shipments: [], at: now)
        #expect(step.status == .cancelled)
        #expect(step.effects == [.cancelOpenTasks, .releaseStock(order.stockDemand)])
    }
}
