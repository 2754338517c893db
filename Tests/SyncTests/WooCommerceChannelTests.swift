import Foundation
import LogixCore
import LogixTestSupport
import Pacing
import Storage
import Testing
import WooCommerce
import WooSim

@testable import Sync

/// The WooCommerce channel against a simulated store over loopback HTTP: every operation of the seam, in the
/// seam's terms (Logix orders, opaque positions, channel failures).
@Suite struct WooCommerceChannelTests {
    static func channel(_ harness: ImportHarness, mapping: StatusMapping = .default) -> WooCommerceChannel {
        WooCommerceChannel(client: harness.client, integrationID: harness.integrationID, statusMapping: mapping)
    }

    static func known(_ harness: ImportHarness) -> OrderApplier {
        OrderApplier(database: harness.database, integrationID: harness.integrationID)
    }

    /// Pages come in id order, mapped, numbered, with totals and the store's clock; a read resumed from a page's
    /// position reads only the pages after it, and the two halves make the whole.
    @Test func changedOrdersPageAndResumeFromAPosition() async throws {
        try await ImportHarness.with(.sqlite, store: .store(seed: 7, orders: 120)) { harness in
            let channel = Self.channel(harness)
            let query = ChannelOrderQuery(pageSize: 25, concurrency: 3)
            var pages: [ChannelOrderPage] = []
            for try await page in channel.changedOrders(query, resumingAt: .start, known: Self.known(harness)) {
                pages.append(page)
            }
            #expect(pages.map(\.number) == [1, 2, 3, 4, 5])
            #expect(pages.allSatisfy { $0.totalPages == 5 && $0.totalOrders == 120 })
            #expect(pages.map(\.position) == (1...5).map { ChannelPosition(pagesDone: $0) })
            #expect(pages.allSatisfy { $0.storeDate != nil })
            let ids = pages.flatMap(\.orders).map(Self.externalID)
            #expect(ids == ids.sorted())
            #expect(Set(ids).count == 120)

            let store = try await harness.storeOrders()
            for case .success(let order) in pages.flatMap(\.orders) {
                expectEqual(order, try #require(store[Int(order.externalID)]))
            }
            let newest = store.values.compactMap(\.dateModified).max()
            #expect(pages.compactMap(\.newestVersion).max() == newest)

            let before = await harness.sim.requestLog.count
            var resumed: [ChannelOrderPage] = []
            for try await page in channel.changedOrders(
                query, resumingAt: pages[2].position, known: Self.known(harness))
            {
                resumed.append(page)
            }
            // Nothing before the position is read again (pages past the end may be asked for ahead, unread).
            let asked = await harness.sim.requestLog.dropFirst(before).compactMap { line in
                line.split(separator: "&").first { $0.hasPrefix("page=") || $0.contains("?page=") }
                    .flatMap { Int($0.split(separator: "=").last ?? "") }
            }
            #expect(asked.min() == 4)
            #expect(Set(asked).isSuperset(of: [4, 5]))
            #expect(resumed.map(\.number) == [4, 5])
            #expect(resumed.flatMap(\.orders).map(Self.externalID) == ids.suffix(resumed.flatMap(\.orders).count))
        }
    }

    /// WooCommerce's position is the count of pages: an import keeps it in the run's `pages_done` and stores no
    /// continuation token, so its checkpoint is what it was before the seam.
    @Test func importCheckpointsCarryNoTokenForWooCommerce() async throws {
        try await ImportHarness.with(.sqlite, store: .store(seed: 18, orders: 60)) { harness in
            let report = try await harness.importer(perPage: 25).run(.full)
            let run = try await harness.run(id: report.runID)
            #expect(run.pagesDone == 3)
            let checkpoint = try #require(run.checkpointJSON)
            #expect(!checkpoint.contains("position"), "\(checkpoint)")
            #expect(checkpoint.contains("storeStartedAt") && checkpoint.contains("newestModified"))
        }
    }

    /// The window and filters reach the store: only orders changed since the time, only the statuses asked.
    @Test func changedOrdersHonourTheWindowAndStatuses() async throws {
        try await ImportHarness.with(.sqlite, store: .store(seed: 8, orders: 60)) { harness in
            let channel = Self.channel(harness)
            let placed = try await harness.sim.placeOrder(WooSimNewOrder(status: "on-hold"))
            let store = try await harness.storeOrders()
            // `modified_after` is strict: a second before the new order's stamp takes it and anything as new.
            let since = try #require(store[placed]?.dateModified).addingTimeInterval(-1)

            var changed: [Result<Order, MappingFailure>] = []
            let window = ChannelOrderQuery(changedSince: since)
            for try await page in channel.changedOrders(window, resumingAt: .start, known: Self.known(harness)) {
                changed += page.orders
            }
            let newer = store.values.filter { ($0.dateModified ?? .distantPast) > since }.map { Int64($0.id) }
            #expect(changed.map(Self.externalID) == newer.sorted())
            #expect(changed.map(Self.externalID).contains(Int64(placed)))

            var onHold: [Result<Order, MappingFailure>] = []
            let statuses = ChannelOrderQuery(storeStatuses: ["on-hold"])
            for try await page in channel.changedOrders(statuses, resumingAt: .start, known: Self.known(harness)) {
                onHold += page.orders
            }
            let expected = store.values.filter { $0.status == "on-hold" }.map { Int64($0.id) }
            #expect(onHold.map(Self.externalID) == expected.sorted())
            #expect(expected.contains(Int64(placed)))
        }
    }

    /// Orders by id: found ones mapped, trashed and unknown ones missing; one order by id answers for a trashed
    /// order too, and nil for one that never existed; versions carry the store's status and stamp.
    @Test func ordersAndVersionsByID() async throws {
        try await ImportHarness.with(.sqlite, store: .store(seed: 9, orders: 30)) { harness in
            let channel = Self.channel(harness)
            try await harness.sim.editOrder(5, status: "trash")
            let batch = try await channel.orders(ids: [3, 5, 7, 9_999], known: Self.known(harness))
            #expect(batch.orders.map(Self.externalID) == [3, 7])
            #expect(batch.missing == [5, 9_999])

            let trashed = try #require(try await channel.order(id: 5, known: Self.known(harness)))
            guard case .failure(let failure) = trashed else {
                Issue.record("a trashed order Logix does not hold is not imported")
                return
            }
            #expect(failure.reason == .statusNeverImported("trash"))
            #expect(try await channel.order(id: 9_999, known: Self.known(harness)) == nil)

            let store = try await harness.storeOrders()
            let versions = try await channel.orderVersions(ids: [3, 5, 7])
            #expect(versions.map(\.externalID) == [3, 7])
            for version in versions {
                let order = try #require(store[Int(version.externalID)])
                #expect(version.version == order.dateModified)
                #expect(version.storeStatus == order.status.rawValue)
            }
        }
    }

    /// What Logix holds changes the mapping: a trashed order it holds maps to cancelled.
    @Test func knownOrdersMapOnceImported() async throws {
        try await ImportHarness.with(.sqlite, store: .store(seed: 10, orders: 10)) { harness in
            _ = try await harness.importer().run(.full)
            try await harness.sim.editOrder(4, status: "trash")
            let mapped = try #require(try await Self.channel(harness).order(id: 4, known: Self.known(harness)))
            #expect(try mapped.get().status == .cancelled)
        }
    }

    /// A whole order body maps; an `order.deleted` body with only the id is read again; a product is ignored.
    @Test func webhookBodiesAreSorted() async throws {
        try await ImportHarness.with(.sqlite, store: .store(seed: 11, orders: 10)) { harness in
            let body = try #require(await harness.sim.orderJSON(2))
            let product = Data(#"{"id":10,"type":"simple","sku":"MUG","stock_quantity":3}"#.utf8)
            let outcomes = try await Self.channel(harness).webhookOrders(
                [
                    ChannelWebhookBody(topic: "order.updated", body: body),
                    ChannelWebhookBody(topic: "order.deleted", body: Data(#"{"id":2}"#.utf8)),
                    ChannelWebhookBody(topic: "product.updated", body: product),
                    ChannelWebhookBody(topic: "order.updated", body: Data("not json".utf8)),
                ], known: Self.known(harness))
            #expect(outcomes.count == 4)
            guard case .order(.success(let order)) = outcomes[0] else {
                Issue.record("expected the order, got \(outcomes[0])")
                return
            }
            #expect(order.externalID == 2)
            guard case .refetch = outcomes[1], case .ignored = outcomes[2], case .refetch = outcomes[3] else {
                Issue.record("expected refetch, ignored, refetch: \(outcomes)")
                return
            }
        }
    }

    /// Webhooks at the store: created, listed by delivery URL only, re-activated with a new secret, deleted.
    @Test func webhooksAreManagedByDeliveryURL() async throws {
        try await ImportHarness.with(.sqlite, store: .store(seed: 12, orders: 1)) { harness in
            let channel = Self.channel(harness)
            let url = "http://127.0.0.1:9/logix?integration=\(harness.integrationID)"
            let created = try await channel.createWebhook(topic: "order.updated", deliveryURL: url, secret: "s3cret")
            _ = try await channel.createWebhook(topic: "order.created", deliveryURL: url + "0", secret: "other")
            #expect(created.topic == "order.updated")
            #expect(created.status == .active)
            #expect(try await channel.webhooks(deliveryURL: url) == [created])

            let activated = try await channel.activateWebhook(id: created.id, secret: "n3w")
            #expect(activated.id == created.id && activated.status == .active)
            try await channel.deleteWebhook(id: created.id)
            #expect(try await channel.webhooks(deliveryURL: url).isEmpty)
        }
    }

    /// A status and tracking update lands at the store and comes back mapped; a note is added.
    @Test func orderUpdatesAndNotes() async throws {
        try await ImportHarness.with(.sqlite, store: .store(seed: 13, orders: 0)) { harness in
            let channel = Self.channel(harness)
            let id = try await harness.sim.placeOrder()
            let tracking = ShipmentTracking(
                provider: .predefined(slug: "ups"), trackingNumber: "1Z999",
                dateShipped: Date(timeIntervalSince1970: 1_800_000_000))
            let meta = ShipmentTracking.metaData([tracking])
            let json = String(decoding: try JSONEncoder().encode(meta.value), as: UTF8.self)
            let answer = try await channel.updateOrder(
                ChannelOrderUpdate(
                    externalID: Int64(id), status: "completed", meta: [ChannelMeta(key: meta.key, json: json)]))
            let order = try answer.get()
            #expect(order.externalID == Int64(id))
            #expect(order.storeStatus == "completed")
            #expect(order.status == .delivered)

            let stored = try JSONDecoder().decode(WooOrder.self, from: try #require(await harness.sim.orderJSON(id)))
            #expect(stored.status == "completed")
            #expect(stored.metaData.first { $0.key == ShipmentTracking.metaKey }?.value == meta.value)

            try await channel.addOrderNote(ChannelOrderNote(externalID: Int64(id), note: "Packed", customerNote: true))
            let notes = try await harness.client.orderNotes(orderID: id)
            #expect(notes.contains { $0.note == "Packed" && $0.customerNote })
        }
    }

    /// The catalogue comes back as SKU-map entries; stock pushed in a batch lands, and an item the store refuses
    /// comes back as that item's refusal with WooCommerce's code.
    @Test func catalogueAndStockBatches() async throws {
        try await ImportHarness.with(.sqlite, store: .store(seed: 14, orders: 0)) { harness in
            let channel = Self.channel(harness)
            let catalogue = try await channel.catalogue()
            #expect(catalogue.products > 0)
            #expect(catalogue.entries.count > 0)
            #expect(catalogue.entries.allSatisfy { $0.integrationID == harness.integrationID })
            #expect(channel.stockBatchLimit == 100)

            let simple = try #require(
                catalogue.entries.first { $0.externalVariationID == nil && $0.stockManagement == .managed })
            let refusals = try await channel.pushStock(
                ChannelStockBatch(
                    parentID: nil,
                    updates: [
                        .init(id: Int(simple.externalProductID), quantity: 17), .init(id: 987_654, quantity: 1),
                    ]))
            #expect(refusals.count == 2)
            #expect(refusals[0] == nil)
            let refusal = try #require(refusals[1])
            #expect(refusal.platformCode.hasPrefix("woocommerce_rest_"))
            #expect(refusal.description.contains("POST products/batch item 987654"))
            let product = try JSONDecoder().decode(
                WooProduct.self, from: try #require(await harness.sim.productJSON(Int(simple.externalProductID))))
            #expect(product.stockQuantity == 17)
        }
    }

    /// The connection test names the platform and what the store runs.
    @Test func connectionTest() async throws {
        try await ImportHarness.with(.sqlite, store: .store(seed: 15, orders: 0)) { harness in
            let report = try await Self.channel(harness).testConnection()
            #expect(report.platform == .wooCommerce)
            #expect(report.storeURL == harness.client.storeURL)
            #expect(report.platformVersion != nil)
            #expect(report.details["auth_mode"] != nil)
        }
    }

    /// WooCommerce's errors read as channel failures the way the outbox and the scheduler judged them: a 404
    /// is a permanent refusal, a 503 with `Retry-After` heals and names the wait, a dropped connection says the
    /// store is unreachable.
    @Test func wooCommerceErrorsReadAsChannelFailures() async throws {
        try await ImportHarness.with(.sqlite, store: .store(seed: 16, orders: 1), retryPolicy: .none) { harness in
            let channel = Self.channel(harness)
            let notFound = try await #require(throws: WooCommerceError.self) {
                try await channel.addOrderNote(ChannelOrderNote(externalID: 4_242, note: "x", customerNote: false))
            }
            let refused = notFound.channelFailure
            #expect(refused.platform == .wooCommerce)
            #expect(refused.kind == .answered)
            #expect(refused.isPermanent)
            #expect(refused.isNotFound)
            #expect(refused.code == notFound.wooCode)

            await harness.sim.failNext(status: 503, retryAfter: 7)
            let unavailable = try await #require(throws: WooCommerceError.self) {
                try await channel.orderVersions(ids: [1])
            }.channelFailure
            #expect(unavailable.kind == .answered)
            #expect(!unavailable.isPermanent)
            #expect(unavailable.retryAfter == .seconds(7))
            #expect(unavailable.code == "http_503")

            await harness.sim.dropNext()
            let dropped = try await #require(throws: WooCommerceError.self) {
                try await channel.orderVersions(ids: [1])
            }.channelFailure
            #expect(dropped.kind == .unreachable)
            #expect(!dropped.isPermanent)
            #expect(dropped.code == "store_transport")
        }
    }

    /// Deliveries are recognised from their headers, verified over the raw body, and keyed by their resource;
    /// the creation ping is told apart.
    @Test func webhookFormat() throws {
        let format = WooCommerceWebhookFormat()
        let body = Data(#"{"id":812,"status":"processing"}"#.utf8)
        let headers = [
            (name: "X-WC-Webhook-Topic", value: "order.updated"),
            (name: "X-WC-Webhook-Delivery-ID", value: "abc"),
            (name: "X-WC-Webhook-Signature", value: WooWebhookSignature.sign(body: body, secret: "s")),
        ]
        guard case .delivery(let delivery) = try #require(format.classify(headers: headers, body: body)) else {
            Issue.record("a signed delivery")
            return
        }
        #expect(delivery.topic == "order.updated")
        #expect(delivery.deliveryID == "abc")
        #expect(format.verify(delivery, body: body, secret: "s"))
        #expect(!format.verify(delivery, body: body, secret: "t"))
        #expect(!format.verify(delivery, body: Data(#"{"id":813}"#.utf8), secret: "s"))
        #expect(try format.resourceID(in: body) == 812)
        #expect(format.classify(headers: [], body: Data("webhook_id=3".utf8)) == .ping)
        #expect(format.classify(headers: [], body: body) == nil)
    }

    /// The provider picks the channel by the integration's platform.
    @Test func providerPicksTheChannelByPlatform() async throws {
        try await ImportHarness.with(.sqlite, store: .store(seed: 17, orders: 0)) { harness in
            let provider = PlatformChannelProvider { integration in
                try WooCommerceClient(
                    configuration: WooCommerceConfiguration(
                        storeURL: integration.storeURL,
                        credentials: WooCredentials(
                            consumerKey: harness.sim.readWriteKeys.consumerKey,
                            consumerSecret: harness.sim.readWriteKeys.consumerSecret)))
            }
            var record = try #require(
                try await harness.database.read {
                    try await IntegrationRecords().find(id: harness.integrationID, on: $0)
                })
            let channel = try provider.channel(for: record)
            #expect(channel.platform == .wooCommerce)
            #expect(try await channel.orderVersions(ids: []).isEmpty)
            _ = try await channel.testConnection()
            try await channel.shutdown()

            record.platform = "shopify"
            let error = try #require(throws: SyncError.self) { try provider.channel(for: record) }
            #expect(error.kind == .unsupportedPlatform)
        }
    }

    static func externalID(_ result: Result<Order, MappingFailure>) -> Int64 {
        switch result {
        case .success(let order): order.externalID
        case .failure(let failure): Int64(failure.orderID)
        }
    }
}
