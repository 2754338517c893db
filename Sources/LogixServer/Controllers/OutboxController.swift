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
        group.post("outbox/:id/retry", use: retry)
    }

    struct Item: ResponseEncodable, Sendable {
        var id: Int64
        var integrationID: Int64
        var kind: String
        var externalOrderID: Int64?
        /// The payload as queued (an order id, a status, a note, a SKU — never a credential).
        var payload: String
        var state: String
        var attempts: Int
        var lastError: String?
        var notBefore: Date
        var createdAt: Date
        var updatedAt: Date

        init(_ item: OutboxItem) {
            id = item.id
            integrationID = item.integrationID
            kind = item.kind.rawValue
            externalOrderID = item.externalOrderID
            payload = item.payload
            state = item.state.rawValue
            attempts = item.attempts
            lastError = item.lastError
            notBefore = item.notBefore
            createdAt = item.createdAt
            updatedAt = item.updatedAt
        }

        enum CodingKeys: String, CodingKey {
            case id, kind, payload, state, attempts
            case integrationID = "integration_id"
            case externalOrderID = "external_order_id"
            case lastError = "last_error"
            case notBefore = "not_before"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> ListResponse<Item> {
        let userID = try context.requireUser()
        let paging = try Paging(request)
        let query = request.uri.queryParameters
        var integrationIDs = try await services.integrations.list(userID: userID).compactMap(\.id)
        var problems: [String: String] = [:]
        var state: OutboxState?
        if let text = query["state"] {
            state = OutboxState(rawValue: String(text))
            if state == nil { problems["state"] = "one of pending, done, dead" }
        }
        if let text = query["integration_id"] {
            if let id = Int64(text) {
                integrationIDs = integrationIDs.contains(id) ? [id] : []
            } else {
                problems["integration_id"] = "must be a number"
            }
        }
        guard problems.isEmpty else { throw APIError.invalid(problems) }
        let (chosen, wanted) = (integrationIDs, state)
        let (items, total) = try await services.database.read { sql in
            try await OutboxRecords().list(
                integrationIDs: chosen, state: wanted, page: paging.page, perPage: paging.perPage, on: sql)
        }
        return ListResponse(items: items.map(Item.init), page: paging.page, perPage: paging.perPage, total: total)
    }

    @Sendable func retry(_ request: Request, context: AppRequestContext) async throws -> Item {
        let userID = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("outbox item") }
        let owned = Set(try await services.integrations.list(userID: userID).compactMap(\.id))
        let outcome = try await services.database.transaction { sql -> Result<OutboxItem, APIError> in
            guard let item = try await OutboxRecords().fetch(ids: [id], on: sql).first,
                owned.contains(item.integrationID)
            else { return .failure(APIError.notFound("outbox item")) }
            guard let retried = try await OutboxRecords().retry(id: id, at: Date(), on: sql) else {
                return .failure(
                    APIError(
                        .conflict, code: "not_dead",
                        "only a dead item can be retried; this one is \(item.state.rawValue)",
                        fields: ["current_state": item.state.rawValue]))
            }
            return .success(retried)
        }
        let item = try outcome.get()
        services.outboxSignal.notify()
        return Item(item)
    }
}
