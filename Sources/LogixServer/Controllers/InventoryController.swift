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
        /// How each of the caller's stores that maps the SKU tracks it: `unmanaged` gets no push.
        var stores: [Store]

        struct Store: Encodable, Sendable {
            var integrationID: Int64
            var name: String
            var stockManagement: String
            var managesStock: Bool
            /// The store uses the SKU on several products or variations, so none of them is mapped or pushed.
            var duplicated: Bool

            enum CodingKeys: String, CodingKey {
                case integrationID = "integration_id"
                case name, duplicated
                case stockManagement = "stock_management"
                case managesStock = "manages_stock"
            }
        }

        init(_ item: InventoryItem) {
            let level = item.level
            (sku, onHand, reserved, available) = (level.sku, level.onHand, level.reserved, level.available)
            stores = item.stores.map {
                Store(
                    integrationID: $0.integrationID, name: $0.name, stockManagement: $0.stockManagement.rawValue,
                    managesStock: $0.managesStock, duplicated: $0.duplicated)
            }
        }

        enum CodingKeys: String, CodingKey {
            case sku, reserved, available, stores
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
        let search = request.uri.queryParameters["search"].map(String.init)
        if let search, search.count > 200 { throw APIError.invalid(["search": "at most 200 characters"]) }
        let (levels, total) = try await services.inventory.levels(
            userID: userID, page: paging.page, perPage: paging.perPage, search: search)
        return ListResponse(items: levels.map(Item.init), page: paging.page, perPage: paging.perPage, total: total)
    }

    @Sendable func set(_ request: Request, context: AppRequestContext) async throws -> Item {
        let userID = try context.requireUser()
        guard let sku = context.parameters.get("sku")?.removingPercentEncoding, !sku.isEmpty else {
            throw APIError.notFound("sku")
        }
        let body = try await request.decode(as: Body.self, context: context)
        return Item(try await services.inventory.setOnHand(body.onHand, sku: sku, userID: userID))
    }
}
