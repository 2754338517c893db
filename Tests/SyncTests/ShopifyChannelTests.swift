import Foundation
import LogixCore
import LogixTestSupport
import Shopify
import ShopifySim
import Storage
import Testing

@testable import Sync

/// The Shopify channel against a simulated Shopify store over loopback HTTP: the seam's operations in the
/// seam's terms (Logix orders with numeric ids, cursor positions, channel failures).
@Suite struct ShopifyChannelTests {
    /// A channel of integration `integrationID` on a fresh SQLite database (what "Logix already holds" is read
    /// from), around a client of `sim`.
    static func withChannel(
        _ sim: ShopifySim, _ body: (ShopifyChannel, OrderApplier) async throws -> Void
    ) async throws {
        try await TestDatabases.with(.sqlite) { database in
            let user = try await TestFixtures.user(in: database)
            let integration = try await TestFixtures.integration(
                NewIntegration(
                    userID: user.id, platform: "shopify", storeURL: sim.baseURL, name: "Shopify", createdAt: Date()),
                in: database)
            let client = try ShopifyClient(
                configuration: ShopifyConfiguration(shopURL: sim.baseURL, accessToken: sim.accessToken))
            let channel = ShopifyChannel(client: client, integrationID: integration.id)
            do {
                try await body(channel, OrderApplier(database: database, integrationID: integration.id))
                try await client.shutdown()
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }

    static func externalID(_ result: Result<Order, MappingFailure>) -> Int64 {
        switch result {
        case .success(let order): order.externalID
        case .failure(let failure): Int64(failure.orderID)
        }
    }

    @Test func theConnectionTestNamesTheShopAndItsCurrency() async throws {
        try await ShopifySim.with(orders: 1) { sim in
            try await Self.withChannel(sim) { channel, _ in
                let report = try await channel.testConnection()
                #expect(report.platform == .shopify)
                #expect(report.currency == sim.configuration.currency)
                #expect(report.details["shop_domain"] == sim.shopDomain)
            }
        }
    }

    /// Every order of the store comes back once, by cursor pages of ten, mapped with its numeric id; test
    /// orders are left out of the listing; a read resumed from a page's position reads only what follows it.
    @Test func changedOrdersPagesByCursorAndResumesFromAPosition() async throws {
        try await ShopifySim.with(orders: 25) { sim in
            try await Self.withChannel(sim) { channel, known in
                var pages: [ChannelOrderPage] = []
                for try await page in channel.changedOrders(ChannelOrderQuery(), resumingAt: .start, known: known) {
                    pages.append(page)
                }
                let ids = pages.flatMap(\.orders).map(Self.externalID)
                #expect(Set(ids).count == ids.count)
                let simOrders = await sim.orders
                #expect(Set(ids).isSubset(of: Set(simOrders.map(\.legacyResourceId))))
                #expect(!ids.isEmpty)
                #expect(pages.map(\.number) == Array(1...pages.count))
                #expect(pages.dropLast().allSatisfy { $0.orders.count == ShopifyChannel.ordersPerPage })
                #expect(pages.last?.totalPages == pages.count)
                #expect(pages.allSatisfy { $0.position.token != nil })
                for case .success(let order) in pages.flatMap(\.orders) {
                    #expect(!order.lines.isEmpty)
                    #expect(order.storeModifiedAt >= order.createdAt)
                }

                var resumed: [ChannelOrderPage] = []
                for try await page in channel.changedOrders(
                    ChannelOrderQuery(), resumingAt: pages[0].position, known: known)
                {
                    resumed.append(page)
                }
                #expect(resumed.first?.number == 2)
                #expect(resumed.flatMap(\.orders).map(Self.externalID) == Array(ids.dropFirst(pages[0].orders.count)))
            }
        }
    }

    /// An order placed with more lines than a listing reads at once is read whole, its lines paged by cursor.
    @Test func anOrderWithManyLinesIsReadWhole() async throws {
        try await ShopifySim.with(orders: 0) { sim in
            let skus = await sim.variants.compactMap(\.sku).prefix(ShopifyChannel.linesPerOrder + 2)
            try #require(skus.count == ShopifyChannel.linesPerOrder + 2)
            let placed = try await sim.placeOrder(ShopifySimNewOrder(lines: skus.map { .init(sku: $0, quantity: 2) }))
            try await Self.withChannel(sim) { channel, known in
                let result = try #require(try await channel.order(id: placed.legacyResourceId, known: known))
                let order = try result.get()
                #expect(order.externalID == placed.legacyResourceId)
                #expect(order.number == placed.name)
                #expect(order.lines.compactMap(\.sku) == Array(skus))
                #expect(order.lines.allSatisfy { $0.quantity == 2 && $0.refundedQuantity == 0 })
                #expect(order.status == .ready)
                #expect(order.storeStatus == "open")
            }
        }
    }

    /// Cancelled at the store: the order maps as cancelled. Deleted: read by id it is gone, and a batch read
    /// reports it missing.
    @Test func cancelledAndDeletedOrdersAreSeenAsSuch() async throws {
        try await ShopifySim.with(orders: 0) { sim in
            let sku = try #require(await sim.variants.compactMap(\.sku).first)
            let kept = try await sim.placeOrder(ShopifySimNewOrder(lines: [.init(sku: sku)]))
            let gone = try await sim.placeOrder(ShopifySimNewOrder(lines: [.init(sku: sku)]))
            _ = try await sim.cancelOrder(kept.legacyResourceId)
            try await sim.deleteOrder(gone.legacyResourceId)
            try await Self.withChannel(sim) { channel, known in
                let batch = try await channel.orders(ids: [kept.legacyResourceId, gone.legacyResourceId], known: known)
                #expect(batch.missing == [gone.legacyResourceId])
                let order = try #require(batch.orders.first).get()
                #expect(order.status == .cancelled)
                #expect(order.storeStatus == "cancelled")
                #expect(try await channel.order(id: gone.legacyResourceId, known: known) == nil)
                let versions = try await channel.orderVersions(ids: [kept.legacyResourceId])
                #expect(versions.map(\.storeStatus) == ["cancelled"])
                #expect(versions.first?.version == order.storeModifiedAt)
            }
        }
    }

    /// A test order is skipped with its reason, unless Logix already holds it.
    @Test func testOrdersAreSkippedWithTheirReason() async throws {
        try await ShopifySim.with(orders: 0) { sim in
            let sku = try #require(await sim.variants.compactMap(\.sku).first)
            let placed = try await sim.placeOrder(ShopifySimNewOrder(lines: [.init(sku: sku)], test: true))
            try await Self.withChannel(sim) { channel, known in
                let result = try #require(try await channel.order(id: placed.legacyResourceId, known: known))
                guard case .failure(let failure) = result else {
                    Issue.record("a test order was mapped")
                    return
                }
                #expect(failure.code == "test_order")
                #expect(failure.disposition == .skipped)
            }
        }
    }

    /// Subscriptions are made, listed for the delivery address and deleted; every delivery of an order topic is
    /// read again from the store, and the body's numeric id is the order's.
    @Test func webhookSubscriptionsAndDeliveries() async throws {
        try await ShopifySim.with(orders: 0) { sim in
            try await Self.withChannel(sim) { channel, known in
                // A port nothing listens on: deliveries fail and are recorded with their bodies.
                let deliveryURL = "http://127.0.0.1:9/api/v1/shopify/webhooks/receive?integration=1"
                let created = try await channel.createWebhook(
                    topic: "orders/create", deliveryURL: deliveryURL, secret: "unused")
                #expect(created.topic == "orders/create")
                _ = try await channel.createWebhook(
                    topic: "orders/updated", deliveryURL: "https://elsewhere.example/hooks", secret: "unused")
                #expect(try await channel.webhooks(deliveryURL: deliveryURL).map(\.id) == [created.id])

                let sku = try #require(await sim.variants.compactMap(\.sku).first)
                let placed = try await sim.placeOrder(ShopifySimNewOrder(lines: [.init(sku: sku)]))
                let delivery = try #require(
                    await waitFor { await sim.webhookDeliveries.first { $0.topic == "orders/create" } })
                let body = Data(delivery.body.utf8)
                #expect(try channel.webhookFormat.resourceID(in: body) == placed.legacyResourceId)
                let held = try await channel.webhookOrders(
                    [ChannelWebhookBody(topic: "orders/create", body: body)], known: known)
                guard case .refetch? = held.first else {
                    Issue.record("an order delivery was not read again")
                    return
                }

                try await channel.deleteWebhook(id: created.id)
                #expect(try await channel.webhooks(deliveryURL: deliveryURL).isEmpty)
            }
        }
    }

    /// The catalogue maps each SKU to its variant and the inventory item a stock push sets.
    @Test func theCatalogueMapsVariantsBySKU() async throws {
        try await ShopifySim.with(orders: 0) { sim in
            try await Self.withChannel(sim) { channel, _ in
                let catalogue = try await channel.catalogue()
                let variants = await sim.variants
                #expect(catalogue.variations == variants.count)
                let bySKU = Dictionary(grouping: variants.filter { !($0.sku ?? "").isEmpty }, by: { $0.sku ?? "" })
                #expect(catalogue.entries.count == bySKU.values.filter { $0.count == 1 }.count)
                for entry in catalogue.entries {
                    let variant = try #require(bySKU[entry.sku]?.first)
                    #expect(ShopifyGID(variant.id)?.legacyID == entry.externalVariationID)
                    #expect(ShopifyGID(variant.inventoryItemId)?.legacyID == entry.stockProductID)
                }
            }
        }
    }

    /// §10.6: units on a held fulfillment order cannot ship. The fulfillment fails as `fulfillment_on_hold`, not
    /// permanently, so the outbox tries again; once the hold is released it is sent, and sending it again
    /// after that (an answer lost on the way) fulfils nothing twice.
    @Test func aHeldFulfillmentOrderWaitsAndIsSentOnceReleased() async throws {
        try await ShopifySim.with(orders: 0) { sim in
            try await Self.withChannel(sim) { channel, _ in
                let sku = try #require(await sim.variants.filter(\.tracked).compactMap(\.sku).first)
                let placed = try await sim.placeOrder(ShopifySimNewOrder(lines: [.init(sku: sku, quantity: 2)]))
                _ = try await sim.editOrder(
                    placed.legacyResourceId, ShopifySimOrderEdit(holdReason: "AWAITING_PAYMENT"))
                let shipment = ChannelShipment(
                    externalID: placed.legacyResourceId, carrier: "UPS", trackingNumber: "1Z1", trackingURL: nil,
                    lines: [.init(externalLineID: nil, sku: sku, quantity: 2)], notifyCustomer: false)
                let held = try await #require(throws: SyncError.self) { try await channel.createFulfillment(shipment) }
                #expect(held.code == "fulfillment_on_hold")
                #expect(try await sim.fulfillments(orderId: placed.legacyResourceId).isEmpty)

                _ = try await sim.editOrder(placed.legacyResourceId, ShopifySimOrderEdit(releaseHolds: true))
                try await channel.createFulfillment(shipment)
                try await channel.createFulfillment(shipment)
                let fulfillments = try await sim.fulfillments(orderId: placed.legacyResourceId)
                #expect(fulfillments.count == 1)
                #expect(fulfillments.first?.lines.map(\.quantity) == [2])
            }
        }
    }

    /// §10.6: an order's fulfillment orders come a beat after it. A shipment sent before they exist waits
    /// (`fulfillment_orders_missing`, tried again) instead of counting as fulfilled already.
    @Test func aShipmentBeforeTheFulfillmentOrdersExistWaitsForThem() async throws {
        let clock = ShopifySimManualClock()
        let configure: (inout ShopifySimConfiguration) -> Void = {
            $0.clock = clock
            $0.fulfillmentOrderDelay = .seconds(5)
        }
        try await ShopifySim.with(orders: 0, configure: configure) { sim in
            try await Self.withChannel(sim) { channel, _ in
                let sku = try #require(await sim.variants.filter(\.tracked).compactMap(\.sku).first)
                let placed = try await sim.placeOrder(ShopifySimNewOrder(lines: [.init(sku: sku, quantity: 1)]))
                let shipment = ChannelShipment(
                    externalID: placed.legacyResourceId, carrier: "UPS", trackingNumber: "1Z2", trackingURL: nil,
                    lines: [.init(externalLineID: nil, sku: sku, quantity: 1)], notifyCustomer: false)
                let early = try await #require(throws: SyncError.self) { try await channel.createFulfillment(shipment) }
                #expect(early.code == "fulfillment_orders_missing")
                clock.advance(by: .seconds(5))
                try await channel.createFulfillment(shipment)
                #expect(try await sim.fulfillments(orderId: placed.legacyResourceId).count == 1)
            }
        }
    }

    /// Polls `probe` until it gives a value, for at most two seconds: the sim delivers webhooks on its own task.
    func waitFor<T>(_ probe: () async -> T?) async -> T? {
        for _ in 0..<200 {
            if let value = await probe() { return value }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }
}
