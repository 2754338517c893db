import Foundation
import LogixCore
import WooCommerce

extension WooCommerceChannel {
    /// `PUT orders/{id}` with the status and meta; the answer mapped as an order Logix holds.
    public func updateOrder(_ update: ChannelOrderUpdate) async throws -> Result<Order, MappingFailure> {
        let metaData = try update.meta?.map { entry in
            WooMetaData(key: entry.key, value: try JSONDecoder().decode(JSONValue.self, from: Data(entry.json.utf8)))
        }
        let order = try await client.updateOrder(
            id: Int(update.externalID),
            WooOrderUpdate(status: update.status.map(WooOrderStatus.init(rawValue:)), metaData: metaData))
        return mapper.map(order, alreadyImported: true)
    }

    /// WooCommerce records a shipment as the order's status and tracking meta (``updateOrder(_:)``), so Logix
    /// never queues a fulfillment for it: one that reaches it is refused as permanent.
    public func createFulfillment(_ shipment: ChannelShipment) async throws {
        throw ChannelUnsupportedOperation(
            platform: platform, storeURL: storeURL, operation: "a fulfillment of order \(shipment.externalID)",
            reason: "WooCommerce takes a shipment as the order's status and tracking meta")
    }

    /// `POST orders/{id}/notes`.
    public func addOrderNote(_ note: ChannelOrderNote) async throws {
        _ = try await client.addOrderNote(
            orderID: Int(note.externalID), WooOrderNoteCreate(note: note.note, customerNote: note.customerNote))
    }

    /// `GET orders/{id}/notes`, every type.
    public func orderNoteTexts(externalID: Int64) async throws -> [String] {
        try await client.orderNotes(orderID: Int(externalID)).map(\.note)
    }

    public var stockBatchLimit: Int { WooCommerceClient.batchLimit }

    /// `POST products/batch`, or `products/{parent}/variations/batch`, setting `manage_stock` and the
    /// quantity. The store answers 200 even when it refuses some items; an item it does not answer for at all
    /// counts as refused (`logix_no_answer`).
    public func pushStock(_ batch: ChannelStockBatch) async throws -> [ChannelItemRefusal?] {
        let updates = batch.updates.map {
            WooBatchStockUpdate(id: $0.id, WooStockUpdate(manageStock: true, stockQuantity: $0.quantity))
        }
        var errors: [WooErrorBody?]
        if let parent = batch.parentID {
            errors = try await client.batchUpdateVariations(productID: parent, updates).outcomes.map(\.refusal)
        } else {
            errors = try await client.batchUpdateProducts(updates).outcomes.map(\.refusal)
        }
        if errors.count < batch.updates.count {
            errors += Array(
                repeating: WooErrorBody(code: "logix_no_answer", message: "the batch answer has no entry for it"),
                count: batch.updates.count - errors.count)
        }
        let path = batch.parentID.map { "products/\($0)/variations/batch" } ?? "products/batch"
        return zip(batch.updates, errors).map { update, error in
            error.map { error in
                var text = "WooCommerce item error from \(storeURL): POST \(path) item \(update.id)"
                if let status = error.status { text += " → HTTP \(status)" }
                text += " [\(error.code)] \(error.message)"
                return ChannelItemRefusal(status: error.status, platformCode: error.code, description: text)
            }
        }
    }
}

extension WooBatchResult.Outcome {
    /// The store's refusal of this item, if it refused it.
    fileprivate var refusal: WooErrorBody? {
        if case .failed(_, let error) = self { return error }
        return nil
    }
}
