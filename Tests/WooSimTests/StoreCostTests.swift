import Foundation
import NIOHTTP1
import Testing

@testable import WooSim

@Suite("The store's cost model")
struct StoreCostTests {
    private static func elapsed(_ body: () async throws -> Void) async throws -> Duration {
        let start = ContinuousClock.now
        try await body()
        return ContinuousClock.now - start
    }

    @Test("a page of N orders costs the base plus N times the per-order cost; a _fields page the cheaper rate")
    func perOrderCost() async throws {
        try await withSim { (sim: WooSim, client: SimHTTPClient) async throws in
            await sim.setFaults(WooSimFaults(latencyMilliseconds: 20, perOrderMilliseconds: 10))
            let page = try await Self.elapsed {
                let reply = try await client.send(.GET, sim.signed("GET", "/orders", [("per_page", "20")]))
                #expect(try reply.array().count == 20)
            }
            #expect(page >= .milliseconds(20 + 20 * 10))
            let single = try await Self.elapsed {
                let reply = try await client.send(.GET, sim.signed("GET", "/orders/7"))
                #expect(reply.status == 200)
            }
            #expect(single >= .milliseconds(20 + 10))

            await sim.setFaults(
                WooSimFaults(latencyMilliseconds: 20, perOrderMilliseconds: 10, perFieldsOrderMilliseconds: 2))
            let subset = try await Self.elapsed {
                let reply = try await client.send(
                    .GET, sim.signed("GET", "/orders", [("per_page", "20"), ("_fields", "id,date_modified_gmt")]))
                #expect(try reply.array().count == 20)
            }
            #expect(subset >= .milliseconds(20 + 20 * 2))
            // No upper bound: on a machine shared with builds an answer can be late by any amount.
        }
    }

    @Test("a _fields response counts its orders at the subset rate")
    func subsetCounting() {
        let rendered = RenderedOrders()
        rendered.add(20, fields: ["id", "date_modified_gmt"])
        rendered.add(1, fields: nil)
        #expect(rendered.subsetCount == 20 && rendered.fullCount == 1)
    }

    @Test("a request costs the base plus each rendered order at its rate; no orders, the base alone")
    func decisionCost() {
        let injector = FaultInjector(seed: 1)
        injector.set(
            WooSimFaults(
                latencyMilliseconds: 65, perOrderMilliseconds: 7, perFieldsOrderMilliseconds: 0.5, workers: 8))
        let decision = injector.decideRequest()
        #expect(decision.workers == 8)
        #expect(decision.cost(fullOrders: 0, subsetOrders: 0) == .milliseconds(65))
        #expect(decision.cost(fullOrders: 100, subsetOrders: 0) == .milliseconds(765))
        #expect(decision.cost(fullOrders: 0, subsetOrders: 100) == .milliseconds(115))
    }

    @Test("the real-store model stays within 10% of the measured WooCommerce figures for order requests")
    func realStoreFigures() {
        let decision: FaultInjector.RequestDecision = {
            let injector = FaultInjector(seed: 1)
            injector.set(.realStore)
            return injector.decideRequest()
        }()
        // Median seconds measured on a real WooCommerce 10 store: (full orders, _fields orders) → seconds.
        let measured: [(full: Int, subset: Int, seconds: Double)] = [
            (100, 0, 0.77), (10, 0, 0.145), (1, 0, 0.066), (0, 100, 0.115),
        ]
        for figure in measured {
            let cost = decision.cost(fullOrders: figure.full, subsetOrders: figure.subset)
            let seconds = Double(cost.components.seconds) + Double(cost.components.attoseconds) / 1e18
            #expect(abs(seconds - figure.seconds) / figure.seconds <= 0.10, "\(figure)")
        }
        #expect(
            WooSimFaults() == .none && WooSimFaults.none.workers == 0 && WooSimFaults.none.perOrderMilliseconds == 0)
    }

    @Test("with one worker, two concurrent requests are served one after the other")
    func workerLimit() async throws {
        try await withSim { (sim: WooSim, client: SimHTTPClient) async throws in
            await sim.setFaults(WooSimFaults(latencyMilliseconds: 150, workers: 1))
            let both = try await Self.elapsed {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for id in [3, 4] {
                        group.addTask { try await client.send(.GET, sim.signed("GET", "/orders/\(id)")).status }
                    }
                    for try await status in group { #expect(status == 200) }
                }
            }
            #expect(both >= .milliseconds(300))

        }
    }

    @Test("a request waiting for a worker gives up its place when cancelled, holding none")
    func cancelledWaiter() async throws {
        let workers = StoreWorkers()
        try await workers.acquire(limit: 1)
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await workers.acquire(limit: 1) }
            group.cancelAll()
            await #expect(throws: CancellationError.self) { try await group.next() }
        }
        #expect(workers.busy == 1)
        workers.release()
        #expect(workers.busy == 0)
        // The freed worker is available at once.
        try await workers.acquire(limit: 1)
        #expect(workers.busy == 1)
        workers.release()
    }
}
