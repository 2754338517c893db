import Foundation
import Hummingbird
import Logging
import LogixCore
import Storage
import Sync
import WooCommerce

/// `PUT /api/v1/woocommerce/integrations/{id}/orders/{order_id}/status`: sets an order's status in the store
/// (`order_id` is the store's id), adds an optional note, and records the store's answer in Logix — as the
/// newest version of the order, so the `order.updated` webhook the store sends back for it changes nothing.
struct OrderStatusController {
    let services: ServerServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.put("woocommerce/integrations/:id/orders/:order/status", use: setStatus)
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

    @Sendable func setStatus(_ request: Request, context: AppRequestContext) async throws -> OrderResponseBody {
        let userID = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self),
            let record = try await services.integrations.find(id: id, userID: userID)
        else { throw APIError.notFound("integration") }
        guard let externalID = context.parameters.get("order", as: Int64.self),
            try await services.database.read({ sql in
                try await OrderRecords().versions(integrationID: id, externalIDs: [externalID], on: sql)
            })[externalID] != nil
        else { throw APIError.notFound("order") }
        let body = try await request.decode(as: Body.self, context: context)
        let mapping = try record.statusMapping()
        guard let text = body.status?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            throw APIError.invalid(["status": "required"])
        }
        let status = WooOrderStatus(rawValue: text)
        guard mapping.logixStatus(for: status) != nil else {
            throw APIError.invalid(["status": "\(text) is not a store status this integration maps"])
        }
        if let note = body.note, note.count > 10_000 { throw APIError.invalid(["note": "at most 10,000 characters"]) }

        let credentials = try IntegrationCredentials(vault: services.vault, database: services.database)
            .credentials(of: record)
        let updated = try await services.stores.withClient(storeURL: record.storeURL, credentials: credentials) {
            client -> WooOrder in
            let order = try await client.updateOrder(id: Int(externalID), WooOrderUpdate(status: status))
            if let note = body.note, !note.isEmpty {
                _ = try await client.addOrderNote(
                    orderID: Int(externalID), WooOrderNoteCreate(note: note, customerNote: body.customerNote ?? false))
            }
            return order
        }
        let mapped = OrderMapper(integrationID: id, statusMapping: mapping).map(updated, alreadyImported: true)
        try await OrderApplier(database: services.database, integrationID: id).apply([mapped], at: Date())
        let stored = try await services.database.read { sql in
            try await OrderRecords().fetch(integrationID: id, externalIDs: [externalID], on: sql)[externalID]
        }
        guard let stored else { throw APIError.notFound("order") }
        context.logger.info(
            "store status set", metadata: ["integration": "\(id)", "order": "\(externalID)", "status": "\(text)"])
        return OrderResponseBody(order: OrderResponse(stored))
    }
}
