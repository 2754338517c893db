import Foundation
import LogixCore
import LogixTestSupport
import Storage
import Testing
import WooCommerce
import WooSim

@testable import Sync

/// A note whose POST reached the store but whose answer was lost is not added twice (issue 11, gap 12).
@Suite struct OrderNoteResendTests {
    @Test(arguments: TestEngine.allCases)
    func aNoteThatReachedTheStoreIsNotSentAgain(engine: TestEngine) async throws {
        try await ImportHarness.with(engine, store: .store(seed: 12, orders: 10)) { harness in
            _ = try await harness.importer().run(.full)
            let external = try #require(try await harness.storedOrders().keys.min())
            let clock = TestClock()
            let text = "Packed and handed to Fleet, tracking ZX9"
            _ = try await harness.enqueue(
                [
                    try .orderNote(
                        integrationID: harness.integrationID,
                        OrderNotePayload(externalID: external, note: text, customerNote: true))
                ], at: clock.now())
            // The store adds the note, then the connection drops before the answer.
            await harness.sim.dropAfterHandlingNext()
            let sender = harness.sender(clock: clock)
            let first = try await sender.sendDue()
            #expect(first.rescheduled == 1)

            clock.advance(by: 3_600)
            let second = try await sender.sendDue()
            #expect(second.done == 1)
            let notes = try await harness.client.orderNotes(orderID: Int(external))
            #expect(notes.filter { $0.note == text }.count == 1)
            #expect(try await harness.outboxItems().allSatisfy { $0.state == .done })

            // A note whose earlier attempt never reached the store is still sent.
            _ = try await harness.enqueue(
                [
                    try .orderNote(
                        integrationID: harness.integrationID,
                        OrderNotePayload(externalID: external, note: "second note", customerNote: false))
                ], at: clock.now())
            await harness.sim.failNext(count: 1, status: 503)
            #expect(try await sender.sendDue().rescheduled == 1)
            clock.advance(by: 3_600)
            #expect(try await sender.sendDue().done == 1)
            let after = try await harness.client.orderNotes(orderID: Int(external))
            #expect(after.filter { $0.note == "second note" }.count == 1)
        }
    }
}
