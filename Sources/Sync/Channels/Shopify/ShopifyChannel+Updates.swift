import Foundation
import LogixCore
import Shopify

extension ShopifyChannel {
    /// Shopify's stock writes take 250 rows a call (fact sheet §6).
    public var stockBatchLimit: Int { ShopifyClient.inventoryBatchLimit }

    /// Shopify has no order status to set: an order is fulfilled by fulfillments (``createFulfillment(_:)``),
    /// so a WooCommerce-shaped update (a status and tracking meta) is refused as permanent.
    public func updateOrder(_ update: ChannelOrderUpdate) async throws -> Result<Order, MappingFailure> {
        throw unsupported(
            "setting order \(update.externalID)'s status",
            "Shopify orders have no status to set; shipments are sent as fulfillments")
    }

    /// Shopify's Admin API has no order notes to add (an order has one `note`, the customer's).
    public func addOrderNote(_ note: ChannelOrderNote) async throws {
        throw unsupported(
            "adding a note to order \(note.externalID)", "Shopify's Admin API has no order notes to add")
    }

    public func orderNoteTexts(externalID: Int64) async throws -> [String] { [] }

    /// Sets each variant's `available` quantity at the integration's location (`location_id`), else the shop's
    /// first active location, with
    /// `inventorySetQuantities` (250 rows a call, each call with its own idempotency key, kept across the
    /// client's retries of it). The batch names variants (a product's, as the SKU map holds them): their
    /// inventory items are read first. The set is absolute and unconditional (`changeFromQuantity: null`):
    /// Logix owns the stock figure (ARCHITECTURE.md, "Who owns what"). A row Shopify refuses (an item not
    /// stocked at the location, an untracked one) is that update's refusal; the others are set.
    public func pushStock(_ batch: ChannelStockBatch) async throws -> [ChannelItemRefusal?] {
        let locations = try await client.locations()
        let chosen =
            locationID.map { id in locations.first { $0.id.legacyID == id } } ?? locations.first(where: \.isActive)
        guard let location = chosen, location.isActive else {
            // Parked at once: no retry can help until the integration's location is changed.
            throw unsupported(
                "setting stock",
                locationID.map { "location \($0) is not an active location of the shop: change location_id" }
                    ?? "the shop has no active location to hold it")
        }
        var inventoryItems: [Int64: ShopifyGID] = [:]
        for try await page in client.variantPages(search: batch.parentID.map { "product_id:\($0)" }, pageSize: 100) {
            for variant in page.items {
                if let item = variant.inventoryItemID { inventoryItems[variant.id.legacyID] = item }
            }
        }
        var refusals = [ChannelItemRefusal?](repeating: nil, count: batch.updates.count)
        var rows: [ShopifyInventoryQuantity] = []
        var rowUpdate: [Int] = []  // the update each row sets, by index
        for (index, update) in batch.updates.enumerated() {
            guard let item = inventoryItems[Int64(update.id)] else {
                refusals[index] = ChannelItemRefusal(
                    status: nil, platformCode: "variant_not_found",
                    description: "Shopify \(storeURL): variant \(update.id) has no inventory item (deleted?)")
                continue
            }
            rows.append(
                ShopifyInventoryQuantity(
                    inventoryItemID: item, locationID: location.id, quantity: update.quantity, changeFromQuantity: nil))
            rowUpdate.append(index)
        }
        guard !rows.isEmpty else { return refusals }
        for result in try await client.setInventoryQuantities(rows, referenceDocumentURI: "logix://stock-push") {
            for error in result.userErrors {
                let text =
                    "Shopify \(storeURL): inventorySetQuantities [\(error.code ?? "user_error")] \(error.message)"
                // `field` is ["input", "quantities", "3", …] for one row; without a row, the whole call's.
                let row = error.field.flatMap { field in
                    field.firstIndex(of: "quantities").flatMap {
                        field.indices.contains($0 + 1) ? Int(field[$0 + 1]) : nil
                    }
                }
                let affected = row.map { [result.rows.lowerBound + $0] } ?? Array(result.rows)
                for row in affected where rowUpdate.indices.contains(row) {
                    refusals[rowUpdate[row]] = ChannelItemRefusal(
                        status: nil, platformCode: error.code ?? "user_error", description: text)
                }
            }
        }
        return refusals
    }

    private func unsupported(_ operation: String, _ reason: String) -> ChannelUnsupportedOperation {
        ChannelUnsupportedOperation(platform: platform, storeURL: storeURL, operation: operation, reason: reason)
    }
}
