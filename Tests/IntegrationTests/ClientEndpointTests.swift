import Foundation
import LogixTestSupport
import Testing
import WooCommerce
import WooSim

/// Every endpoint of the client against the simulated store over real loopback HTTP, on both schemes.
@Suite struct ClientEndpointTests {
    @Test(arguments: [false, true])
    func ordersReadUpdateNotesAndRefunds(tls: Bool) async throws {
        try await StoreHarness.with(orders: 80, tls: tls) { store in
            let client = store.client
            let first = try await client.listOrders(WooOrderQuery(perPage: 10))
            #expect(first.items.count == 10)
            #expect(first.total >= 70)  // checkout drafts aside, every generated order is listed
            #expect(first.totalPages == (first.total + 9) / 10)
            #expect(client.authenticationMode == (tls ? .basic : .oauth1))

            let id = first.items[0].id
            let order = try await client.order(id: id)
            #expect(order.id == id)
            #expect(!order.lineItems.isEmpty)
            #expect(order.dateModified != nil)

            try await Task.sleep(for: .milliseconds(1100))  // date_modified is second-granular
            let updated = try await client.updateOrder(
                id: id,
                WooOrderUpdate(status: .completed, metaData: [WooMetaData(key: "_logix_ref", value: .string("L-1"))]))
            #expect(updated.status == .completed)
            #expect(updated.meta("_logix_ref") == .string("L-1"))
            #expect(try #require(updated.dateModified) > #require(order.dateModified))
            #expect(try await client.order(id: id).status == .completed)

            let note = try await client.addOrderNote(
                orderID: id, WooOrderNoteCreate(note: "Shipped with DHL – Grüße", customerNote: true))
            #expect(note.customerNote)
            #expect(note.note == "Shipped with DHL – Grüße")
            let customerNotes = try await client.orderNotes(orderID: id, type: .customer)
            #expect(customerNotes.contains { $0.id == note.id })
            let internalNotes = try await client.orderNotes(orderID: id, type: .internal)
            #expect(!internalNotes.contains { $0.id == note.id })

            let refunded = try await client.listOrders(WooOrderQuery(statuses: [.refunded], perPage: 5))
            let refundedOrder = try #require(refunded.items.first)
            #expect(refundedOrder.status == .refunded)
            let refunds = try await client.orderRefunds(orderID: refundedOrder.id)
            #expect(!refunds.isEmpty)
            #expect(refunds.allSatisfy { $0.amount > .zero })
            #expect(refundedOrder.refunds.allSatisfy { $0.total < .zero })
        }
    }

