import Foundation
import Hummingbird
import Storage
import Sync

/// `GET /api/v1/outbox` and `POST /api/v1/outbox/{id}/retry`: the store updates queued for the caller's
/// integrations — chiefly the dead ones (ARCHITECTURE.md, "Queued outbound": parked with their last error after
/// the retry bound) and a way to send one again once the cause is fixed.
struct OutboxController {
    let services: ServerServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("outbox", use: list)
        group.post("outbox/retry-dead", use: retryDead)
        group.post("outbox/:id/retry", use: retry)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> ListResponse<
        OutboxItemResponse
    > {
        let userID = try context.requireUser()
        let paging = try Paging(request)
        let query = request.uri.queryParameters
        let (items, total) = try await services.storeUpdates.list(
            userID: userID, state: query["state"].map(String.init),
            integrationID: query["integration_id"].map(String.init), orderID: query["order_id"].map(String.init),
            page: paging.page, perPage: paging.perPage)
        return ListResponse(
            items: items.map(OutboxItemResponse.init), page: paging.page, perPage: paging.perPage, total: total)
    }

    struct RetryDeadBody: Decodable, Sendable {
        var integrationID: Int64?

        enum CodingKeys: String, CodingKey {
            case integrationID = "integration_id"
        }
    }

    struct Retried: ResponseEncodable, Sendable {
        var retried: Int
    }

    /// Every dead update of one integration, queued again (the dashboard's "Retry all dead").
    @Sendable func retryDead(_ request: Request, context: AppRequestContext) async throws -> Retried {
        let userID = try context.requireUser()
        let body = try await request.decode(as: RetryDeadBody.self, context: context)
        guard let integrationID = body.integrationID else { throw APIError.invalid(["integration_id": "required"]) }
        return Retried(retried: try await services.storeUpdates.retryDead(userID: userID, integrationID: integrationID))
    }

    @Sendable func retry(_ request: Request, context: AppRequestContext) async throws -> OutboxItemResponse {
        let userID = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("outbox item") }
        return OutboxItemResponse(try await services.storeUpdates.retry(userID: userID, itemID: id))
    }
}
