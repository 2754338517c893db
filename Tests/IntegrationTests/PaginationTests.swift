import Foundation
import Pacing
import Testing
import WooCommerce
import WooSim

/// Paging across many pages with concurrency, in order, with filters.
@Suite struct PaginationTests {
    @Test(arguments: [1, 4, 8])
    func everyOrderExactlyOnceInOrder(concurrency: Int) async throws {
        try await StoreHarness.with(orders: 1_050) { store in
            let query = WooOrderQuery(orderBy: .id, order: .asc, perPage: 50)
            var ids: [Int] = []
            var pageNumbers: [Int] = []
            for try await page in store.client.orders(query, concurrency: concurrency) {
                ids += page.items.map(\.id)
                pageNumbers.append(page.page)
            }
            let first = try await store.client.listOrders(query)
            #expect(ids.count == first.total)
            #expect(ids == ids.sorted())
            #expect(Set(ids).count == ids.count)
            #expect(pageNumbers == Array(1...first.totalPages))
            #expect(store.client.requestCount == first.totalPages + 1)
        }
    }

    @Test func aListingAsksForItsFirstPagesAtOnceAndStopsAtAnEmptyOne() async throws {
        try await StoreHarness.with(orders: 30) { store in
            // Page 1 (30 orders) is slow to render, a page past the end is quick: the empty page 2 answers while
            // page 1 is still on its way and tells the listing where it ends.
            // (0.6 s, not 0.17 s: with the whole suite on two cores, page 2's request once reached the store only
            // after a 0.17 s page 1 had answered, and the two never overlapped.)
            await store.sim.setFaults(WooSimFaults(latencyMilliseconds: 20, perOrderMilliseconds: 20))
            let client = try WooCommerceClient(
                configuration: WooCommerceConfiguration(
                    storeURL: store.sim.baseURL,
                    credentials: WooCredentials(
                        consumerKey: store.sim.readWriteKeys.consumerKey,
                        consumerSecret: store.sim.readWriteKeys.consumerSecret),
                    pacer: StorePacer(limits: PacingLimits(initialConcurrency: 2, maximumConcurrency: 8))))
            await store.sim.resetPeakConcurrentRequests()
            var pages: [Int] = []
            do {
                for try await page in client.orders(
                    WooOrderQuery(orderBy: .id, order: .asc, perPage: 50), concurrency: 8)
                {
                    pages.append(page.page)
                }
            } catch {
                try? await client.shutdown()
                throw error
            }
            // Pages 1 and 2 went out together, before the total was known; of pages 3…8, at most the one the
            // pacer let in as page 2 answered was sent.
            #expect(pages == [1])
            #expect(await store.sim.peakConcurrentRequests == 2)
            #expect((2...3).contains(client.requestCount))
            try await client.shutdown()
        }
    }

    @Test func stoppingEarlyFetchesNoMoreThanTheWindow() async throws {
        try await StoreHarness.with(orders: 1_000) { store in
            var seen = 0
            for try await order in store.client.orders(WooOrderQuery(perPage: 20), concurrency: 3).items {
                _ = order
                seen += 1
                if seen == 30 { break }
            }
            try await Task.sleep(for: .milliseconds(200))
            #expect(seen == 30)
            #expect(store.client.requestCount <= 1 + 2 * 3 + 1)  // the first page, then at most 2 × concurrency ahead
        }
    }

    @Test func emptyListingYieldsNothing() async throws {
        try await StoreHarness.with(orders: 30) { store in
            let query = WooOrderQuery(include: [987_654])
            var count = 0
            for try await _ in store.client.orders(query).items { count += 1 }
            #expect(count == 0)
            let page = try await store.client.listOrders(WooOrderQuery(perPage: 100), page: 50)
            #expect(page.items.isEmpty)
            #expect(page.totalPages == 0)
        }
    }

    @Test func statusAndModifiedFiltersMatchTheStore() async throws {
        try await StoreHarness.with(orders: 300) { store in
            let client = store.client
            var all: [WooOrderVersion] = []
            for try await version in client.orderVersions(WooOrderQuery(orderBy: .id, order: .asc)).items {
                all.append(version)
            }
            #expect(all.count > 250)

            let wanted: [WooOrderStatus] = [.processing, .onHold]
            var filtered: [WooOrder] = []
            for try await order in client.orders(WooOrderQuery(statuses: wanted, orderBy: .id, order: .asc)).items {
                filtered.append(order)
            }
            #expect(!filtered.isEmpty)
            #expect(filtered.allSatisfy { wanted.contains($0.status) })
            #expect(filtered.map(\.id) == all.filter { wanted.contains($0.status) }.map(\.id))

            // modified_after is strict and in UTC with dates_are_gmt=true.
            let dates = all.compactMap(\.dateModified).sorted()
            let cursor = dates[dates.count / 2]
            var newer: [WooOrderVersion] = []
            for try await version in client.orderVersions(WooOrderQuery(modifiedAfter: cursor, orderBy: .id)).items {
                newer.append(version)
            }
            let expected = all.filter { ($0.dateModified ?? .distantPast) > cursor }.map(\.id)
            #expect(Set(newer.map(\.id)) == Set(expected))
            #expect(!expected.isEmpty)
        }
    }
}
