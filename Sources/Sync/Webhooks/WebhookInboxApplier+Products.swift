import Foundation
import LogixCore
import Storage

/// Product deliveries (issue 11, gap 9): the SKU map follows the store's catalogue, and a store stock figure
/// that differs from Logix's is corrected by a push.
extension WebhookInboxApplier {
    /// Applies one integration's product deliveries, and marks them processed with what they changed.
    ///
    /// - A delivery whose record is not in the SKU map as it shows it (a new product or variation, a changed SKU,
    ///   a change of `manage_stock`, a deletion) refreshes that product — with its variations — from the store,
    ///   so reordered or duplicated deliveries all end at the store's current state (not for an integration whose
    ///   catalogue was never pulled: there is no map yet). SKUs another product already uses are left out and
    ///   reported in the sync log, as a catalogue pull reports them.
    /// - A record whose stock the store manages and whose figure differs from the available figure the owner
    ///   counted in Logix gets a push of Logix's figure (someone edited it in wp-admin). No echo: our own push
    ///   sets exactly Logix's figure, so the `product.updated` it causes differs from nothing and pushes nothing
    ///   (ARCHITECTURE.md, "No echo"); a figure that moved again meanwhile was queued by that move anyway.
    func applyProducts(
        _ deliveries: [(Stored<InboxDelivery>, ChannelProductDelivery?)], integration: IntegrationRecord,
        channel: any SalesChannel
    ) async throws {
        let integrationID = integration.id
        let ownerID = integration.userID
        var byProduct: [Int64: [ChannelProductDelivery]] = [:]
        for case (_, let delivery?) in deliveries { byProduct[delivery.productID, default: []].append(delivery) }

        let known = try await database.read { sql in
            try await SKUMapRecords().entries(integrationID: integrationID, on: sql)
        }
        let knownByRecord = Dictionary(
            known.map { ($0.externalVariationID ?? $0.externalProductID, $0) }, uniquingKeysWith: { first, _ in first })
        var fresh: [Int64: ChannelCatalogue?] = [:]
        // An integration whose catalogue was never pulled has no map to keep in step (its first pull reads it
        // all), and its store is not asked about every product it changes.
        for (productID, list) in byProduct.sorted(by: { $0.key < $1.key }) where !known.isEmpty {
            let differs = list.contains { delivery in
                guard !delivery.deleted, let record = delivery.record else { return true }
                guard let entry = knownByRecord[record.id] else { return !record.sku.isEmpty }
                return entry.sku != record.sku || entry.stockManagement != record.stockManagement
            }
            guard differs else { continue }
            fresh[productID] = try await channel.catalogue(productID: productID)
        }

        // The newest figure each record showed.
        var shown: [Int64: ChannelProductDelivery.Record] = [:]
        for case (_, let delivery?) in deliveries where !delivery.deleted {
            if let record = delivery.record { shown[record.id] = record }
        }
        let now = clock.now()
        let ids = deliveries.map(\.0.id)
        let refreshed = fresh
        let figures = shown
        let (queued, duplicates) = try await database.transaction { sql -> ([Int64], [String: [String]]) in
            var duplicates: [String: [String]] = [:]
            var newlyMapped: [String] = []
            for (productID, catalogue) in refreshed.sorted(by: { $0.key < $1.key }) {
                let entries = (catalogue?.entries ?? []).map { entry in
                    var entry = entry
                    entry.integrationID = integrationID
                    return entry
                }
                let refresh = try await SKUMapRecords().replaceProduct(
                    integrationID: integrationID, externalProductID: productID, with: entries, at: now, on: sql)
                duplicates.merge(refresh.duplicates) { first, _ in first }
                duplicates.merge(catalogue?.duplicates ?? [:]) { first, _ in first }
                // Duplicates within the product's own variations: the refresh saw only the clashes with others.
                try await SKUDuplicateRecords().record(
                    integrationID: integrationID, catalogue?.duplicates ?? [:], at: now, on: sql)
                if refresh.changed { newlyMapped += entries.map(\.sku) }
            }
            // Corrections: a managed record whose figure is not the available figure Logix holds.
            let map = try await SKUMapRecords().entries(
                skus: figures.values.map(\.sku) + newlyMapped, integrationID: integrationID, on: sql)
            let entryOf = Dictionary(map.map { ($0.sku, $0) }, uniquingKeysWith: { first, _ in first })
            let counted = try await StockLevelRecords().counted(ownerID: ownerID, skus: Array(entryOf.keys), on: sql)
            let levels = try await FulfillmentRecords().stockLevels(ownerID: ownerID, skus: Array(counted), on: sql)
            var push = Set(newlyMapped.filter { counted.contains($0) && entryOf[$0]?.stockManagement != .unmanaged })
            for record in figures.values {
                guard let quantity = record.stockQuantity, let entry = entryOf[record.sku],
                    entry.stockManagement == .managed,
                    (entry.externalVariationID ?? entry.externalProductID) == record.id,
                    counted.contains(record.sku), let level = levels[record.sku]
                else { continue }
                if quantity != max(0, level.available) { push.insert(record.sku) }
            }
            let queued = try await StockPushPlanner().enqueue(
                skus: push.sorted(), ownerID: ownerID, integrationIDs: [integrationID], at: now, on: sql)
            try await WebhookInboxRecords().markProcessed(ids: ids, at: now, on: sql)
            return (queued, duplicates)
        }
        if !queued.isEmpty { outboxSignal?.notify() }
        guard !duplicates.isEmpty else { return }
        var outcome = OrderApplier.Outcome()
        for (sku, users) in duplicates.sorted(by: { $0.key < $1.key }) {
            outcome.counts.total += 1
            outcome.counts.skipped += 1
            outcome.entries.append(
                SyncLogEntry(
                    externalID: Int64(users.first?.split(separator: "/").first ?? "") ?? 0, disposition: .skipped,
                    code: "duplicate_sku",
                    message:
                        "SKU \(sku) is used by more than one product or variation (\(users.joined(separator: ", "))); "
                        + "none of them is in the SKU map until each has its own SKU"))
        }
        try await log(outcome, integrationID: integrationID, at: now)
    }
}
