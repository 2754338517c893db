import Foundation
import LogixCore
import SQLKit

/// The `order_events` table: every order's timeline.
public struct OrderEventRecords: Sendable {
    public init() {}

    /// Appends `events` (inside the caller's transaction), a multi-row statement per 500.
    public func insert(_ events: [OrderEvent], on sql: DatabaseSession) async throws {
        for start in stride(from: 0, to: events.count, by: 500) {
            try await SQLBulkInsert(
                table: "order_events",
                columns: ["order_id", "at", "kind", "from_status", "to_status", "origin", "detail"],
                rows: events[start..<min(start + 500, events.count)].map { event in
                    [
                        .integer(event.orderID), .integer(event.at.unixSeconds), .text(event.kind.rawValue),
                        .text(event.fromStatus?.rawValue), .text(event.toStatus?.rawValue), .text(event.origin),
                        .text(event.detail),
                    ]
                }
            ).run(on: sql)
        }
    }

    /// The order's timeline, oldest first (events of one transaction share a second; the id keeps their order).
    public func events(orderID: Int64, on sql: DatabaseSession) async throws -> [OrderEvent] {
        try await sql.select()
            .columns("id", "order_id", "at", "kind", "from_status", "to_status", "origin", "detail")
            .from("order_events").where("order_id", .equal, orderID).orderBy("id")
            .all(decoding: Row.self).map { try $0.event() }
    }

    private struct Row: Decodable {
        var id: Int64
        var orderID: Int64
        var at: Int64
        var kind: String
        var fromStatus: String?
        var toStatus: String?
        var origin: String?
        var detail: String

        enum CodingKeys: String, CodingKey {
            case id, at, kind, origin, detail
            case orderID = "order_id"
            case fromStatus = "from_status"
            case toStatus = "to_status"
        }

        func event() throws -> OrderEvent {
            guard let kind = OrderEvent.Kind(rawValue: kind) else {
                throw StorageError(.query, "order event \(id) has an unknown kind \(kind)")
            }
            func status(_ text: String?) throws -> OrderStatus? {
                guard let text else { return nil }
                guard let status = OrderStatus(rawValue: text) else {
                    throw StorageError(.query, "order event \(id) has an unknown status \(text)")
                }
                return status
            }
            return OrderEvent(
                id: id, orderID: orderID, at: Date(timeIntervalSince1970: TimeInterval(at)), kind: kind,
                fromStatus: try status(fromStatus), toStatus: try status(toStatus), origin: origin, detail: detail)
        }
    }
}

extension OrderEvent {
    /// The detail of a review flag: its reason and what the store wanted against what Logix kept.
    static func flagDetail(_ flag: ReviewFlag) -> String {
        flag.reason.rawValue
            + (flag.changes.isEmpty ? "" : ": " + flag.changes.map(\.description).joined(separator: "; "))
    }

    /// The detail of a shipment: carrier and tracking number (the same words the migration wrote for older ones).
    static func shipmentDetail(_ shipment: Shipment) -> String {
        "\(shipment.carrier) \(shipment.trackingNumber)"
    }
}
