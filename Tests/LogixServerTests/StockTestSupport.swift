import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import WooCommerce
import WooSim

/// One row of `GET /api/v1/inventory`, decoded.
struct InventoryLevel: Decodable, Sendable, Equatable {
    /// How one of the user's stores tracks the SKU.
    struct Store: Decodable, Sendable, Equatable {
        var integrationID: Int64
        var stockManagement: String

        enum CodingKeys: String, CodingKey {
            case integrationID = "integration_id"
            case stockManagement = "stock_management"
        }
    }

    var sku: String
    var onHand: Int
    var reserved: Int
    var available: Int
    var stores: [Store]

    enum CodingKeys: String, CodingKey {
        case sku, reserved, available, stores
        case onHand = "on_hand"
    }
}

/// One row of `GET /api/v1/outbox`, decoded.
struct StoreUpdate: Decodable, Sendable, Equatable {
    var id: Int64
    var integrationID: Int64
    var kind: String
    var payload: String
    var state: String
    var lastError: String?
    var detail: String?

    enum CodingKeys: String, CodingKey {
        case id, kind, payload, state, detail
        case integrationID = "integration_id"
        case lastError = "last_error"
    }
}

/// A page of a list endpoint, decoded.
struct ItemsPage<Item: Decodable & Sendable>: Decodable, Sendable {
    var items: [Item]
}

extension TestResponse {
    /// The body decoded as `type`.
    func decoded<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(String(buffer: body).utf8))
    }
}

extension ServerHarness {
    /// Creates an integration of `token`'s user against `store`; returns its id.
    func createIntegration(on store: WooSim, token: String, name: String) async throws -> Int64 {
        let response = try await request(
            .post, "/api/v1/woocommerce/integrations", token: token,
            json: """
                {"store_url": "\(store.baseURL)", "consumer_key": "\(store.readWriteKeys.consumerKey)",
                 "consumer_secret": "\(store.readWriteKeys.consumerSecret)", "integration_name": "\(name)"}
                """)
        #expect(response.status == .created, "\(response.text)")
        return try #require(try response.json()["id"] as? Int).int64
    }

    /// Pulls the integration's catalogue into its SKU map as `token`'s user.
    func pullProducts(integration: Int64, token: String) async throws {
        let response = try await request(
            .post, "/api/v1/woocommerce/integrations/\(integration)/products/sync", token: token,
            json: #"{"direction": "pull"}"#)
        #expect(response.status == .ok, "\(response.text)")
    }

    /// Imports the store's orders with a sync as `token`'s user, waiting for it to finish.
    func syncOrders(integration: Int64, token: String) async throws {
        let response = try await request(
            .post, "/api/v1/woocommerce/integrations/\(integration)/sync?wait=true", token: token, json: "{}")
        #expect(response.status == .ok, "\(response.text)")
    }

    /// `token`'s user's inventory, by SKU.
    func inventory(token: String) async throws -> [String: InventoryLevel] {
        let response = try await request(.get, "/api/v1/inventory?per_page=100", token: token)
        #expect(response.status == .ok, "\(response.text)")
        let page = try response.decoded(ItemsPage<InventoryLevel>.self)
        return Dictionary(page.items.map { ($0.sku, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The integration's store updates, as Alice sees them.
    func storeUpdates(integration: Int64) async throws -> [StoreUpdate] {
        let response = try await request(
            .get, "/api/v1/outbox?integration_id=\(integration)&per_page=100", token: alice)
        #expect(response.status == .ok, "\(response.text)")
        return try response.decoded(ItemsPage<StoreUpdate>.self).items
    }

    /// Sets `token`'s user's on-hand count of `sku`.
    @discardableResult
    func setOnHand(_ onHand: Int, sku: String, token: String) async throws -> InventoryLevel {
        let response = try await request(
            .put, "/api/v1/inventory/\(sku)", token: token, json: #"{"on_hand": \#(onHand)}"#)
        #expect(response.status == .ok, "\(response.text)")
        return try response.decoded(InventoryLevel.self)
    }
}

extension WooSim {
    /// The stock quantity this store holds for `sku` (read from the simulator, not through its API).
    func stock(sku: String) async throws -> Int? {
        let json = try #require(await productJSON(sku: sku))
        return try JSONDecoder().decode(WooProduct.self, from: json).stockQuantity
    }
}
