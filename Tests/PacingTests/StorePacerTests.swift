import Testing

@testable import Pacing

/// The pacer as tasks meet it: admission in order, a full window holding the rest, cancellation while waiting.
@Suite("Store pacer")
struct StorePacerTests {
    @Test("holds requests beyond the window until one finishes, and lets them in in arrival order")
    func holdsAndReleasesInOrder() async throws {
        let pacer = StorePacer(limits: PacingLimits(initialConcurrency: 2, maximumConcurrency: 2))
        let first = try await pacer.admit()
        let second = try await pacer.admit()
        let order = ArrivalLog()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<3 {
                group.addTask {
                    let ticket = try await pacer.admit()
                    await order.append(index)
                    pacer.finish(ticket, .answered, requestClass: "x")
                }
                // Each waiter is queued before the next one starts, so arrival order is fixed.
                while pacer.waiting < index + 1 { await Task.yield() }
            }
            #expect(await order.entries.isEmpty)
            #expect(pacer.snapshot.inFlight == 2)
            pacer.finish(first, .answered, requestClass: "x")
            pacer.finish(second, .answered, requestClass: "x")
            try await group.waitForAll()
        }
        #expect(await order.entries == [0, 1, 2])
        #expect(pacer.snapshot.inFlight == 0)
    }

    @Test("a request cancelled while it waits holds nothing and lets the next one in")
    func cancelledWaiterHoldsNothing() async throws {
        let pacer = StorePacer(limits: PacingLimits(initialConcurrency: 1, maximumConcurrency: 1))
        let held = try await pacer.admit()
        let waiting = Task { try await pacer.admit() }
        while pacer.waiting < 1 { await Task.yield() }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiting.value }
        #expect(pacer.waiting == 0)
        pacer.finish(held, .answered, requestClass: "x")
        let next = try await pacer.admit()
        #expect(pacer.snapshot.inFlight == 1)
        pacer.finish(next, .answered, requestClass: "x")
    }
}

/// The order in which waiting requests were let in.
private actor ArrivalLog {
    private(set) var entries: [Int] = []
    func append(_ entry: Int) { entries.append(entry) }
}
