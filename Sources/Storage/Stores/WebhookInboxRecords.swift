import Foundation
import SQLKit

/// One webhook delivery as the inbox holds it (ARCHITECTURE.md, "Nothing lost": stored durably before the store
/// gets its 200). Read back, it is a `Stored<InboxDelivery>` with the row's id.
public struct InboxDelivery: Sendable, Hashable {
    /// Where a delivery stands.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// Stored, not yet applied.
        case pending
        /// Applied (or deliberately left out, with its reason in the sync log).
        case processed
        /// Could not be applied: malformed, or failed past the retry bound; `lastError` says why.
        case failed
    }

    public var integrationID: Int64
    /// What makes two deliveries the same: topic, resource id and body (see ``WebhookInboxRecords``).
    public var deliveryKey: String
    /// The store's `X-WC-Webhook-Delivery-ID` (not unique on its own).
    public var deliveryID: String
    public var topic: String
    public var resourceID: Int64?
    public var body: Data
    public var state: State
    public var receivedAt: Date
    public var attempts: Int
    public var lastError: String?

    public init(
        integrationID: Int64, deliveryKey: String, deliveryID: String, topic: String,
        resourceID: Int64?, body: Data, state: State = .pending, receivedAt: Date, attempts: Int = 0,
        lastError: String? = nil
    ) {
        self.integrationID = integrationID
        self.deliveryKey = deliveryKey
        self.deliveryID = deliveryID
        self.topic = topic
        self.resourceID = resourceID
        self.body = body
        self.state = state
        self.receivedAt = receivedAt
        self.attempts = attempts
        self.lastError = lastError
    }
}

/// The `webhook_inbox` table: deliveries stored once, claimed by one applier at a time under a lease; their
/// bodies in `webhook_inbox_bodies`, written once beside them.
public struct WebhookInboxRecords: Sendable {
    public init() {}

    /// Stores `delivery` unless the same one (same integration and delivery key) is there already.
    ///
    /// - Returns: `true` when it was new.
    public func insert(_ delivery: InboxDelivery, on sql: DatabaseSession) async throws -> Bool {
        try await !insert(batch: [delivery], on: sql).isEmpty
    }

    /// Stores many deliveries, each unless the same one is there already: the rows in one statement, the bodies
    /// of the new ones in a second (in `webhook_inbox_bodies`, so that the row's later state changes rewrite a
    /// small row, not the body). A delivery stored as processed keeps no body: it was applied in this
    /// transaction, the records it changed hold what it said, and only a pending delivery's body is read again.
    ///
    /// - Returns: the delivery keys that were new.
    public func insert(batch deliveries: [InboxDelivery], on sql: DatabaseSession) async throws -> Set<String> {
        guard !deliveries.isEmpty else { return [] }
        var seen: Set<String> = []
        let unique = deliveries.filter { seen.insert($0.deliveryKey).inserted }
        var inserted: Set<String> = []
        for start in stride(from: 0, to: unique.count, by: 500) {
            let chunk = unique[start..<min(start + 500, unique.count)]
            let insert = SQLBulkInsert(
                table: "webhook_inbox",
                columns: [
                    "integration_id", "delivery_key", "delivery_id", "topic", "resource_id", "state",
                    "received_at", "attempts", "last_error", "processed_at",
                ],
                rows: chunk.map { delivery in
                    [
                        .integer(delivery.integrationID), .text(delivery.deliveryKey), .text(delivery.deliveryID),
                        .text(delivery.topic), .integer(delivery.resourceID), .text(delivery.state.rawValue),
                        .integer(delivery.receivedAt.unixSeconds), .int(delivery.attempts), .text(delivery.lastError),
                        delivery.state == .pending ? .integer(nil) : .integer(delivery.receivedAt.unixSeconds),
                    ]
                },
                conflict: .ignore(target: ["integration_id", "delivery_key"]), returning: ["id", "delivery_key"])
            let rows = try await insert.all(on: sql) { row in
                (id: try row.integer("id"), deliveryKey: try row.text("delivery_key"))
            }
            inserted.formUnion(rows.map(\.deliveryKey))
            let bodies = Dictionary(
                chunk.lazy.filter { $0.state != .processed }.map { ($0.deliveryKey, $0.body) },
                uniquingKeysWith: { first, _ in first })
            let kept = rows.compactMap { row in
                bodies[row.deliveryKey].map { [SQLValue.integer(row.id), .blob($0)] }
            }
            guard !kept.isEmpty else { continue }
            try await SQLBulkInsert(table: "webhook_inbox_bodies", columns: ["inbox_id", "body"], rows: kept).run(
                on: sql)
        }
        return inserted
    }

