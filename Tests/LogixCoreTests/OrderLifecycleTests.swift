import Foundation
import LogixCore
import Testing

@Suite struct OrderLifecycleTests {
    /// The table the lifecycle must implement, written out independently of the code.
    static let legal: [OrderStatus: Set<OrderStatus>] = [
        .awaitingPayment: [.onHold, .ready, .cancelled, .failed],
        .onHold: [.awaitingPayment, .ready, .cancelled, .failed, .refunded],
        .failed: [.awaitingPayment, .onHold, .ready, .cancelled],
        .ready: [.picking, .awaitingPayment, .onHold, .failed, .cancelled, .refunded],
        .picking: [.packed, .cancelled],
        .packed: [.shipped, .cancelled],
        .shipped: [.delivered, .refunded],
        .delivered: [.refunded],
        .cancelled: [.awaitingPayment, .onHold, .ready, .refunded],
        .refunded: [],
    ]

    static let demand = [StockQuantity(sku: "TEE-M", quantity: 2), StockQuantity(sku: "MUG", quantity: 1)]
    static let sortedDemand = [StockQuantity(sku: "MUG", quantity: 1), StockQuantity(sku: "TEE-M", quantity: 2)]

    @Test(arguments: OrderStatus.allCases, OrderStatus.allCases)
    func exactlyTheLegalTransitionsSucceed(from: OrderStatus, to: OrderStatus) throws {
        var machine = OrderLifecycle(status: from, demand: Self.demand)
        let isLegal = Self.legal[from]!.contains(to)
        #expect(OrderLifecycle.canTransition(from: from, to: to) == (isLegal || from == to))
        if from == to {
            #expect(try machine.transition(to: to) == [])
            #expect(machine.status == from)
        } else if isLegal {
            _ = try machine.transition(to: to)
            #expect(machine.status == to)
        } else {
            let error = #expect(throws: OrderLifecycleError.self) { try machine.transition(to: to) }
            #expect(error?.kind == .illegalTransition)
            #expect(error?.from == from)
            #expect(error?.to == to)
            #expect(machine.status == from, "a refused transition leaves the state alone")
        }
    }

    @Test func legalTargetsMatchTheTable() {
        for status in OrderStatus.allCases {
            #expect(OrderLifecycle.legalTargets(from: status) == Self.legal[status], "\(status)")
        }
    }

    @Test(arguments: [OrderStatus.awaitingPayment, .onHold, .failed, .cancelled])
    func enteringReadyCreatesThePickTaskAndReservesEveryLine(from: OrderStatus) throws {
        var machine = OrderLifecycle(status: from, demand: Self.demand)
        let effects = try machine.transition(to: .ready)
        #expect(effects == [.createTask(.pick), .reserveStock(Self.sortedDemand)])
    }

    @Test(
        arguments: [
            (OrderStatus.ready, OrderStatus.cancelled), (.ready, .refunded), (.ready, .onHold),
            (.ready, .awaitingPayment), (.ready, .failed), (.picking, .cancelled), (.packed, .cancelled),
        ]
    )
    func leavingTheStockHoldingStatusesReleasesAndCancels(from: OrderStatus, to: OrderStatus) throws {
        var machine = OrderLifecycle(status: from, demand: Self.demand)
        #expect(try machine.transition(to: to) == [.cancelOpenTasks, .releaseStock(Self.sortedDemand)])
    }

