import Foundation
import LogixCore
import Testing

/// The rules for applying a store version to Logix's record (ARCHITECTURE.md, "Idempotent import" and
/// "Who owns what").
@Suite struct OrderMergeTests {
    let now = SampleOrders.placedAt.addingTimeInterval(3600)

    func version(_ seconds: TimeInterval, status: OrderStatus = .ready, lines: [OrderLine] = SampleOrders.lines)
        -> Order
    {
        var order = SampleOrders.order(
            status: status, lines: lines, storeModifiedAt: SampleOrders.placedAt.addingTimeInterval(seconds))
        order.id = nil
        return order
    }

    @Test func aNewReadyOrderGetsItsPickTaskAndReservation() {
        let merge = OrderMerge(stored: nil, incoming: version(60), now: now)
        #expect(merge.outcome == .created)
        #expect(merge.changesRecord)
        #expect(merge.order.updatedAt == now)
        #expect(
            merge.effects == [
                .createTask(.pick),
                .reserveStock([StockQuantity(sku: "MUG", quantity: 1), StockQuantity(sku: "TEE-M", quantity: 2)]),
            ])
    }

    @Test func equalOrOlderVersionsChangeNothing() {
        var stored = version(60)
        stored.id = 7
        for incoming in [version(60), version(30), version(30, status: .cancelled)] {
            let merge = OrderMerge(stored: stored, incoming: incoming, now: now)
            #expect(merge.outcome == .unchanged)
            #expect(!merge.changesRecord)
            #expect(merge.order == stored)
            #expect(merge.effects.isEmpty)
        }
    }

    @Test func aSameSecondEditWinsOnlyWhenJustReadFromTheStore() {
        var stored = version(60)
        stored.id = 7
        var edited = version(60)
        edited.shippingAddress.city = "Augsburg"
        #expect(OrderMerge(stored: stored, incoming: edited, now: now).outcome == .unchanged)
        let read = OrderMerge(stored: stored, incoming: edited, now: now, incomingIsCurrent: true)
        #expect(read.outcome == .updated)
        #expect(read.order.shippingAddress.city == "Augsburg")
        #expect(read.order.id == 7)
        // The same data read again is still nothing.
        #expect(!OrderMerge(stored: stored, incoming: version(60), now: now, incomingIsCurrent: true).changesRecord)
    }

    @Test func aNewerVersionMovesTheReservationWithTheLines() {
        var stored = version(60)
        stored.id = 7
        var lines = SampleOrders.lines
        lines[0].quantity = 5  // TEE-M 2 → 5
        let merge = OrderMerge(stored: stored, incoming: version(90, lines: lines), now: now)
        #expect(merge.outcome == .updated)
        #expect(merge.effects == [.reserveStock([StockQuantity(sku: "TEE-M", quantity: 3)])])
        #expect(merge.order.lines[0].quantity == 5)
        #expect(merge.order.storeModifiedAt == version(90).storeModifiedAt)
    }

    @Test func aCancellationBeforePickingReleasesTasksAndStock() {
        var stored = version(60)
        stored.id = 7
        let merge = OrderMerge(stored: stored, incoming: version(90, status: .cancelled), now: now)
        #expect(merge.outcome == .updated)
        #expect(merge.order.status == .cancelled)
        #expect(merge.statusDecision == .apply)
        #expect(
            merge.effects == [
                .cancelOpenTasks,
                .releaseStock([StockQuantity(sku: "MUG", quantity: 1), StockQuantity(sku: "TEE-M", quantity: 2)]),
            ])
    }

    @Test func aStoreEditAfterPickingStartedIsFlaggedNotApplied() {
        var stored = version(60, status: .picking)
        stored.id = 7
        var edited = version(90)
        edited.shippingAddress.city = "Augsburg"
        edited.lines.removeLast()
        edited.storeStatus = "processing"
        let merge = OrderMerge(stored: stored, incoming: edited, now: now)
        #expect(merge.outcome == .flagged)
        #expect(merge.order.status == .picking)
        #expect(merge.order.shippingAddress == stored.shippingAddress)
        #expect(merge.order.lines == stored.lines)
        #expect(merge.effects.isEmpty)
        #expect(merge.order.storeModifiedAt == edited.storeModifiedAt)
        let review = merge.order.review
        #expect(review?.reason == .storeEditAfterFulfillmentStarted)
        #expect(review?.changes.map(\.field).contains("shippingAddress.city") == true)
        #expect(review?.changes.contains { $0.field.hasPrefix("lines[") && $0.new.isEmpty } == true)

        // Seen again, the flagged version writes nothing; only a person clears the flag.
        let again = OrderMerge(stored: merge.order, incoming: edited, now: now, incomingIsCurrent: true)
        #expect(again.outcome == .unchanged)
        #expect(!again.changesRecord)
    }

    /// An order edited in the store during picking, then cancelled there: the cancellation is the news the
    /// warehouse must not miss; the edit stays listed beside it.
    @Test func aCancellationAfterAFlaggedEditNamesTheFlagAndKeepsTheEdit() {
        var stored = version(60, status: .picking)
        stored.id = 7
        var edited = version(90)
        edited.shippingAddress.city = "Augsburg"
        let flagged = OrderMerge(stored: stored, incoming: edited, now: now).order
        #expect(flagged.review?.reason == .storeEditAfterFulfillmentStarted)

        var cancelled = version(120, status: .cancelled)
        cancelled.shippingAddress.city = "Augsburg"
        cancelled.storeStatus = "cancelled"
        let merge = OrderMerge(stored: flagged, incoming: cancelled, now: now)
        #expect(merge.outcome == .flagged)
        #expect(merge.order.status == .picking)
        #expect(merge.order.review?.reason == .storeStatusAfterFulfillmentStarted)
        let fields = merge.order.review?.changes.map(\.field) ?? []
        #expect(fields.contains("shippingAddress.city"))
        #expect(merge.order.review?.changes.last == FieldChange(field: "status", old: "picking", new: "cancelled"))
    }

    @Test func aStoreStatusLogixCannotFollowIsFlaggedAndTheDataStillApplies() {
        var stored = version(60)
        stored.id = 7
        var completed = version(90, status: .delivered)
        completed.storeStatus = "completed"
        completed.customerNote = "Ring twice"
        let merge = OrderMerge(stored: stored, incoming: completed, now: now)
        #expect(merge.outcome == .flagged)
        #expect(merge.order.status == .ready)
        #expect(merge.order.storeStatus == "completed")
        #expect(merge.order.customerNote == "Ring twice")
        #expect(merge.order.review?.reason == .storeFulfillmentStatus)
        #expect(merge.statusDecision == .flagForReview(.storeFulfillmentStatus))
    }

    @Test func aNewerVersionWithTheSameDataOnlyMovesTheStamp() {
        var stored = version(60)
        stored.id = 7
        let merge = OrderMerge(stored: stored, incoming: version(120), now: now)
        #expect(merge.outcome == .unchanged)
        #expect(merge.changesRecord)
        #expect(merge.order.storeModifiedAt == version(120).storeModifiedAt)
        #expect(merge.effects.isEmpty)
    }
}
