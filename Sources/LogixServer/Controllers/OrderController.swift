import Foundation
import Hummingbird
import LogixCore
import Storage

/// `GET /api/v1/orders` and `/api/v1/orders/{id}`: the caller's Logix orders, across their integrations.
struct OrderController {
    let services: ServerServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("orders", use: list)
        group.get("orders/:id", use: read)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> ListResponse<OrderResponse> {
        let userID = try context.requireUser()
        let paging = try Paging(request)
        let query = request.uri.queryParameters
        let owned = try await services.integrations.list(userID: userID).compactMap(\.id)
        var filter = OrderFilter(integrationIDs: owned)
        var problems: [String: String] = [:]
        if let text = query["integration_id"] {
            // Another user's integration filters to nothing, exactly like one that does not exist.
            if let id = Int64(text) {
                filter.integrationIDs = owned.contains(id) ? [id] : []
            } else {
                problems["integration_id"] = "must be a number"
            }
        }
        if let text = query["status"] {
            if let status = OrderStatus(rawValue: String(text)) {
                filter.status = status
            } else {
                problems["status"] =
                    "unknown status; one of " + OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")
            }
        }
        if let text = query["review"] {
            switch text {
            case "true", "1": filter.flaggedForReview = true
            case "false", "0": filter.flaggedForReview = false
            default: problems["review"] = "must be true or false"
            }
        }
        guard problems.isEmpty else { throw APIError.invalid(problems) }
        let chosen = filter
        let (orders, total) = try await services.database.read { sql in
            try await OrderRecords().list(chosen, page: paging.page, perPage: paging.perPage, on: sql)
        }
        return ListResponse(
            items: orders.map(OrderResponse.init), page: paging.page, perPage: paging.perPage, total: total)
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> OrderResponseBody {
        let userID = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("order") }
        let order = try await services.database.read { sql in try await OrderRecords().fetch(id: id, on: sql) }
        guard let order, try await services.integrations.find(id: order.integrationID, userID: userID) != nil else {
            throw APIError.notFound("order")
        }
        return OrderResponseBody(order: OrderResponse(order))
    }
}

/// One order as a response body.
struct OrderResponseBody: ResponseEncodable, Sendable {
    var order: OrderResponse
    func encode(to encoder: any Encoder) throws { try order.encode(to: encoder) }
}
