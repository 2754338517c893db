import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixCore
import LogixTestSupport
import Storage
import Testing

@testable import LogixServer

/// The API's order search, an order's timeline and its store updates, as a client reads them; scoped to the caller.
@Suite struct OrderTimelineAPITests {
    struct OrderList: Decodable {
        struct Item: Decodable {
            var id: Int64
            var number: String
            var placedAt: Date?
            var customer: Customer
            enum CodingKeys: String, CodingKey {
                case id, number, customer
                case placedAt = "placed_at"
            }
        }
        struct Customer: Decodable {
            var name: String
            var email: String
        }
        var items: [Item]
        var total: Int
    }

    struct Timeline: Decodable {
        struct Event: Decodable {
            var kind: String
            var fromStatus: String?
            var toStatus: String?
            var origin: String?
            var detail: String
            enum CodingKeys: String, CodingKey {
                case kind, origin, detail
                case fromStatus = "from_status"
                case toStatus = "to_status"
            }
        }
        var items: [Event]
    }

    struct OutboxList: Decodable {
        struct Item: Decodable {
            var id: Int64
            var externalOrderID: Int64?
            enum CodingKeys: String, CodingKey {
                case id
                case externalOrderID = "external_order_id"
            }
        }
        var items: [Item]
        var total: Int
    }

    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(response.text.utf8))
    }

    @Test func searchTimelineAndStoreUpdatesOfAnOrder() async throws {
        try await ServerHarness.with { server in
            let id = try await server.createIntegration()
            let sync = "/api/v1/woocommerce/integrations/\(id)/sync?wait=true"
            #expect(
                try await server.request(.post, sync, token: server.alice, json: #"{"mode": "full"}"#).status == .ok)
            let ready = try Self.decode(
                OrderList.self,
                try await server.request(.get, "/api/v1/orders?status=ready&per_page=1", token: server.alice))
            let order = try #require(ready.items.first)
            #expect(order.placedAt != nil)

            // Found by its number with or without '#', and by its customer's e-mail in another case.
            for search in [order.number, "%23" + order.number] {
                let found = try Self.decode(
                    OrderList.self,
                    try await server.request(.get, "/api/v1/orders?search=\(search)", token: server.alice))
                #expect(found.items.map(\.id) == [order.id] && found.total == 1)
            }
            let email = order.customer.email.uppercased().addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let byEmail = try Self.decode(
                OrderList.self, try await server.request(.get, "/api/v1/orders?search=\(email)", token: server.alice))
            #expect(byEmail.items.contains { $0.id == order.id })
            #expect(byEmail.items.allSatisfy { $0.customer.email.lowercased() == order.customer.email.lowercased() })
            let bobs = try Self.decode(
                OrderList.self,
                try await server.request(.get, "/api/v1/orders?search=\(order.number)", token: server.bob))
            #expect(bobs.items.isEmpty && bobs.total == 0)

            let fulfillment = "/api/v1/orders/\(order.id)/fulfillment"
            for event in [
                #"{"event": "picked"}"#, #"{"event": "packed"}"#,
                #"{"event": "shipped", "carrier": "UPS", "tracking_number": "1Z999"}"#,
            ] {
                #expect(try await server.request(.post, fulfillment, token: server.alice, json: event).status == .ok)
            }
            let timeline = try Self.decode(
                Timeline.self,
                try await server.request(.get, "/api/v1/orders/\(order.id)/timeline", token: server.alice))
            #expect(
                timeline.items.map(\.kind) == [
                    "received", "status_changed", "status_changed", "status_changed", "shipped",
                ])
            #expect(timeline.items[0].origin == "import" && timeline.items[0].toStatus == "ready")
            #expect(timeline.items[3].fromStatus == "packed" && timeline.items[3].toStatus == "shipped")
            #expect(timeline.items[4].detail == "UPS 1Z999" && timeline.items[4].origin == "warehouse")
            let hidden = try await server.request(.get, "/api/v1/orders/\(order.id)/timeline", token: server.bob)
            #expect(hidden.status == .notFound)

            let outbox = try Self.decode(
                OutboxList.self,
                try await server.request(.get, "/api/v1/outbox?order_id=\(order.id)", token: server.alice))
            #expect(outbox.total > 0 && outbox.items.count == outbox.total)
            let external = try #require(
                try await server.services.database.read { try await OrderRecords().fetch(id: order.id, on: $0) }?
                    .externalID)
            #expect(outbox.items.allSatisfy { $0.externalOrderID == external })
            let bobsOutbox = try Self.decode(
                OutboxList.self,
                try await server.request(.get, "/api/v1/outbox?order_id=\(order.id)", token: server.bob))
            #expect(bobsOutbox.items.isEmpty)
            let invalid = try await server.request(.get, "/api/v1/outbox?order_id=abc", token: server.alice)
            #expect(invalid.status == .unprocessableContent)
        }
    }
}
