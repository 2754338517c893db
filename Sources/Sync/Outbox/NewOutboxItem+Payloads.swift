import Foundation
import Storage

extension NewOutboxItem {
    /// A status and/or meta change for an order (`PUT orders/{id}`), sent after the order's earlier items.
    public static func orderUpdate(integrationID: Int64, _ payload: OrderUpdatePayload) throws -> NewOutboxItem {
        NewOutboxItem(
            integrationID: integrationID, kind: .orderUpdate, payload: try OutboxPayloadCoding.encode(payload),
            externalOrderID: payload.externalID)
    }

    /// A note on an order (`POST orders/{id}/notes`), sent after the order's earlier items.
    public static func orderNote(integrationID: Int64, _ payload: OrderNotePayload) throws -> NewOutboxItem {
        NewOutboxItem(
            integrationID: integrationID, kind: .orderNote, payload: try OutboxPayloadCoding.encode(payload),
            externalOrderID: payload.externalID)
    }

    /// A shipment to record as the store's fulfillment, sent after the order's earlier items.
    public static func fulfillment(integrationID: Int64, _ payload: FulfillmentPayload) throws -> NewOutboxItem {
        NewOutboxItem(
            integrationID: integrationID, kind: .fulfillment, payload: try OutboxPayloadCoding.encode(payload),
            externalOrderID: payload.externalID)
    }

    /// A stock push for one SKU of one integration; coalesces with a pending push of the same SKU.
    public static func stock(integrationID: Int64, sku: String) -> NewOutboxItem {
        NewOutboxItem(
            integrationID: integrationID, kind: .stock,
            payload: (try? OutboxPayloadCoding.encode(StockPushPayload(sku: sku))) ?? "{}",
            dedupeKey: "stock:" + sku)
    }
}

/// The one JSON form of outbox payloads (sorted keys, so equal payloads are equal text).
enum OutboxPayloadCoding {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from item: OutboxItem) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(item.payload.utf8))
        } catch {
            throw OutboxError(
                .invalidPayload, "outbox item \(item.id) (\(item.kind.rawValue)) has an unreadable payload")
        }
    }
}
