import Foundation
import HTTPTypes
import Hummingbird

/// The sim's own control API under `/__sim/` (no auth, never faulted): store activity, faults, inspection.
extension SimRoutes {
    struct FailNextRequest: Codable {
        var count: Int
        var status: Int
        var retryAfter: Int?
        /// Only requests with this method and/or exact path fail (both optional).
        var method: String?
        var path: String?
    }

    struct DropNextRequest: Codable {
        var count: Int
    }

    struct StockRequest: Codable {
        var quantity: Int
    }

    static func decode<T: Decodable>(_ type: T.Type, _ context: SimRequestContext) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(context.body.isEmpty ? Array("{}".utf8) : context.body))
        } catch {
            throw WooSimError(code: "woosim_invalid_body", message: "\(error)", status: 400)
        }
    }

    func addControlRoutes(to router: Router<SimRequestContext>) {
        let store = self.store
        let faults = self.faults
        let counter = self.counter
        let dispatcher = self.dispatcher
        router.post("/__sim/orders") { _, context -> Response in
            let request = try SimRoutes.decode(WooSimNewOrder.self, context)
            let order = try await store.placeOrder(request)
            let render = await store.renderContext
            return SimRoutes.object(status: 201, fields: nil) { OrderEncoder.write(order, to: &$0, context: render) }
        }
        router.put("/__sim/orders/:id") { _, context -> Response in
            let id = try SimRoutes.id(context)
            let edit = try SimRoutes.decode(WooSimOrderEdit.self, context)
            let order = try await store.editOrder(id, edit)
            let render = await store.renderContext
            return SimRoutes.object(fields: nil) { OrderEncoder.write(order, to: &$0, context: render) }
        }
        router.put("/__sim/stock/:sku") { _, context -> Response in
            guard let sku = context.parameters.get("sku") else { throw WooSimError.noRoute }
            let request = try SimRoutes.decode(StockRequest.self, context)
            let product = try await store.setStock(
                sku: PHPParameters.decode(Substring(sku)), quantity: request.quantity)
            let render = await store.renderContext
            return SimRoutes.object(fields: nil) { ProductEncoder.writeProduct(product, to: &$0, context: render) }
        }
        router.get("/__sim/faults") { _, _ -> Response in
            SimResponse.json(Array(try JSONEncoder().encode(faults.faults)), status: 200)
        }
        router.put("/__sim/faults") { _, context -> Response in
            let value = try SimRoutes.decode(WooSimFaults.self, context)
            faults.set(value)
            return SimResponse.json(Array(try JSONEncoder().encode(value)), status: 200)
        }
        router.post("/__sim/fail-next") { _, context -> Response in
            let request = try SimRoutes.decode(FailNextRequest.self, context)
            faults.failNext(
                count: request.count, status: request.status, retryAfter: request.retryAfter,
                method: request.method, path: request.path)
            return SimResponse.json(Array("{}".utf8), status: 200)
        }
        router.post("/__sim/drop-next") { _, context -> Response in
            let request = try SimRoutes.decode(DropNextRequest.self, context)
            faults.dropNext(count: request.count)
            return SimResponse.json(Array("{}".utf8), status: 200)
        }
        router.get("/__sim/webhook-deliveries") { _, _ -> Response in
            SimResponse.json(Array(try JSONEncoder().encode(dispatcher.deliveries)), status: 200)
        }
        router.get("/__sim/stats") { _, _ -> Response in
            let orders = await store.highestOrderId
            let webhooks = await store.allWebhooks.count
            let body =
                "{\"requests\":\(counter.value),\"highestOrderId\":\(orders),\"webhooks\":\(webhooks),"
                + "\"webhookDeliveries\":\(dispatcher.deliveries.count)}"
            return SimResponse.json(Array(body.utf8), status: 200)
        }
    }
}
