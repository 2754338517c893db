import Foundation
import Shopify
import Synchronization

/// The process's Shopify cost buckets, one per shop: Shopify keeps one bucket per app and shop, so every client
/// made for a shop (import, reconciliation, outbox, catalogue, connection test) must spend from one model of
/// it, as every client of a store sends through its one pacer (ARCHITECTURE.md, "One pacer per store").
public final class ShopifyCostBuckets: Sendable {
    private let buckets = Mutex<[String: ShopifyCostBucket]>([:])

    public init() {}

    /// The shop's bucket, made on first use.
    public func bucket(shopURL: String) -> ShopifyCostBucket {
        let key = Self.shopKey(shopURL)
        return buckets.withLock { buckets in
            if let bucket = buckets[key] { return bucket }
            let made = ShopifyCostBucket()
            buckets[key] = made
            return made
        }
    }

    /// A shop's address as a key: trimmed, lower-case, without a trailing slash.
    static func shopKey(_ shopURL: String) -> String {
        var key = shopURL.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        while key.hasSuffix("/") { key.removeLast() }
        return key
    }
}
