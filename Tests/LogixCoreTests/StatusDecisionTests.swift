import LogixCore
import Testing

@Suite struct StatusDecisionTests {
    @Test(arguments: OrderStatus.allCases, OrderStatus.allCases)
    func theWarehouseMayMakeEveryLegalMoveAndNoOther(current: OrderStatus, requested: OrderStatus) {
        let decision = OrderLifecycle.decide(current: current, requested: requested, origin: .warehouse)
        if current == requested {
            #expect(decision == .ignore(.unchanged))
        } else if OrderLifecycle.canTransition(from: current, to: requested) {
            #expect(decision == .apply)
        } else {
            guard case .reject(let error) = decision else {
                Issue.record("expected a rejection, got \(decision)")
                return
            }
            #expect(error.from == current && error.to == requested)
        }
    }

    @Test(arguments: OrderStatus.allCases, OrderStatus.allCases)
    func theStoreIsNeverRejectedAndNeverOverrulesTheWarehouse(current: OrderStatus, requested: OrderStatus) {
        let decision = OrderLifecycle.decide(current: current, requested: requested, origin: .store)
        switch decision {
        case .apply:
            #expect(OrderLifecycle.canTransition(from: current, to: requested))
            #expect(!requested.fulfillmentStarted, "the store never moves fulfillment")
            #expect(!current.fulfillmentStarted || (current == .delivered && requested == .refunded))
        case .reject:
            Issue.record("a store status is a fact to record, not a request to refuse")
        case .ignore, .flagForReview:
            break
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var current: OrderStatus
        var requested: OrderStatus
        var expected: StatusDecision
        var testDescription: String { "\(current) ← store \(requested)" }
    }

    static let storeCases: [Case] = [
        // Before picking the store owns the commercial state.
        Case(current: .awaitingPayment, requested: .ready, expected: .apply),
        Case(current: .onHold, requested: .ready, expected: .apply),
        Case(current: .ready, requested: .cancelled, expected: .apply),
        Case(current: .ready, requested: .onHold, expected: .apply),
        Case(current: .ready, requested: .refunded, expected: .apply),
        Case(current: .cancelled, requested: .ready, expected: .apply),
        Case(current: .ready, requested: .ready, expected: .ignore(.unchanged)),
        // The store lagging behind (or echoing) the warehouse: nothing to do.
        Case(current: .packed, requested: .ready, expected: .ignore(.storeBehind)),
        Case(current: .picking, requested: .ready, expected: .ignore(.storeBehind)),
        Case(current: .delivered, requested: .shipped, expected: .ignore(.storeBehind)),
        Case(current: .shipped, requested: .shipped, expected: .ignore(.unchanged)),
        // Once the goods left, the store's idea of delivery does not matter.
        Case(current: .shipped, requested: .delivered, expected: .ignore(.fulfillmentOwnedByLogix)),
        // Commercial changes after picking started need a person (ARCHITECTURE.md, "Who owns what").
        Case(current: .picking, requested: .cancelled, expected: .flagForReview(.storeStatusAfterFulfillmentStarted)),
        Case(current: .packed, requested: .onHold, expected: .flagForReview(.storeStatusAfterFulfillmentStarted)),
        Case(
            current: .packed,
            requested: .awaitingPayment,
            expected: .flagForReview(.storeStatusAfterFulfillmentStarted)
        ),
        Case(current: .picking, requested: .refunded, expected: .flagForReview(.storeStatusAfterFulfillmentStarted)),
        Case(current: .shipped, requested: .refunded, expected: .flagForReview(.storeStatusAfterFulfillmentStarted)),
        Case(current: .delivered, requested: .cancelled, expected: .flagForReview(.storeStatusAfterFulfillmentStarted)),
        // A return after delivery is the store's business and moves nothing.
        Case(current: .delivered, requested: .refunded, expected: .apply),
        // The store claiming fulfillment the warehouse has not done: maybe sent another way.
        Case(current: .ready, requested: .shipped, expected: .flagForReview(.storeFulfillmentStatus)),
        Case(current: .awaitingPayment, requested: .delivered, expected: .flagForReview(.storeFulfillmentStatus)),
        Case(current: .picking, requested: .shipped, expected: .flagForReview(.storeFulfillmentStatus)),
        // Moves the lifecycle has no edge for.
        Case(current: .refunded, requested: .ready, expected: .flagForReview(.storeStatusNotAllowed)),
        Case(current: .awaitingPayment, requested: .refunded, expected: .flagForReview(.storeStatusNotAllowed)),
    ]

    @Test(arguments: storeCases)
    func storeRequests(_ testCase: Case) {
        #expect(
            OrderLifecycle.decide(current: testCase.current, requested: testCase.requested, origin: .store)
                == testCase.expected
        )
    }

    @Test func anApplyDecisionAlwaysTransitions() throws {
        for origin in ChangeOrigin.allCases {
            for current in OrderStatus.allCases {
                for requested in OrderStatus.allCases
                where OrderLifecycle.decide(current: current, requested: requested, origin: origin) == .apply {
                    var machine = OrderLifecycle(status: current, demand: [])
                    _ = try machine.transition(to: requested)
                    #expect(machine.status == requested)
                }
            }
        }
    }
}