    /// Claims up to `limit` pending deliveries whose lease is free, oldest first, leasing them until
    /// `leaseUntil`. On PostgreSQL rows another process is claiming are skipped (`FOR UPDATE SKIP LOCKED`), so
    /// several servers never apply the same delivery at once.
    public func claimPending(
        limit: Int, leaseUntil: Date, now: Date, on sql: DatabaseSession
    ) async throws -> [Stored<InboxDelivery>] {
        let nowSeconds = now.unixSeconds
        var select = sql.select().column("id").from("webhook_inbox")
            .where("state", .equal, InboxDelivery.State.pending.rawValue)
            .where {
                $0.where("lease_until", .is, SQLLiteral.null).orWhere("lease_until", .lessThanOrEqual, nowSeconds)
            }
            .orderBy("id").limit(limit)
        if sql.dialect.name == "postgresql" { select = select.lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED")) }
        let ids = try await select.all(decodingColumn: "id", as: Int64.self)
        guard !ids.isEmpty else { return [] }
        try await sql.update("webhook_inbox")
            .set("lease_until", to: SQLBind(leaseUntil.unixSeconds))
            .set("attempts", to: SQLBinaryExpression(SQLColumn("attempts"), .add, SQLBind(1)))
            .where("id", .in, ids).run()
        return try await sql.select().columns(Row.columns).from("webhook_inbox")
            .join(
                SQLIdentifier("webhook_inbox_bodies"), method: SQLJoinMethod.inner,
                on: SQLColumn("inbox_id", table: "webhook_inbox_bodies"), .equal,
                SQLColumn("id", table: "webhook_inbox")
            )
            .where("id", .in, ids).orderBy("id")
            .all(decoding: Row.self).map { try $0.delivery() }
    }

    /// Marks a delivery applied (or deliberately left out).
    public func markProcessed(ids: [Int64], at date: Date, on sql: DatabaseSession) async throws {
        guard !ids.isEmpty else { return }
        try await sql.update("webhook_inbox")
            .set("state", to: SQLBind(InboxDelivery.State.processed.rawValue))
            .set("processed_at", to: SQLBind(date.unixSeconds))
            .set("lease_until", to: SQLBind(Int64?.none))
            .where("id", .in, ids).run()
    }

    /// Records a failed attempt: back to pending until `retryAt`, or `failed` for good when `retryAt` is nil.
    public func markFailed(id: Int64, error: String, retryAt: Date?, on sql: DatabaseSession) async throws {
        try await sql.update("webhook_inbox")
            .set("state", to: SQLBind((retryAt == nil ? InboxDelivery.State.failed : .pending).rawValue))
            .set("last_error", to: SQLBind(error))
            .set("lease_until", to: SQLBind(retryAt.map(\.unixSeconds)))
            .where("id", .equal, id).run()
    }

    /// How many deliveries are in each state (all integrations, or one).
    public func countByState(integrationID: Int64? = nil, on sql: DatabaseSession) async throws
        -> [InboxDelivery.State: Int]
    {
        struct Count: Decodable {
            var state: String
            var n: Int
        }
        var query = sql.select().column("state")
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).from("webhook_inbox")
        if let integrationID { query = query.where("integration_id", .equal, integrationID) }
        let rows = try await query.groupBy("state").all(decoding: Count.self)
        var counts: [InboxDelivery.State: Int] = [:]
        for row in rows { if let state = InboxDelivery.State(rawValue: row.state) { counts[state] = row.n } }
        return counts
    }

    private struct Row: Decodable {
        var id: Int64
        var integrationID: Int64
        var deliveryKey: String
        var deliveryID: String
        var topic: String
        var resourceID: Int64?
        var body: Data
        var state: String
        var receivedAt: Int64
        var attempts: Int
        var lastError: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id
            case integrationID = "integration_id"
            case deliveryKey = "delivery_key"
            case deliveryID = "delivery_id"
            case topic
            case resourceID = "resource_id"
            case body, state
            case receivedAt = "received_at"
            case attempts
            case lastError = "last_error"
        }

        static let columns = CodingKeys.allCases.map(\.rawValue)

        func delivery() throws -> Stored<InboxDelivery> {
            guard let state = InboxDelivery.State(rawValue: state) else {
                throw StorageError(.query, "inbox delivery \(id) has an unknown state \(state)")
            }
            return Stored(
                id: id,
                value: InboxDelivery(
                    integrationID: integrationID, deliveryKey: deliveryKey, deliveryID: deliveryID, topic: topic,
                    resourceID: resourceID, body: body, state: state,
                    receivedAt: Date(timeIntervalSince1970: TimeInterval(receivedAt)), attempts: attempts,
                    lastError: lastError))
        }
    }
}
