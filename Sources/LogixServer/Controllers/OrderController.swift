import Foundation
import Hummingbird
import LogixCore
import Storage
import Sync

/// `GET /api/v1/orders`, `/api/v1/orders/{id}` and `/api/v1/orders/{id}/timeline`: the caller's Logix orders,
/// across their integrations, and what happened to each.
struct OrderController {
    let services: ServerServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("orders", use: list)
        group.get("orders/:id", use: read)
        group.get("orders/:id/timeline", use: timeline)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> ListResponse<OrderResponse> {
        let userID = try context.requireUser()
        let paging = try Paging(request)
        let query = request.uri.queryParameters
        var problems: [String: String] = [:]
        var integrationID: Int64?
        var status: OrderStatus?
        var review: Bool?
        if let text = query["integration_id"] {
            // Another user's integration filters to nothing, exactly like one that does not exist.
            integrationID = Int64(text)
            if integrationID == nil { problems["integration_id"] = "must be a number" }
        }
        if let text = query["status"] {
            status = OrderStatus(rawValue: String(text))
            if status == nil {
                problems["status"] =
                    "unknown status; one of " + OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")
            }
        }
        if let text = query["review"] {
            switch text {
            case "true", "1": review = true
            case "false", "0": review = false
            default: problems["review"] = "must be true or false"
            }
        }
        let search = query["search"].map(String.init)
        if let search, search.count > 200 { problems["search"] = "at most 200 characters" }
        guard problems.isEmpty else { throw APIError.invalid(problems) }
        let (orders, total) = try await services.orders.list(
            userID: userID, integrationID: integrationID, status: status, flaggedForReview: review, search: search,
            page: paging.page, perPage: paging.perPage)
        let platforms = try await services.orders.platforms(userID: userID)
        return ListResponse(
            items: orders.map { OrderResponse($0, platforms: platforms) }, page: paging.page, perPage: paging.perPage,
            total: total)
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> OrderResponseBody {
        let userID = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("order") }
        let order = try await services.orders.find(id: id, userID: userID)
        return OrderResponseBody(
            order: OrderResponse(order, platforms: try await services.orders.platforms(userID: userID)))
    }

    @Sendable func timeline(_ request: Request, context: AppRequestContext) async throws -> OrderTimelineResponse {
        let userID = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("order") }
        let events = try await services.orders.timeline(id: id, userID: userID)
        return OrderTimelineResponse(items: events.map(OrderEventResponse.init))
    }
}

/// One order as a response body.
struct OrderResponseBody: ResponseEncodable, Sendable {
    var order: OrderResponse
    func encode(to encoder: any Encoder) throws { try order.encode(to: encoder) }
}
