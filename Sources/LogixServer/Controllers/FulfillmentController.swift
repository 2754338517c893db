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

        /// The event, or the fields that are wrong.
        func fulfillmentEvent() throws -> FulfillmentEvent {
            func text(_ value: String?) -> String? {
                value.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            var problems: [String: String] = [:]
            let event: FulfillmentEvent?
            switch text(self.event) {
            case "picked": event = .picked
            case "packed": event = .packed
            case "delivered": event = .delivered
            case "cancelled":
                if let reason = text(reason), reason.count <= 1_000 {
                    event = .cancelled(reason: reason)
                } else {
                    problems["reason"] = "required, at most 1,000 characters"
                    event = nil
                }
            case "shipped":
                let carrier = text(carrier)
                let number = text(trackingNumber)
                if carrier == nil || carrier!.count > 100 { problems["carrier"] = "required, at most 100 characters" }
                if number == nil || number!.count > 100 {
                    problems["tracking_number"] = "required, at most 100 characters"
                }
                let url = text(trackingURL)
                if let url, URL(string: url)?.scheme.map({ ["http", "https"].contains($0.lowercased()) }) != true {
                    problems["tracking_url"] = "must be an http(s) URL"
                }
                var items: [Shipment.Item] = []
                for (index, line) in (lines ?? []).enumerated() {
                    guard let sku = text(line.sku), let quantity = line.quantity, quantity > 0 else {
                        problems["lines[\(index)]"] = "needs a sku and a positive quantity"
                        continue
                    }
                    items.append(Shipment.Item(sku: sku, quantity: quantity))
                }
                event =
                    problems.isEmpty
                    ? .shipped(carrier: carrier!, trackingNumber: number!, trackingURL: url, items: items) : nil
            case nil:
                problems["event"] = "required: picked, packed, shipped, delivered or cancelled"
                event = nil
            case let other?:
                problems["event"] = "\(other) is not one of picked, packed, shipped, delivered, cancelled"
                event = nil
            }
            guard let event, problems.isEmpty else { throw APIError.invalid(problems) }
            return event
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
        let event = try await request.decode(as: Body.self, context: context).fulfillmentEvent()
        let recorded = try await services.fulfillments.record(event, orderID: id, userID: userID)
        context.logger.info(
            "fulfillment recorded",
            metadata: [
                "order": "\(id)", "event": "\(event.name)", "status": "\(recorded.order.status.rawValue)",
                "queued": "\(recorded.queued.count)",
            ])
        return Recorded(
            order: OrderResponse(recorded.order),
            shipments: recorded.shipments.map {
                .init(
                    id: $0.id, carrier: $0.carrier, trackingNumber: $0.trackingNumber, trackingURL: $0.trackingURL,
                    lines: $0.items, shippedAt: $0.shippedAt)
            },
            unshipped: Dictionary(recorded.step.unshipped.map { ($0.sku, $0.quantity) }, uniquingKeysWith: +),
            storeUpdatesQueued: recorded.queued.count)
    }
}
