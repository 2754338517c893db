import Foundation
import Storage

/// Pulls a store's catalogue (products and variations) into the integration's SKU map.
public struct CatalogPuller: Sendable {
    let channel: any SalesChannel
    let database: LogixDatabase

    /// - Parameter channel: the integration's store; the caller shuts it down.
    public init(channel: any SalesChannel, database: LogixDatabase) {
        self.channel = channel
        self.database = database
    }

    /// What a pull found.
    public struct Report: Sendable, Hashable {
        public var products: Int
        public var variations: Int
        public var mapped: Int
        public var duplicates: [String: [String]]
        public var withoutSKU: Int
    }

    /// Reads the whole catalogue and replaces the integration's SKU map with it in one transaction.
    public func pull(integrationID: Int64, at date: Date) async throws -> Report {
        let catalogue = try await channel.catalogue()
        // The map being replaced is `integrationID`'s, whatever the channel was made for.
        let entries = catalogue.entries.map { entry in
            var entry = entry
            entry.integrationID = integrationID
            return entry
        }
        try await database.transaction { sql in
            try await SKUMapRecords().replace(
                integrationID: integrationID, with: entries, duplicates: catalogue.duplicates, at: date, on: sql)
        }
        return Report(
            products: catalogue.products, variations: catalogue.variations, mapped: entries.count,
            duplicates: catalogue.duplicates, withoutSKU: catalogue.withoutSKU)
    }
}
