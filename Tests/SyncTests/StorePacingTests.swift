import Foundation
import Logging
import LogixTestSupport
import Pacing
import Storage
import Testing
import WooCommerce
import WooSim

@testable import Sync

/// The per-store pacer against a store that limits: an import adapts to a host's rate limit and still
/// imports every order exactly once, a fixed cap is never exceeded, and all work on one store shares one
/// pacer (ARCHITECTURE.md, "One pacer per store").
@Suite("Store pacing", .serialized)
struct StorePacingTests {
    /// A store of `orders` orders read 10 to a page, answering 429 above 3 requests a second.
    private func limitedStore(orders: Int) -> WooSimConfiguration {
        var store = WooSimConfiguration()
        store.orderCount = orders
        return store
    }

    @Test("an import from a host that refuses more than 3 requests a second adapts to it and completes exactly")
    func adaptsToAHostsRateLimit() async throws {
        let pacer = StorePacer(limits: PacingLimits(initialConcurrency: 4, maximumConcurrency: 8))
        try await ImportHarness.with(
            .sqlite, store: limitedStore(orders: 240), retryPolicy: .default, pacer: pacer
        ) { harness in
            await harness.sim.setFaults(WooSimFaults(rateLimitPerSecond: 3))
            let midpoint = Midpoint()
            // The import's first four pages reach the host together, as they do on a machine with time to spare:
            // on a loaded one they once trickled in under the limit, the host never refused, and there was
            // nothing to adapt to.
            harness.sim.holdRequests()
            let report = try await withThrowingTaskGroup(of: OrderImportReport.self) { group in
                defer { harness.sim.releaseHeldRequests() }
                group.addTask {
                    try await harness.importer(perPage: 10).run(.full) { progress in
                        if progress.pagesDone == 12 {
                            await midpoint.mark(
                                requests: await harness.sim.requestCount,
                                throttled: await harness.sim.injectedFaults.rateLimited)
                        }
                    }
                }
                try await harness.sim.waitUntilHeld(4)
                harness.sim.releaseHeldRequests()
                return try #require(try await group.next())
            }
            let end = ContinuousClock.now
            let requestsAtEnd = await harness.sim.requestCount
            let throttledAtEnd = await harness.sim.injectedFaults.rateLimited

            // Exactly the store's orders, each once.
            let stored = try await harness.storedOrders()
            let store = try await harness.storeOrders()
            #expect(report.pages == 24)
            #expect(Set(stored.keys.map(Int.init)) == Set(store.keys.filter { store[$0]?.status != .checkoutDraft }))
            #expect(report.counts.failed == 0)

            // Adapted: it learned a rate from the refusals, and the second half drew (almost) none and asked no
            // faster than the host allows (refused requests count: they are what a host's limit is about).
            #expect(pacer.snapshot.requestsPerSecond != nil)
            let half = try #require(await midpoint.value)
            #expect(throttledAtEnd - half.throttled <= 2)
            let seconds = half.at.duration(to: end).secondsValue
            let rate = Double(requestsAtEnd - half.requests) / seconds
            #expect(rate <= 3 * 1.25, "served \(rate) requests a second after adapting")
        }
    }

    @Test("with max_requests_per_second at the host's limit, no request is ever refused")
    func aFixedRateIsNeverExceeded() async throws {
        let pacer = StorePacer(
            limits: PacingLimits(initialConcurrency: 4, maximumConcurrency: 8, maximumRequestsPerSecond: 3))
        try await ImportHarness.with(.sqlite, store: limitedStore(orders: 80), retryPolicy: .default, pacer: pacer) {
            harness in
            await harness.sim.setFaults(WooSimFaults(rateLimitPerSecond: 3))
            let report = try await harness.importer(perPage: 10).run(.full)
            #expect(report.pages == 8)
            #expect(await harness.sim.injectedFaults.rateLimited == 0)
            #expect(try await harness.storedOrders().count == report.counts.created)
        }
    }

    @Test("an import and a catalogue pull on one store share its pacer: together they stay within the cap")
    func workOnOneStoreSharesThePacer() async throws {
        let pacer = StorePacer(limits: PacingLimits(initialConcurrency: 2, maximumConcurrency: 2))
        try await ImportHarness.with(.sqlite, store: limitedStore(orders: 200), pacer: pacer) { harness in
            await harness.sim.setFaults(WooSimFaults(latencyMilliseconds: 30))
            let second = try WooCommerceClient(
                configuration: WooCommerceConfiguration(
                    storeURL: harness.sim.baseURL,
                    credentials: WooCredentials(
                        consumerKey: harness.sim.readWriteKeys.consumerKey,
                        consumerSecret: harness.sim.readWriteKeys.consumerSecret),
                    pacer: pacer))
            await harness.sim.resetPeakConcurrentRequests()
            do {
                async let imported = harness.importer(perPage: 10, concurrency: 8).run(.full)
                async let pulled = CatalogPuller(client: second, database: harness.database).pull(
                    integrationID: harness.integrationID, at: Date())
                let (report, catalogue) = try await (imported, pulled)
                #expect(report.pages == 20)
                #expect(catalogue.products > 0)
            } catch {
                try? await second.shutdown()
                throw error
            }
            try await second.shutdown()
            // Never more than the cap, though the import alone would have 8 in flight and the pull its own: one
            // pacer for both. (On a loaded machine the pacer may lower itself to one as latency rises.)
            let peak = await harness.sim.peakConcurrentRequests
            #expect((1...2).contains(peak), "the store answered \(peak) requests at once")
        }
    }

    @Test("clients the connector makes for one store share one pacer, with the integration's caps")
    func oneStoreOnePacer() async throws {
        let connector = StoreConnector(
            policy: StoreURLPolicy(allowsPrivateAddresses: true), trustedCertificateAuthoritiesPEM: nil,
            logger: .init(label: "test"))
        let credentials = StoreCredentials(consumerKey: Secret("ck_a"), consumerSecret: Secret("cs_a"))
        let first = try connector.makeClient(storeURL: "http://shop.example:8080/", credentials: credentials)
        let second = try connector.makeClient(
            storeURL: "http://SHOP.example:8080", credentials: credentials,
            pacing: StorePacing(maxConcurrency: 3, maxRequestsPerSecond: 2))
        let other = try connector.makeClient(storeURL: "http://other.example", credentials: credentials)
        #expect(first.configuration.pacer === second.configuration.pacer)
        #expect(first.configuration.pacer !== other.configuration.pacer)
        #expect(first.configuration.pacer?.snapshot.limits.maximumConcurrency == 3)
        #expect(first.configuration.pacer?.snapshot.requestsPerSecond == 2)
        #expect(connector.pacers.count == 2)
        for client in [first, second, other] { try await client.shutdown() }
    }
}

/// What the store had served and refused when the import reached its midpoint.
private actor Midpoint {
    struct Value {
        var at: ContinuousClock.Instant
        var requests: Int
        var throttled: Int
    }
    private(set) var value: Value?

    func mark(requests: Int, throttled: Int) {
        value = Value(at: .now, requests: requests, throttled: throttled)
    }
}
