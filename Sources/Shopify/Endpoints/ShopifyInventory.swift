import Foundation

/// One row of `inventorySetQuantities`: an item's quantity at a location, with the quantity it is expected to
/// have now (compare-and-set: Shopify refuses with `CHANGE_FROM_QUANTITY_STALE` if it moved meanwhile).
public struct ShopifyInventoryQuantity: Sendable, Hashable {
    public var inventoryItemID: ShopifyGID
    public var locationID: ShopifyGID
    public var quantity: Int
    /// The quantity the caller last saw; `nil` sets without a check (sent as `null`, which 2026-04 requires
    /// to be explicit).
    public var changeFromQuantity: Int?

    public init(inventoryItemID: ShopifyGID, locationID: ShopifyGID, quantity: Int, changeFromQuantity: Int?) {
        self.inventoryItemID = inventoryItemID
        self.locationID = locationID
        self.quantity = quantity
        self.changeFromQuantity = changeFromQuantity
    }
}

/// How one batch of an `inventorySetQuantities` call went.
public struct ShopifyInventoryBatchResult: Sendable, Hashable {
    /// The batch's rows, as indices into the rows passed in.
    public var rows: Range<Int>
    /// The `@idempotent` key the batch was sent with (the same on every retry of it).
    public var idempotencyKey: String
    /// Shopify's refusals; `field` paths index rows within the batch (`["input","quantities","3",…]`).
    /// Empty: the batch was applied.
    public var userErrors: [ShopifyError.UserError]

    public var isApplied: Bool { userErrors.isEmpty }
}

extension ShopifyClient {
    /// The most rows one `inventorySetQuantities` call takes.
    public static let inventoryBatchLimit = 250

    /// Sets quantities (`inventorySetQuantities`, name `available` by default) in batches of at most 250 rows,
    /// one after another. Each batch carries an `@idempotent(key:)` key, required from 2026-04, that stays the
    /// same on every retry of that batch, so a retry after a lost answer is replayed by Shopify rather than
    /// applied twice.
    ///
    /// - Parameters:
    ///   - idempotencyKey: a stable base for the batch keys (`{key}-{batch index}`), e.g. an outbox entry's id,
    ///     so a restarted push of the same rows is recognised too; `nil` makes a fresh UUID per batch. A key
    ///     reused with other rows is refused (`IDEMPOTENCY_KEY_PARAMETER_MISMATCH`).
    ///   - reason: Shopify's reason, e.g. `correction`, `cycle_count_available`, `received`.
    ///   - referenceDocumentURI: what the change comes from, e.g. `gid://logix/StockPush/42`.
    /// - Returns: one result per batch, user errors included (not thrown, so one stale row does not hide how
    ///   the other batches went). Transport and HTTP failures are thrown.
    public func setInventoryQuantities(
        _ rows: [ShopifyInventoryQuantity], name: String = "available", reason: String = "correction",
        referenceDocumentURI: String? = nil, idempotencyKey: String? = nil,
        batchSize: Int = ShopifyClient.inventoryBatchLimit
    ) async throws -> [ShopifyInventoryBatchResult] {
        struct Payload: Decodable, Sendable {
            struct Result: Decodable, Sendable { var userErrors: [ShopifyError.UserError] }
            var inventorySetQuantities: Result?
        }
        guard (1...Self.inventoryBatchLimit).contains(batchSize) else {
            throw invalidRequest("InventorySetQuantities", "batch size must be 1…250, got \(batchSize)")
        }
        let base = try idempotencyKey.map { key -> String in
            let cleaned = Self.idempotencyKeyText(key)
            guard !cleaned.isEmpty else {
                throw invalidRequest("InventorySetQuantities", "the idempotency key has no usable character")
            }
            return cleaned
        }
        var results: [ShopifyInventoryBatchResult] = []
        var start = 0
        var index = 0
        while start < rows.count {
            let range = start..<min(start + batchSize, rows.count)
            let key = base.map { "\($0)-\(index)" } ?? UUID().uuidString.lowercased()
            var input: [String: GraphQLValue] = [
                "name": .string(name), "reason": .string(reason),
                "quantities": .list(
                    rows[range].map { row in
                        .object([
                            "inventoryItemId": .string(row.inventoryItemID.rawValue),
                            "locationId": .string(row.locationID.rawValue), "quantity": .int(row.quantity),
                            "changeFromQuantity": row.changeFromQuantity.map { .int($0) } ?? .null,
                        ])
                    }),
            ]
            if let referenceDocumentURI { input["referenceDocumentUri"] = .string(referenceDocumentURI) }
            // The key keeps a resend from applying twice; the transport's retries reuse this very operation.
            let operation = ShopifyOperation(
                name: "InventorySetQuantities", query: ShopifyQueries.inventorySetQuantities(idempotencyKey: key),
                variables: ["input": .object(input)], isResendable: true)
            let result = try await send(operation, as: Payload.self).inventorySetQuantities
            results.append(
                ShopifyInventoryBatchResult(rows: range, idempotencyKey: key, userErrors: result?.userErrors ?? []))
            start = range.upperBound
            index += 1
        }
        return results
    }

    /// A key as it may stand inside the query's string literal: letters, digits and `-_.:` only.
    static func idempotencyKeyText(_ key: String) -> String {
        String(
            key.unicodeScalars.filter {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.:".unicodeScalars.contains($0))
            }.map(Character.init))
    }
}
