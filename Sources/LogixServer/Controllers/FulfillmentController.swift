import Foundation
import Hummingbird
import Logging
import LogixCore
import Storage
import Sync

/// `POST /api/v1/orders/{id}/fulfillment`: what the warehouse did — `picked`, `packed`, `shipped` (with carrier,
/// tracking and, for a partial shipment, the units in the parcel), `delivered`, `cancelled` (with a reason).
/// The order moves, and the store updates it implies are queued in the outbox; the answer is the order with its
/// shipments. An event the order cannot take is a 409 naming its current status.
struct FulfillmentController {
    let services: ServerServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("orders/:id/fulfillment", use: record)
    }

    struct Body: Decodable, Sendable {
        struct Line: Decodable, Sendable {
            var sku: String?
            var quantity: Int?
        }
        var event: String?
        var carrier: String?
        var trackingNumber: String?
        var trackingURL: String?
        var lines: [Line]?
        var reason: String?

        enum CodingKeys: String, CodingKey {
            case event, carrier, lines, reason
            case trackingNumber = "tracking_number"
            case trackingURL = "tracking_url"
        }

        /// The body as the use cases' request, which checks it.
        var request: FulfillmentRequest {
            FulfillmentRequest(
                event: event, carrier: carrier, trackingNumber: trackingNumber, trackingURL: trackingURL,
                lines: (lines ?? []).map { FulfillmentRequest.Line(sku: $0.sku, quantity: $0.quantity) },
                reason: reason)
        }
    }

    struct Recorded: ResponseEncodable, Sendable {
        struct ShipmentBody: Encodable, Sendable {
            var id: Int64?
            var carrier: String
            var trackingNumber: String
            var trackingURL: String?
            var lines: [Shipment.Item]
            var shippedAt: Date

            enum CodingKeys: String, CodingKey {
                case id, carrier, lines
                case trackingNumber = "tracking_number"
                case trackingURL = "tracking_url"
                case shippedAt = "shipped_at"
            }
        }
        var order: OrderResponse
        var shipments: [ShipmentBody]
        /// Units still to ship, by SKU.
        var unshipped: [String: Int]
        var storeUpdatesQueued: Int

        enum CodingKeys: String, CodingKey {
            case order, shipments, unshipped
            case storeUpdatesQueued = "store_updates_queued"
        }
    }

    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> Recorded {
        let userID = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("order") }
        // The order is looked up before the body is read: another user's order is a 404 whatever the body says.
        _ = try await services.orders.find(id: id, userID: userID)
        let event = try await request.decode(as: Body.self, context: context).request.checked()
        let recorded = try await services.fulfillments.record(event, orderID: id, userID: userID)
        context.logger.info(
            "fulfillment recorded",
            metadata: [
                "order": "\(id)", "event": "\(event.name)", "status": "\(recorded.order.status.rawValue)",
                "queued": "\(recorded.queued.count)",
            ])
        return Recorded(
            order: OrderResponse(recorded.order, platforms: try await services.orders.platforms(userID: userID)),
            shipments: recorded.shipments.map {
                .init(
                    id: $0.id, carrier: $0.carrier, trackingNumber: $0.trackingNumber, trackingURL: $0.trackingURL,
                    lines: $0.items, shippedAt: $0.shippedAt)
            },
            unshipped: Dictionary(recorded.step.unshipped.map { ($0.sku, $0.quantity) }, uniquingKeysWith: +),
            storeUpdatesQueued: recorded.queued.count)
    }
}