    @Test func unknownOrderFailsAtOnceWithWooCommerceCode() async throws {
        try await StoreHarness.with { store in
            let before = store.client.requestCount
            let error = try await #require(throws: WooCommerceError.self) {
                try await store.client.order(id: 999_999)
            }
            #expect(error.status == 404)
            #expect(error.wooCode == "woocommerce_rest_shop_order_invalid_id")
            #expect(error.isNotFound)
            #expect(store.client.requestCount == before + 1)
            #expect(error.description.contains("orders/999999"))

            let putError = try await #require(throws: WooCommerceError.self) {
                try await store.client.updateOrder(id: 999_999, WooOrderUpdate(status: .completed))
            }
            #expect(putError.status == 400)
            #expect(putError.isNotFound)
        }
    }

    @Test func productsVariationsAndStock() async throws {
        try await StoreHarness.with(tls: true) { store in
            let client = store.client
            var all: [WooProduct] = []
            for try await product in client.products(WooProductQuery(perPage: 5)).items { all.append(product) }
            let simple = try #require(all.first { $0.type == .simple && $0.manageStock == .yes && !$0.sku.isEmpty })
            let variableProducts = all.filter { $0.type == .variable }
            #expect(!variableProducts.isEmpty)
            #expect(variableProducts.allSatisfy { !$0.variations.isEmpty })

            let bySKU = try await client.listProducts(WooProductQuery(skus: [simple.sku]))
            #expect(bySKU.items.map(\.id) == [simple.id])

            let stocked = try await client.updateProductStock(id: simple.id, WooStockUpdate(stockQuantity: 321))
            #expect(stocked.stockQuantity == 321)
            #expect(try await client.product(id: simple.id).stockQuantity == 321)

            var managedVariation: (parent: WooProduct, variation: WooVariation)?
            var sawParentManaged = false
            for variable in variableProducts {
                var variations: [WooVariation] = []
                for try await variation in client.variations(productID: variable.id).items {
                    variations.append(variation)
                }
                #expect(Set(variations.map(\.id)) == Set(variable.variations))
                sawParentManaged = sawParentManaged || variations.contains { $0.manageStock == .parent }
                if managedVariation == nil,
                    let managed = variations.first(where: { $0.manageStock == .yes && !$0.sku.isEmpty })
                {
                    managedVariation = (variable, managed)
                }
            }
            #expect(sawParentManaged, "the store has variations whose stock lives on the parent")
            let (variable, managed) = try #require(managedVariation)

            // A variation's SKU finds the variation itself through /products?sku=.
            let variationBySKU = try await client.listProducts(WooProductQuery(skus: [managed.sku]))
            #expect(variationBySKU.items.first?.type == .variation)
            #expect(variationBySKU.items.first?.parentID == variable.id)

            // A variation id on the product route is refused the way WooCommerce does it.
            let error = try await #require(throws: WooCommerceError.self) {
                try await client.updateProductStock(id: managed.id, WooStockUpdate(stockQuantity: 1))
            }
            #expect(error.status == 404)
            #expect(error.wooCode == "woocommerce_rest_invalid_product_id")

            let updated = try await client.updateVariationStock(
                productID: variable.id, variationID: managed.id, WooStockUpdate(stockQuantity: 17))
            #expect(updated.stockQuantity == 17)
        }
    }

    @Test func batchUpdatesAreChunkedAtOneHundredAndReportItemErrors() async throws {
        try await StoreHarness.with { store in
            let client = store.client
            let page = try await client.listProducts(WooProductQuery(type: .simple))
            let products = page.items.filter { $0.manageStock == .yes }
            #expect(products.count >= 3)
            // 250 updates: the real products several times over plus unknown ids → 3 requests of ≤ 100.
            var updates: [WooBatchStockUpdate] = []
            for index in 0..<240 {
                let product = products[index % products.count]
                updates.append(WooBatchStockUpdate(id: product.id, WooStockUpdate(stockQuantity: 1000 + index)))
            }
            for unknown in 0..<10 {
                updates.append(WooBatchStockUpdate(id: 900_000 + unknown, WooStockUpdate(stockQuantity: 1)))
            }
            let before = client.requestCount
            let result = try await client.batchUpdateProducts(updates)
            #expect(client.requestCount - before == 3)
            #expect(result.outcomes.count == 250)
            #expect(result.updated.count == 240)
            #expect(result.failures.map(\.id) == (0..<10).map { 900_000 + $0 })
            #expect(result.failures.allSatisfy { $0.error.code == "woocommerce_rest_product_invalid_id" })
            // The last update for each product wins.
            let last = products.last!
            let expected = updates.prefix(240).last { $0.id == last.id }?.update.stockQuantity
            #expect(try await client.product(id: last.id).stockQuantity == expected)

            let variable = try #require(
                try await client.listProducts(WooProductQuery(type: .variable)).items.first)
            let variationUpdates = variable.variations.map {
                WooBatchStockUpdate(id: $0, WooStockUpdate(stockQuantity: 5))
            }
            let variationResult = try await client.batchUpdateVariations(
                productID: variable.id,
                variationUpdates + [WooBatchStockUpdate(id: 999_998, WooStockUpdate(stockQuantity: 5))])
            #expect(variationResult.failures.map(\.id) == [999_998])
            #expect(variationResult.updated.count == variable.variations.count)
        }
    }

    @Test func customersAndSystemStatus() async throws {
        try await StoreHarness.with { store in
            let client = store.client
            let customers = try await client.listCustomers(perPage: 10)
            let first = try #require(customers.items.first)
            #expect(customers.total >= customers.items.count)
            let fetched = try await client.customer(id: first.id)
            #expect(fetched.email == first.email)
            #expect(!fetched.billing.isEmpty)

            let status = try await client.systemStatus()
            #expect(!status.wooCommerceVersion.isEmpty)
            #expect(!status.wordPressVersion.isEmpty)
            #expect(!status.currency.isEmpty)

            let report = try await client.testConnection()
            #expect(report.wooCommerceVersion == status.wooCommerceVersion)
            #expect(report.authenticationMode == .oauth1)
            #expect(report.latency > .zero)
        }
    }

    @Test func webhooksCreateListGetUpdateDelete() async throws {
        try await WebhookReceiver.with { receiver in
            let hooks = receiver.url + "/hooks"
            try await StoreHarness.with { store in
                let client = store.client
                let created = try await client.createWebhook(
                    WooWebhookCreate(
                        name: "logix order.created", topic: "order.created", deliveryURL: hooks,
                        secret: "s3cretLettersAndDigits"))
                #expect(created.status == .active)
                #expect(created.topic == "order.created")
                #expect(created.deliveryURL == hooks)

                let listed = try await client.listWebhooks()
                #expect(listed.items.map(\.id).contains(created.id))
                #expect(try await client.webhook(id: created.id).name == "logix order.created")

                let paused = try await client.updateWebhook(id: created.id, WooWebhookUpdate(status: .paused))
                #expect(paused.status == .paused)

                try await client.deleteWebhook(id: created.id)
                let error = try await #require(throws: WooCommerceError.self) {
                    try await client.webhook(id: created.id)
                }
                #expect(error.status == 404)

                let invalid = try await #require(throws: WooCommerceError.self) {
                    try await client.createWebhook(
                        WooWebhookCreate(name: "bad", topic: "order.exploded", deliveryURL: hooks, secret: "x"))
                }
                #expect(invalid.wooCode == "woocommerce_rest_shop_webhook_invalid_topic")
            }
        }
    }

    @Test func perPageOverOneHundredIsRefusedBeforeSending() async throws {
        try await StoreHarness.with { store in
            let before = store.client.requestCount
            let error = try await #require(throws: WooCommerceError.self) {
                try await store.client.listOrders(WooOrderQuery(perPage: 101))
            }
            #expect(error.kind == .invalidRequest)
            #expect(store.client.requestCount == before)
        }
    }
}
