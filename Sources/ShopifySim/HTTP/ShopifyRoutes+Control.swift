import Foundation
import Hummingbird

/// The sim's own control API under `/__sim/` (no auth, never faulted): store activity, faults, inspection.
extension ShopifyRoutes {
    struct CancelRequest: Codable {
        var reason: String?
    }

    struct RefundRequest: Codable {
        var lines: [ShopifySimNewOrder.Line]
        var restock: Bool?
        var note: String?
    }

    struct FailNextRequest: Codable {
        var count: Int
        var status: Int
        var retryAfter: Int?
        /// Handle the request first (writes happen), then answer with the status.
        var afterHandling: Bool?
    }

    struct DropNextRequest: Codable {
        var count: Int
    }

    struct InventoryRequest: Codable {
        var sku: String
        var locationId: String?
        var available: Int
    }

    struct BucketRequest: Codable {
        var size: Double
        var restoreRate: Double
    }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: ShopifyRequestContext) async throws
        -> T
    {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let bytes = buffer.readableBytes == 0 ? Array("{}".utf8) : Array(buffer: buffer)
        return try JSONDecoder().decode(type, from: Data(bytes))
    }

    static func orderId(_ context: ShopifyRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text) ?? GlobalID.parse(text)?.id else {
            throw ShopifySimError("An order id is numeric.", status: 400)
        }
        return id
    }

    /// Sends the webhooks a control action raised.
    func flushEvents() async {
        let (events, subscriptions) = await self.store.drainEvents()
        self.dispatcher.submit(events, subscriptions: subscriptions)
    }

    func addControlRoutes(to router: Router<ShopifyRequestContext>) {
        let store = self.store
        router.post("/__sim/orders") { request, context -> Response in
            let order = try await store.placeOrder(try await Self.decode(ShopifySimNewOrder.self, request, context))
            await self.flushEvents()
            return ShopifyResponse.encodable(order, status: 201)
        }
        router.get("/__sim/orders") { _, _ -> Response in
            ShopifyResponse.encodable(await store.orderReferences)
        }
        router.put("/__sim/orders/:id") { request, context -> Response in
            let edit = try await Self.decode(ShopifySimOrderEdit.self, request, context)
            let order = try await store.editOrder(try Self.orderId(context), edit)
            await self.flushEvents()
            return ShopifyResponse.encodable(order)
        }
        router.post("/__sim/orders/:id/cancel") { request, context -> Response in
            let cancel = try await Self.decode(CancelRequest.self, request, context)
            let order = try await store.cancelOrder(try Self.orderId(context), reason: cancel.reason ?? "CUSTOMER")
            await self.flushEvents()
            return ShopifyResponse.encodable(order)
        }
        router.post("/__sim/orders/:id/refunds") { request, context -> Response in
            let refund = try await Self.decode(RefundRequest.self, request, context)
            let id = try await store.refundOrder(
                try Self.orderId(context), lines: refund.lines, restock: refund.restock ?? false, note: refund.note)
            await self.flushEvents()
            return ShopifyResponse.json(.object([("id", .string(id))]), status: 201)
        }
        router.delete("/__sim/orders/:id") { _, context -> Response in
            try await store.deleteOrder(try Self.orderId(context))
            await self.flushEvents()
            return ShopifyResponse.json(.object([]))
        }
        router.get("/__sim/orders/:id/fulfillment-orders") { _, context -> Response in
            ShopifyResponse.encodable(try await store.fulfillmentOrders(orderId: try Self.orderId(context)))
        }
        router.get("/__sim/orders/:id/fulfillments") { _, context -> Response in
            ShopifyResponse.encodable(try await store.fulfillments(orderId: try Self.orderId(context)))
        }
        router.get("/__sim/inventory") { request, _ -> Response in
            ShopifyResponse.encodable(await store.inventoryLevels(sku: request.uri.queryParameters.get("sku")))
        }
        router.put("/__sim/inventory") { request, context -> Response in
            let change = try await Self.decode(InventoryRequest.self, request, context)
            try await store.setAvailable(
                sku: change.sku, locationId: change.locationId.flatMap { GlobalID.parse($0)?.id ?? Int64($0) },
                quantity: change.available)
            return ShopifyResponse.encodable(await store.inventoryLevels(sku: change.sku))
        }
        router.get("/__sim/variants") { _, _ -> Response in ShopifyResponse.encodable(await store.variants) }
        router.get("/__sim/locations") { _, _ -> Response in ShopifyResponse.encodable(await store.locations) }
        router.get("/__sim/webhook-subscriptions") { _, _ -> Response in
            ShopifyResponse.encodable(await store.webhookSubscriptions)
        }
        router.get("/__sim/webhook-deliveries") { _, _ -> Response in
            ShopifyResponse.encodable(self.dispatcher.deliveries)
        }
        router.get("/__sim/faults") { _, _ -> Response in ShopifyResponse.encodable(self.faults.faults) }
        router.put("/__sim/faults") { request, context -> Response in
            let faults = try await Self.decode(ShopifySimFaults.self, request, context)
            self.faults.set(faults)
            return ShopifyResponse.encodable(faults)
        }
        router.post("/__sim/fail-next") { request, context -> Response in
            let fail = try await Self.decode(FailNextRequest.self, request, context)
            if fail.afterHandling == true {
                self.faults.failAfterHandlingNext(count: fail.count, status: fail.status)
            } else {
                self.faults.failNext(count: fail.count, status: fail.status, retryAfter: fail.retryAfter)
            }
            return ShopifyResponse.json(.object([]))
        }
        router.post("/__sim/drop-next") { request, context -> Response in
            self.faults.dropNext(count: try await Self.decode(DropNextRequest.self, request, context).count)
            return ShopifyResponse.json(.object([]))
        }
        router.put("/__sim/bucket") { request, context -> Response in
            let bucket = try await Self.decode(BucketRequest.self, request, context)
            self.buckets.configure(size: bucket.size, restoreRate: bucket.restoreRate)
            return ShopifyResponse.json(.object([]))
        }
        router.post("/__sim/uninstall") { _, _ -> Response in
            await store.uninstall()
            await self.flushEvents()
            return ShopifyResponse.json(.object([]))
        }
        router.get("/__sim/stats") { _, _ -> Response in
            ShopifyResponse.json(
                .object([
                    ("requests", .int(self.requests.value)),
                    ("throttled", .int(self.ledger.throttled)),
                    ("chargedCost", .int(self.ledger.charged)),
                    ("requestedCost", .int(self.ledger.requested)),
                    ("orders", .int(await store.orderReferences.count)),
                    ("webhookDeliveries", .int(self.dispatcher.deliveries.count)),
                ]))
        }
    }
}
