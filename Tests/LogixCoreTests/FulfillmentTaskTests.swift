import Foundation
import LogixCore
import Testing

@Suite struct FulfillmentTaskTests {
    let task = FulfillmentTask(orderID: 7, kind: .ship, createdAt: Date(timeIntervalSince1970: 0))

    @Test func completingAnOpenTask() {
        let done = task.completing(at: Date(timeIntervalSince1970: 60))
        #expect(done.status == .done)
        #expect(done.completedAt == Date(timeIntervalSince1970: 60))
        #expect(!done.isOpen)
    }

    @Test func closedTasksStayClosed() {
        let cancelled = task.cancelling()
        #expect(cancelled.status == .cancelled)
        #expect(cancelled.completedAt == nil)
        #expect(cancelled.completing(at: Date()) == cancelled)
        let done = task.completing(at: Date(timeIntervalSince1970: 60))
        #expect(done.cancelling() == done)
    }

    @Test func rawValuesAreTheStableNames() {
        #expect(FulfillmentTask.Kind.allCases.map(\.rawValue) == ["pick", "pack", "ship"])
        #expect(FulfillmentTask.Status.allCases.map(\.rawValue) == ["open", "done", "cancelled"])
    }
}