    @Test func theFulfillmentPathHandsTheOrderFromTaskToTask() throws {
        var machine = OrderLifecycle(status: .ready, demand: Self.demand)
        #expect(try machine.transition(to: .picking) == [])
        #expect(try machine.transition(to: .packed) == [.completeTask(.pick), .createTask(.pack)])
        #expect(
            try machine.transition(to: .shipped) == [
                .completeTask(.pack), .createTask(.ship), .consumeStock(Self.sortedDemand),
            ]
        )
        #expect(try machine.transition(to: .delivered) == [.completeTask(.ship)])
        #expect(try machine.transition(to: .refunded) == [], "a return moves no stock by itself")
    }

    @Test func aParcelRefundedInTransitCancelsTheShipTaskButReturnsNoStock() throws {
        var machine = OrderLifecycle(status: .shipped, demand: Self.demand)
        #expect(try machine.transition(to: .refunded) == [.cancelOpenTasks])
    }

    @Test(
        arguments: [
            (OrderStatus.awaitingPayment, OrderStatus.onHold), (.onHold, .failed), (.failed, .cancelled),
            (.cancelled, .awaitingPayment), (.cancelled, .refunded), (.onHold, .refunded),
        ]
    )
    func movesBetweenCommercialStatusesHaveNoEffects(from: OrderStatus, to: OrderStatus) throws {
        var machine = OrderLifecycle(status: from, demand: Self.demand)
        #expect(try machine.transition(to: to) == [])
    }

    @Test func anOrderWithNothingStockedOnlyGetsItsTask() throws {
        var machine = OrderLifecycle(status: .awaitingPayment, demand: [])
        #expect(try machine.transition(to: .ready) == [.createTask(.pick)])
        #expect(try machine.transition(to: .cancelled) == [.cancelOpenTasks])
    }

    @Test func demandIsTheOpenQuantityPerSKU() {
        let order = SampleOrders.order(lines: [
            OrderLine(sku: "B", name: "b", quantity: 3, unitPrice: 1, refundedQuantity: 1),
            OrderLine(sku: "A", name: "a", quantity: 1, unitPrice: 1),
            OrderLine(sku: "A", name: "a again", quantity: 4, unitPrice: 1),
            OrderLine(sku: nil, name: "deleted product", quantity: 5, unitPrice: 1),
            OrderLine(sku: "", name: "no SKU", quantity: 5, unitPrice: 1),
            OrderLine(sku: "C", name: "fully refunded", quantity: 2, unitPrice: 1, refundedQuantity: 2),
        ])
        #expect(order.stockDemand == [StockQuantity(sku: "A", quantity: 5), StockQuantity(sku: "B", quantity: 2)])
        #expect(order.lifecycle == OrderLifecycle(status: .ready, demand: order.stockDemand))
    }

    @Test func editingLinesWhileReadyMovesOnlyTheDifference() {
        var machine = OrderLifecycle(
            status: .ready,
            demand: [StockQuantity(sku: "A", quantity: 2), StockQuantity(sku: "B", quantity: 3)]
        )
        let effects = machine.updateDemand([
            StockQuantity(sku: "A", quantity: 3), StockQuantity(sku: "B", quantity: 1),
            StockQuantity(sku: "C", quantity: 4),
        ])
        #expect(
            effects == [
                .releaseStock([StockQuantity(sku: "B", quantity: 2)]),
                .reserveStock([StockQuantity(sku: "A", quantity: 1), StockQuantity(sku: "C", quantity: 4)]),
            ]
        )
        #expect(machine.updateDemand(machine.demand) == [], "the same demand again changes nothing")
    }

    @Test func editingLinesBeforeReleaseReservesNothingYetButCounts() throws {
        var machine = OrderLifecycle(status: .awaitingPayment, demand: [StockQuantity(sku: "A", quantity: 1)])
        #expect(machine.updateDemand([StockQuantity(sku: "A", quantity: 2)]) == [])
        #expect(
            try machine.transition(to: .ready) == [
                .createTask(.pick), .reserveStock([StockQuantity(sku: "A", quantity: 2)]),
            ])
    }

    @Test func creationInReadyActsLikeARelease() {
        #expect(
            OrderLifecycle.effectsOfCreation(status: .ready, demand: Self.demand) == [
                .createTask(.pick), .reserveStock(Self.sortedDemand),
            ]
        )
        for status in OrderStatus.allCases where status != .ready {
            #expect(OrderLifecycle.effectsOfCreation(status: status, demand: Self.demand) == [], "\(status)")
        }
    }

    @Test func theOrderConvenienceKeepsStatusAndEffectsTogether() throws {
        var order = SampleOrders.order(status: .awaitingPayment)
        #expect(try order.transition(to: .ready) == [.createTask(.pick), .reserveStock(Self.sortedDemand)])
        #expect(order.status == .ready)
        #expect(throws: OrderLifecycleError.self) { try order.transition(to: .delivered) }
        #expect(order.status == .ready)
    }

    @Test func theErrorNamesBothStatuses() {
        var machine = OrderLifecycle(status: .packed, demand: [])
        do {
            _ = try machine.transition(to: .awaitingPayment)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "illegal_transition: an order cannot go from packed to awaiting_payment")
        }
    }

    /// Stock follows an order through its whole life: reserve on release, consume on ship, release on cancel.
    @Test func stockFollowsTheOrder() throws {
        var stock = ["TEE-M": StockLevel(sku: "TEE-M", onHand: 10), "MUG": StockLevel(sku: "MUG", onHand: 1)]
        func apply(_ effects: [LifecycleEffect]) {
            for effect in effects {
                for (sku, level) in stock { stock[sku] = level.applying(effect) }
            }
        }
        var shipped = OrderLifecycle(status: .awaitingPayment, demand: Self.demand)
        apply(try shipped.transition(to: .ready))
        #expect(stock["TEE-M"] == StockLevel(sku: "TEE-M", onHand: 10, reserved: 2))
        #expect(stock["MUG"]?.available == 0)
        var cancelled = OrderLifecycle(status: .awaitingPayment, demand: Self.demand)
        apply(try cancelled.transition(to: .ready))
        #expect(stock["MUG"]?.available == -1, "oversold by one")
        apply(try cancelled.transition(to: .cancelled))
        #expect(stock["MUG"] == StockLevel(sku: "MUG", onHand: 1, reserved: 1))
        for status in [OrderStatus.picking, .packed, .shipped, .delivered] {
            apply(try shipped.transition(to: status))
        }
        #expect(stock["TEE-M"] == StockLevel(sku: "TEE-M", onHand: 8, reserved: 0))
        #expect(stock["MUG"] == StockLevel(sku: "MUG", onHand: 0, reserved: 0))
    }
}
