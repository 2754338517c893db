import Testing

@testable import WooCommerce

@Suite struct RequestGateTests {
    actor Tracker {
        var running = 0
        var peak = 0
        var started: [Int] = []

        func enter(_ index: Int) {
            running += 1
            peak = max(peak, running)
            started.append(index)
        }

        func leave() { running -= 1 }
    }

    @Test func neverMoreThanTheLimitAtOnce() async throws {
        let gate = RequestGate(limit: 3)
        let tracker = Tracker()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<12 {
                group.addTask {
                    try await gate.withSlot {
                        await tracker.enter(index)
                        try await Task.sleep(for: .milliseconds(30))
                        await tracker.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        let peak = await tracker.peak
        #expect(peak == 3, "peak \(peak)")
        #expect(await tracker.running == 0)
        #expect(await tracker.started.sorted() == Array(0..<12))
    }

    @Test func cancelledWaiterGivesUpItsPlace() async throws {
        let gate = RequestGate(limit: 1)
        let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
        let tracker = Tracker()
        let holder = Task {
            try await gate.withSlot {
                await tracker.enter(0)
                for await _ in release { break }
            }
        }
        while await tracker.started.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        let waiter = Task { try await gate.withSlot { 42 } }
        try await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        releaseContinuation.finish()
        try await holder.value
        #expect(try await gate.withSlot { 7 } == 7)
    }
}
