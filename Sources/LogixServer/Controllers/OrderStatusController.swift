import Foundation
import Hummingbird
import Logging
import LogixCore
import Storage
import Sync

/// `PUT /api/v1/woocommerce/integrations/{id}/orders/{order_id}/status`: queues an order's status (and an
/// optional note) for the store, like every store write, through the outbox (`order_id` is the store's id).
/// Answers 202 with the queued updates; with `?wait=true` it waits up to `wait_seconds` (default 30, at most
/// 120) for them to be sent and answers 200 with what happened — the order then holds the store's answer as its
/// newest version, so the webhook the store sends back for it changes nothing.
struct OrderStatusController {
    let services: ServerServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.put("woocommerce/integrations/:id/orders/:order/status") { request, context in
            try await setStatus(request, context: context, platform: .wooCommerce)
        }
        // A Shopify order has no status to set: the use case answers why and what to do instead (422).
        group.put("shopify/integrations/:id/orders/:order/status") { request, context in
            try await setStatus(request, context: context, platform: .shopify)
        }
    }

    struct Body: Decodable, Sendable {
        var status: String?
        var note: String?
        var customerNote: Bool?

        enum CodingKeys: String, CodingKey {
            case status, note
            case customerNote = "customer_note"
        }
    }

    /// The queued updates and the order.
    struct Queued: ResponseEncodable, Sendable {
        var order: OrderResponse
        var storeUpdates: [OutboxItemResponse]
        /// Whether every update was settled (sent, or dead) before the answer.
        var settled: Bool

        enum CodingKeys: String, CodingKey {
            case order, settled
            case storeUpdates = "store_updates"
        }
    }

    /// - Parameter platform: the platform whose routes ask; another platform's integration is not found.
    @Sendable func setStatus(
        _ request: Request, context: AppRequestContext, platform: ChannelPlatform
    ) async throws -> EditedResponse<Queued> {
        let userID = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("integration") }
        guard let externalID = context.parameters.get("order", as: Int64.self) else {
            throw APIError.notFound("order")
        }
        let query = request.uri.queryParameters
        let wait = query["wait"].map { $0 == "true" || $0 == "1" } ?? false
        var bound = 30
        if let text = query["wait_seconds"] {
            guard let seconds = Int(text), (1...120).contains(seconds) else {
                throw APIError.invalid(["wait_seconds": "a whole number of seconds from 1 to 120"])
            }
            bound = seconds
        }
        let body = try await request.decode(as: Body.self, context: context)
        var queued = try await services.storeUpdates.setOrderStatus(
            userID: userID, integrationID: id, platform: platform, externalOrderID: externalID, status: body.status,
            note: body.note,
            customerNote: body.customerNote)
        if wait { queued = try await services.storeUpdates.waitUntilSettled(queued, upTo: .seconds(bound)) }
        let settled = queued.items.allSatisfy { $0.state != .pending }
        context.logger.info(
            "store status queued",
            metadata: ["integration": "\(id)", "order": "\(externalID)", "settled": "\(settled)"])
        return EditedResponse(
            status: wait && settled ? .ok : .accepted,
            response: Queued(
                order: OrderResponse(queued.order, platforms: try await services.orders.platforms(userID: userID)),
                storeUpdates: queued.items.map(OutboxItemResponse.init),
                settled: settled))
    }
}
