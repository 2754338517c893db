import Foundation
import Logging
import LogixCore
import Pacing
import Storage
import WooCommerce

extension OutboxSender {
    /// Resolves due stock items through the SKU map into batches, one per parent (cut to the channel's request
    /// size when sent, ``StockBatch/split(by:)``). Items needing no request are settled here:
    /// an unmanaged SKU and a SKU Logix holds no level for (done, with why nothing was sent in the item's
    /// `detail`, so the API shows it — issue 11, C), a SKU no longer mapped or an unreadable payload (dead, with
    /// the reason).
    func planStock(
        _ items: [OutboxItem], integration: IntegrationRecord
    ) async throws -> (batches: [StockBatch], report: OutboxSendReport) {
        let integrationID = integration.id
        var report = OutboxSendReport()
        var dead: [(OutboxItem, String)] = []
        var notSent: [(item: OutboxItem, reason: String)] = []
        var skuOf: [(OutboxItem, String)] = []
        for item in items {
            do {
                skuOf.append((item, try OutboxPayloadCoding.decode(StockPushPayload.self, from: item).sku))
            } catch {
                dead.append((item, String(describing: error)))
            }
        }
        let skus = skuOf.map(\.1)
        // The integration's owner's figures: stock belongs to the user whose stores these are (issue 11, defect 1).
        let ownerID = integration.userID
        let (entries, levels) = try await database.read { sql in
            var levels: [String: StockLevel] = [:]
            // Chunked: SQLite bounds the parameters of one statement.
            for start in stride(from: 0, to: skus.count, by: 1000) {
                let chunk = Array(skus[start..<min(start + 1000, skus.count)])
                levels.merge(
                    try await FulfillmentRecords().stockLevels(
                        ownerID: ownerID, skus: chunk, on: sql)
                ) { first, _ in first }
            }
            return (try await SKUMapRecords().entries(skus: skus, integrationID: integrationID, on: sql), levels)
        }
        let entryOf = Dictionary(entries.map { ($0.sku, $0) }, uniquingKeysWith: { first, _ in first })

        struct Key: Hashable {
            var parent: Int?
            var id: Int
        }
        var updates: [Key: StockBatch.Update] = [:]
        for (item, sku) in skuOf {
            guard let entry = entryOf[sku] else {
                dead.append(
                    (
                        item,
                        OutboxError(.unmappedSKU, "SKU \(sku) is not in integration \(integrationID)'s SKU map").message
                    ))
                continue
            }
            let key: Key
            switch entry.stockManagement {
            case .unmanaged:
                logger.info(
                    "stock push not sent: the store does not manage this SKU's stock",
                    metadata: ["integration": "\(integrationID)", "sku": "\(sku)"])
                notSent.append((item, Self.unmanagedReason))
                continue
            case .managed:
                if let variationID = entry.externalVariationID {
                    key = Key(parent: Int(entry.externalProductID), id: Int(variationID))
                } else {
                    key = Key(parent: nil, id: Int(entry.stockProductID ?? entry.externalProductID))
                }
            case .parent:
                key = Key(parent: nil, id: Int(entry.stockProductID ?? entry.externalProductID))
            }
            guard let level = levels[sku] else {
                logger.info(
                    "stock push not sent: Logix holds no stock level for this SKU",
                    metadata: ["integration": "\(integrationID)", "sku": "\(sku)"])
                notSent.append((item, Self.noLevelReason))
                continue
            }
            let quantity = max(0, level.available)
            let fromOwner = entry.externalVariationID == nil || entry.stockManagement == .managed
            if var existing = updates[key] {
                // Several SKUs on one record (variations using their parent's stock, and the parent itself): the
                // record's own SKU decides; otherwise the first SKU in order, so the choice is stable.
                existing.items.append(item)
                if (fromOwner && !existing.fromOwner) || (fromOwner == existing.fromOwner && sku < existing.sku) {
                    existing.quantity = quantity
                    existing.sku = sku
                    existing.fromOwner = fromOwner
                }
                updates[key] = existing
            } else {
                updates[key] = StockBatch.Update(
                    id: key.id, quantity: quantity, items: [item], sku: sku, fromOwner: fromOwner)
            }
        }

        if !dead.isEmpty || !notSent.isEmpty {
            let now = clock.now()
            let settledDead = dead
            let settledNotSent = notSent.map { (id: $0.item.id, revision: $0.item.revision, reason: $0.reason) }
            let done = try await database.transaction { sql in
                let records = OutboxRecords()
                for (item, message) in settledDead {
                    try await records.markDead(
                        id: item.id, lastError: message, attempts: item.attempts + 1, at: now, on: sql)
                }
                return try await records.markNotSent(settledNotSent, at: now, on: sql)
            }
            report.dead += dead.count
            report.done += done.count
        }

        var batches: [StockBatch] = []
        let byParent = Dictionary(grouping: updates, by: \.key.parent)
        for parent in byParent.keys.sorted(by: { ($0 ?? -1) < ($1 ?? -1) }) {
            let list = (byParent[parent] ?? []).map(\.value).sorted { $0.id < $1.id }
            batches.append(StockBatch(productID: parent, updates: list))
        }
        return (batches, report)
    }

    /// The `detail` of a push for a SKU whose stock the store does not track (`manage_stock` off).
    static let unmanagedReason =
        "not sent: the store does not manage this SKU's stock (manage_stock is off); turn stock management on "
        + "for it in the store and pull the products again"
    /// The `detail` of a push for a SKU Logix holds no figure for.
    static let noLevelReason = "not sent: Logix holds no stock figure for this SKU yet"

    /// Sends one stock batch and settles its items one by one: the store may take the request and still refuse
    /// some items, and each refused item is rescheduled or given up on its own.
    func sendStock(
        _ batch: StockBatch, integrationID: Int64, channel: any SalesChannel
    ) async throws -> OutboxSendReport {
        let refusals: [ChannelItemRefusal?]
        do {
            refusals = try await channel.pushStock(
                ChannelStockBatch(
                    parentID: batch.productID,
                    updates: batch.updates.map { ChannelStockBatch.Update(id: $0.id, quantity: $0.quantity) }))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return try await fail(batch.updates.flatMap(\.items), error: error, integrationID: integrationID)
        }
        await breakers.recordSuccess(integrationID: integrationID, at: clock.now())
        var report = OutboxSendReport()
        var succeeded: [(id: Int64, revision: Int)] = []
        for (update, refusal) in zip(batch.updates, refusals) {
            guard let refusal else {
                succeeded += update.items.map { ($0.id, $0.revision) }
                continue
            }
            let failure = OutboxFailure(refusal: refusal, policy: options.retryPolicy)
            report = report + (try await fail(update.items, failure: failure, integrationID: integrationID))
        }
        let now = clock.now()
        let settled = succeeded
        let done = try await database.transaction { sql in
            // The store took a write: whatever it refused for want of permission before is over.
            try await IntegrationHealthRecords().clearWritesRefused(integrationID: integrationID, on: sql)
            return try await OutboxRecords().markDone(settled, at: now, on: sql)
        }
        report.done += done.count
        return report
    }
}
