import Foundation
import Hummingbird
import LogixCore
import Storage
import Sync

/// `GET /api/v1/inventory` and `PUT /api/v1/inventory/{sku}`: Logix's stock of the SKUs the caller's stores
/// map. A new on-hand figure is pushed to every one of the caller's stores that maps the SKU, through the
/// outbox (coalesced: only the latest figure is sent). A SKU no store of the caller maps is a 404: there is
/// nowhere to push it, and another user's SKU must look the same as one that does not exist.
struct InventoryController {
    let services: ServerServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("inventory", use: list)
        group.put("inventory/:sku", use: set)
    }

    struct Item: ResponseEncodable, Sendable {
        var sku: String
        var onHand: Int
        var reserved: Int
        var available: Int

        init(_ level: StockLevel) {
            (sku, onHand, reserved, available) = (level.sku, level.onHand, level.reserved, level.available)
        }

        enum CodingKeys: String, CodingKey {
            case sku, reserved, available
            case onHand = "on_hand"
        }
    }

    struct Body: Decodable, Sendable {
        var onHand: Int?
        enum CodingKeys: String, CodingKey { case onHand = "on_hand" }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> ListResponse<Item> {
        let userID = try context.requireUser()
        let paging = try Paging(request)
        let owned = try await services.integrations.list(userID: userID).compactMap(\.id)
        let (levels, total) = try await services.database.read { sql in
            try await StockLevelRecords().page(
                integrationIDs: owned, page: paging.page, perPage: paging.perPage, on: sql)
        }
        return ListResponse(items: levels.map(Item.init), page: paging.page, perPage: paging.perPage, total: total)
    }

    @Sendable func set(_ request: Request, context: AppRequestContext) async throws -> Item {
        let userID = try context.requireUser()
        guard let sku = context.parameters.get("sku")?.removingPercentEncoding, !sku.isEmpty else {
            throw APIError.notFound("sku")
        }
        let body = try await request.decode(as: Body.self, context: context)
        guard let onHand = body.onHand else { throw APIError.invalid(["on_hand": "required"]) }
        guard (0...1_000_000_000).contains(onHand) else {
            throw APIError.invalid(["on_hand": "must be between 0 and 1,000,000,000"])
        }
        let owned = Set(try await services.integrations.list(userID: userID).compactMap(\.id))
        let now = Date()
        let result = try await services.database.transaction { sql -> (StockLevel, Int)? in
            let mapped = try await SKUMapRecords().entries(skus: [sku], on: sql).filter {
                owned.contains($0.integrationID)
            }
            guard !mapped.isEmpty else { return nil }
            let level = try await StockLevelRecords().setOnHand(onHand, sku: sku, at: now, on: sql)
            let queued = try await StockPushPlanner().enqueue(skus: [sku], integrationIDs: owned, at: now, on: sql)
            return (level, queued.count)
        }
        guard let (level, queued) = result else { throw APIError.notFound("sku") }
        if queued > 0 { services.outboxSignal.notify() }
        return Item(level)
    }
}
