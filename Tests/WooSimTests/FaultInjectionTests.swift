import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

@testable import WooSim

@Suite("Fault injection")
struct FaultInjectionTests {
    @Test("failNext answers exactly N requests with the status, then serves normally")
    func failNext() async throws {
        try await withSim { (sim: WooSim, client: SimHTTPClient) async throws in
            await sim.failNext(count: 2, status: 503)
            #expect(try await client.send(.GET, sim.signed("GET", "/orders")).status == 503)
            #expect(try await client.send(.GET, sim.signed("GET", "/orders")).status == 503)
            #expect(try await client.send(.GET, sim.signed("GET", "/orders")).status == 200)
        }
    }

    @Test("failNext for one method and path fails only that request; the others meanwhile are served")
    func failNextForOneRoute() async throws {
        try await withSim(orders: 5) { (sim: WooSim, client: SimHTTPClient) async throws in
            // Through the control API, as a browser test or a shell script sets it.
            let control = try await client.send(
                .POST, sim.baseURL + "/__sim/fail-next",
                headers: [("Content-Type", "application/json")],
                body: #"{"count": 1, "status": 400, "method": "put", "path": "/wp-json/wc/v3/orders/2"}"#)
            #expect(control.status == 200)
            // Another order's update, and a read of the same order: served.
            let body = #"{"customer_note": "gift"}"#
            let json = [("Content-Type", "application/json")]
            #expect(
                try await client.send(.PUT, sim.signed("PUT", "/orders/3"), headers: json, body: body).status == 200)
            #expect(try await client.send(.GET, sim.signed("GET", "/orders/2")).status == 200)
            // The update it names: refused once, then served.
            #expect(
                try await client.send(.PUT, sim.signed("PUT", "/orders/2"), headers: json, body: body).status == 400)
            #expect(
                try await client.send(.PUT, sim.signed("PUT", "/orders/2"), headers: json, body: body).status == 200)
        }
    }

    @Test("held requests wait until released, the control API meanwhile served; after release none is held")
    func heldRequests() async throws {
        try await withSim(orders: 5) { (sim: WooSim, client: SimHTTPClient) async throws in
            sim.holdRequests()
            let answered = AnsweredCount()
            try await withThrowingTaskGroup(of: Int.self) { group in
                defer { sim.releaseHeldRequests() }
                for id in [1, 2] {
                    group.addTask {
                        let status = try await client.send(.GET, sim.signed("GET", "/orders/\(id)")).status
                        answered.count.add(1, ordering: .relaxed)
                        return status
                    }
                }
                try await sim.waitUntilHeld(2)
                #expect(try await client.send(.GET, sim.baseURL + "/__sim/stats").status == 200)
                #expect(answered.count.load(ordering: .relaxed) == 0)
                #expect(await sim.requestCount == 2)
                sim.releaseHeldRequests()
                var statuses: [Int] = []
                for try await status in group { statuses.append(status) }
                #expect(statuses == [200, 200])
            }
            #expect(try await client.send(.GET, sim.signed("GET", "/orders/3")).status == 200)
            // A wait for requests that never come ends with an error rather than hanging the test.
            sim.holdRequests()
            let error = await #expect(throws: WooSimError.self) {
                try await sim.waitUntilHeld(1, within: .milliseconds(50))
            }
            #expect(error?.code == "woosim_not_held")
            sim.releaseHeldRequests()
        }
    }

    @Test("a 5xx rate of 1 answers 500, 502 or 503 with an HTML body")
    func serverErrors() async throws {
        try await withSim { (sim: WooSim, client: SimHTTPClient) async throws in
            await sim.setFaults(WooSimFaults(serverErrorRate: 1, seed: 3))
            var statuses: Set<Int> = []
            for _ in 0..<12 {
                let reply = try await client.send(.GET, sim.signed("GET", "/orders"))
                statuses.insert(reply.status)
                #expect(reply.header("Content-Type") == "text/html")
            }
            #expect(statuses.isSubset(of: [500, 502, 503]) && statuses.count > 1)
            // The control API is never faulted.
            #expect(try await client.send(.GET, sim.baseURL + "/__sim/stats").status == 200)
        }
    }

    @Test("rate limiting answers 429 with Retry-After")
    func rateLimit() async throws {
        try await withSim { (sim: WooSim, client: SimHTTPClient) async throws in
            await sim.setFaults(WooSimFaults(rateLimitRate: 1, retryAfterSeconds: 7))
            let reply = try await client.send(.GET, sim.signed("GET", "/orders"))
            #expect(reply.status == 429)
            #expect(reply.header("Retry-After") == "7")
        }
    }

    @Test("a dropped connection closes without a response")
    func droppedConnection() async throws {
        try await withSim { (sim: WooSim, client: SimHTTPClient) async throws in
            await sim.dropNext(count: 1)
            await #expect(throws: (any Error).self) {
                _ = try await client.send(.GET, sim.signed("GET", "/orders"))
            }
            #expect(try await client.send(.GET, sim.signed("GET", "/orders")).status == 200)
            await sim.setFaults(WooSimFaults(dropConnectionRate: 1))
            await #expect(throws: (any Error).self) {
                _ = try await client.send(.GET, sim.signed("GET", "/orders"))
            }
        }
    }

    @Test("latency delays answers; a hung request outlasts the client's timeout")
    func latencyAndHang() async throws {
        try await withSim { (sim: WooSim, client: SimHTTPClient) async throws in
            await sim.setFaults(WooSimFaults(latencyMilliseconds: 250))
            let start = ContinuousClock.now
            #expect(try await client.send(.GET, sim.signed("GET", "/orders")).status == 200)
            #expect(ContinuousClock.now - start >= .milliseconds(250))

            await sim.setFaults(WooSimFaults(hangRate: 1, hangSeconds: 2))
            await #expect(throws: HTTPClientError.deadlineExceeded) {
                _ = try await client.send(.GET, sim.signed("GET", "/orders"), timeout: .milliseconds(300))
            }
        }
    }

    @Test("rates are deterministic for a seed")
    func deterministic() {
        func sequence() -> [FaultInjector.RequestFault] {
            let injector = FaultInjector(seed: 1)
            injector.set(WooSimFaults(serverErrorRate: 0.3, rateLimitRate: 0.2, dropConnectionRate: 0.1, seed: 9))
            return (0..<50).map { _ in injector.decideRequest().fault }
        }
        let first = sequence()
        #expect(first == sequence())
        #expect(first.contains(.none) && first.contains(.drop))
    }
}

/// How many of a test's requests have been answered.
private final class AnsweredCount: Sendable {
    let count = Atomic<Int>(0)
}
