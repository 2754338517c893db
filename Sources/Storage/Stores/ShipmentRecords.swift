import Foundation
import LogixCore
import SQLKit

/// The `shipments` table: the parcels each order left in.
public struct ShipmentRecords: Sendable {
    public init() {}

    /// Records `shipment` for the order, and its `shipped` event on the order's timeline; returns it with its id.
    public func insert(
        _ shipment: Shipment, orderID: Int64, origin: String? = OrderEvent.Origin.warehouse, on sql: DatabaseSession
    ) async throws -> Shipment {
        let items = String(decoding: try JSONEncoder().encode(shipment.items), as: UTF8.self)
        let id = try await sql.insert(into: "shipments")
            .columns("order_id", "carrier", "tracking_number", "tracking_url", "items", "shipped_at")
            .values(
                SQLBind(orderID), SQLBind(shipment.carrier), SQLBind(shipment.trackingNumber),
                SQLBind(shipment.trackingURL), SQLBind(items), SQLBind(shipment.shippedAt.unixSeconds)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        try await OrderEventRecords().insert(
            [
                OrderEvent(
                    orderID: orderID, at: shipment.shippedAt, kind: .shipped, origin: origin,
                    detail: OrderEvent.shipmentDetail(shipment))
            ], on: sql)
        var stored = shipment
        stored.id = id
        return stored
    }

    /// The order's shipments, oldest first.
    public func shipments(orderID: Int64, on sql: DatabaseSession) async throws -> [Shipment] {
        try await sql.select().columns("id", "carrier", "tracking_number", "tracking_url", "items", "shipped_at")
            .from("shipments").where("order_id", .equal, orderID).orderBy("id")
            .all(decoding: Row.self).map { try $0.shipment() }
    }

    private struct Row: Decodable {
        var id: Int64
        var carrier: String
        var trackingNumber: String
        var trackingURL: String?
        var items: String
        var shippedAt: Int64

        enum CodingKeys: String, CodingKey {
            case id, carrier, items
            case trackingNumber = "tracking_number"
            case trackingURL = "tracking_url"
            case shippedAt = "shipped_at"
        }

        func shipment() throws -> Shipment {
            Shipment(
                id: id, carrier: carrier, trackingNumber: trackingNumber, trackingURL: trackingURL,
                items: try JSONDecoder().decode([Shipment.Item].self, from: Data(items.utf8)),
                shippedAt: Date(timeIntervalSince1970: TimeInterval(shippedAt)))
        }
    }
}
