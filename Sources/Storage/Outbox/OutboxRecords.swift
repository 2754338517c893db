import Foundation
import SQLKit

/// The `outbox` table: store-bound work, queued in the caller's transaction and claimed by senders under a lease.
///
/// Three rules live here rather than in the sender, so that every process sending from one database obeys them:
/// - **Coalescing**: a pending item with a `dedupeKey` (a SKU's stock) is never doubled; a new change bumps its
///   `revision` and makes it due now.
/// - **Leases**: ``claimDue(now:limit:leaseSeconds:on:)`` takes items with `FOR UPDATE SKIP LOCKED` on PostgreSQL
///   (SQLite's `BEGIN IMMEDIATE` serialises claimers instead), so two senders never send the same item.
/// - **Order per order**: an order's item is not claimed while an earlier item of the same order is pending, so
///   a note never overtakes the status change enqueued before it.
public struct OutboxRecords: Sendable {
    public init() {}

    // MARK: - Enqueueing

    /// Adds `items` (inside the caller's transaction, so the work commits with the change that caused it).
    ///
    /// An item whose `dedupeKey` matches a pending item of the same integration is coalesced into it: that item
    /// becomes due now and its revision is bumped; no row is added.
    ///
    /// - Returns: the id of the row holding each item, in order (coalesced items share ids).
    @discardableResult
    public func enqueue(_ items: [NewOutboxItem], at date: Date, on sql: DatabaseSession) async throws -> [Int64] {
        guard !items.isEmpty else { return [] }
        // One statement may not upsert the same key twice (PostgreSQL refuses it): coalesce here first.
        var unique: [NewOutboxItem] = []
        var positionOfKey: [String: Int] = [:]
        var slot: [Int] = []
        for item in items {
            if let key = item.dedupeKey.map({ "\(item.integrationID)\u{1F}\($0)" }) {
                if let position = positionOfKey[key] {
                    unique[position] = item
                    slot.append(position)
                    continue
                }
                positionOfKey[key] = unique.count
            }
            slot.append(unique.count)
            unique.append(item)
        }
        let now = date.unixSeconds
        var ids: [Int64] = []
        ids.reserveCapacity(unique.count)
        for start in stride(from: 0, to: unique.count, by: 200) {
            let chunk = unique[start..<min(start + 200, unique.count)]
            let rows: [SQLQueryString] = chunk.map { item in
                """
                (\(bind: item.integrationID), \(bind: item.externalOrderID), \(bind: item.kind.rawValue), \
                \(bind: item.payload), \(bind: OutboxState.pending.rawValue), \(bind: now), 0, NULL, NULL, \
                \(bind: now), \(bind: item.dedupeKey), 0, \(bind: now))
                """
            }
            let statement: SQLQueryString =
                """
                INSERT INTO outbox (integration_id, order_id, kind, payload, state, not_before, attempts, \
                last_error, lease_until, created_at, dedupe_key, revision, updated_at) VALUES
                """ + " "
                + rows.joined(separator: ", ")
                    + """
                     ON CONFLICT (integration_id, dedupe_key) WHERE state = 'pending' AND dedupe_key IS NOT NULL \
                    DO UPDATE SET not_before = excluded.not_before, payload = excluded.payload, \
                    revision = outbox.revision + 1, updated_at = excluded.updated_at RETURNING id
                    """
            // Both engines return a VALUES list's rows in statement order (SQLite and PostgreSQL emit them as
            // each row is written).
            ids += try await sql.raw(statement).all(decodingColumn: "id", as: Int64.self)
        }
        return slot.map { ids[$0] }
    }

    // MARK: - Claiming and settling

    /// Claims up to `limit` due items, leasing them for `leaseSeconds`; run it in a transaction.
    ///
    /// Due: pending, `not_before` reached, lease free, and — for an order's item — no earlier pending item of the
    /// same order. Claiming does not count an attempt (``reschedule(id:attempts:notBefore:lastError:at:on:)``
    /// does), so a push-back by the circuit breaker costs nothing.
    public func claimDue(
        now: Date, limit: Int, leaseSeconds: Int, on sql: DatabaseSession
    ) async throws -> [OutboxItem] {
        let nowSeconds = now.unixSeconds
        let locking: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE OF o SKIP LOCKED" : ""
        let select: SQLQueryString =
            """
            SELECT o.id, o.lease_until FROM outbox o WHERE o.state = 'pending' AND o.not_before <= \(bind: nowSeconds) \
            AND (o.lease_until IS NULL OR o.lease_until <= \(bind: nowSeconds)) \
            AND (o.order_id IS NULL OR NOT EXISTS (SELECT 1 FROM outbox e WHERE e.integration_id = o.integration_id \
            AND e.order_id = o.order_id AND e.state = 'pending' AND e.id < o.id)) \
            ORDER BY o.not_before, o.id LIMIT \(bind: limit)
            """ + locking
        let rows = try await sql.raw(select).all(decoding: ClaimedRow.self)
        guard !rows.isEmpty else { return [] }
        let ids = rows.map(\.id)
        for start in stride(from: 0, to: ids.count, by: 1000) {
            try await sql.update("outbox")
                .set("lease_until", to: SQLBind(nowSeconds + Int64(max(1, leaseSeconds))))
                .where("id", .in, Array(ids[start..<min(start + 1000, ids.count)])).run()
        }
        // A lease that ran out unsettled: the process that held it died (or hung) while sending, so the store
        // may have the update already. Counted as an attempt, so the sender treats it as one that may have
        // arrived (a note is looked for before it is sent again: ARCHITECTURE.md, "Queued outbound").
        let abandoned = rows.filter { $0.leaseUntil != nil }.map(\.id)
        for start in stride(from: 0, to: abandoned.count, by: 1000) {
            try await sql.update("outbox")
                .set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1"))
                .where("id", .in, Array(abandoned[start..<min(start + 1000, abandoned.count)])).run()
        }
        return try await fetch(ids: ids, on: sql)
    }

    private struct ClaimedRow: Decodable {
        var id: Int64
        var leaseUntil: Int64?
        enum CodingKeys: String, CodingKey {
            case id
            case leaseUntil = "lease_until"
        }
    }

    /// Extends the lease of claimed items not settled yet (a large claim sent for longer than its lease);
    /// settled items, whose lease was released, are left alone.
    public func renewLease(ids: [Int64], leaseUntil: Date, on sql: DatabaseSession) async throws {
        for start in stride(from: 0, to: ids.count, by: 1000) {
            try await sql.update("outbox")
                .set("lease_until", to: SQLBind(leaseUntil.unixSeconds))
                .where("id", .in, Array(ids[start..<min(start + 1000, ids.count)]))
                .where("state", .equal, OutboxState.pending.rawValue)
                .where("lease_until", .isNot, SQLLiteral.null).run()
        }
    }

    /// Marks items done — each only if its revision is still the one sent. An item coalesced into meanwhile
    /// stays pending with its lease released, so the newer value goes out too.
    ///
    /// - Returns: the ids marked done.
    @discardableResult
    public func markDone(
        _ items: [(id: Int64, revision: Int)], at date: Date, on sql: DatabaseSession
    ) async throws -> Set<Int64> {
        guard !items.isEmpty else { return [] }
        let now = date.unixSeconds
        var done: Set<Int64> = []
        for (revision, group) in Dictionary(grouping: items, by: { $0.revision }) {
            let ids = group.map(\.id)
            for start in stride(from: 0, to: ids.count, by: 1000) {
                let chunk = Array(ids[start..<min(start + 1000, ids.count)])
                let updated = try await sql.update("outbox")
                    .set("state", to: SQLBind(OutboxState.done.rawValue))
                    .set("done_at", to: SQLBind(now)).set("updated_at", to: SQLBind(now))
                    .set("lease_until", to: SQLBind(Int64?.none))
                    .where("id", .in, chunk).where("revision", .equal, revision)
                    .where("state", .equal, OutboxState.pending.rawValue)
                    .returning("id").all(decodingColumn: "id", as: Int64.self)
                done.formUnion(updated)
            }
        }
        let stale = items.map(\.id).filter { !done.contains($0) }
        try await release(ids: stale, on: sql)
        return done
    }

    /// Settles items that need no request — done, each with the reason nothing was sent in `detail` — each only if
    /// its revision is still the one planned (as ``markDone(_:at:on:)``: a newer change keeps it pending).
    ///
    /// - Returns: the ids marked done.
    @discardableResult
    public func markNotSent(
        _ items: [(id: Int64, revision: Int, reason: String)], at date: Date, on sql: DatabaseSession
    ) async throws -> Set<Int64> {
        guard !items.isEmpty else { return [] }
        let now = date.unixSeconds
        var done: Set<Int64> = []
        struct Group: Hashable {
            var revision: Int
            var reason: String
        }
        for (group, members) in Dictionary(grouping: items, by: { Group(revision: $0.revision, reason: $0.reason) }) {
            let ids = members.map(\.id)
            for start in stride(from: 0, to: ids.count, by: 1000) {
                let chunk = Array(ids[start..<min(start + 1000, ids.count)])
                let updated = try await sql.update("outbox")
                    .set("state", to: SQLBind(OutboxState.done.rawValue))
                    .set("done_at", to: SQLBind(now)).set("updated_at", to: SQLBind(now))
                    .set("lease_until", to: SQLBind(Int64?.none)).set("detail", to: SQLBind(group.reason))
                    .where("id", .in, chunk).where("revision", .equal, group.revision)
                    .where("state", .equal, OutboxState.pending.rawValue)
                    .returning("id").all(decodingColumn: "id", as: Int64.self)
                done.formUnion(updated)
            }
        }
        try await release(ids: items.map(\.id).filter { !done.contains($0) }, on: sql)
        return done
    }

    /// Marks one item done if its revision is still `revision` (see ``markDone(_:at:on:)``).
    @discardableResult
    public func markDone(id: Int64, revision: Int, at date: Date, on sql: DatabaseSession) async throws -> Bool {
        try await markDone([(id, revision)], at: date, on: sql).contains(id)
    }

    /// Records a failed attempt: pending again from `notBefore`, with `attempts` and the error.
    public func reschedule(
        id: Int64, attempts: Int, notBefore: Date, lastError: String?, at date: Date, on sql: DatabaseSession
    ) async throws {
        try await sql.update("outbox")
            .set("attempts", to: SQLBind(attempts)).set("not_before", to: SQLBind(notBefore.unixSeconds))
            .set("last_error", to: SQLBind(lastError)).set("lease_until", to: SQLBind(Int64?.none))
            .set("updated_at", to: SQLBind(date.unixSeconds))
            .where("id", .equal, id).where("state", .equal, OutboxState.pending.rawValue).run()
    }

    /// Pushes items back to `until` without counting an attempt (the store's circuit is open).
    public func postpone(ids: [Int64], until: Date, on sql: DatabaseSession) async throws {
        for start in stride(from: 0, to: ids.count, by: 1000) {
            try await sql.update("outbox")
                .set("not_before", to: SQLBind(until.unixSeconds)).set("lease_until", to: SQLBind(Int64?.none))
                .where("id", .in, Array(ids[start..<min(start + 1000, ids.count)]))
                .where("state", .equal, OutboxState.pending.rawValue).run()
        }
    }

    /// Gives an item up: `dead`, with the error that decided it.
    public func markDead(
        id: Int64, lastError: String, attempts: Int? = nil, at date: Date, on sql: DatabaseSession
    ) async throws {
        var update = sql.update("outbox")
            .set("state", to: SQLBind(OutboxState.dead.rawValue)).set("last_error", to: SQLBind(lastError))
            .set("lease_until", to: SQLBind(Int64?.none)).set("updated_at", to: SQLBind(date.unixSeconds))
        if let attempts { update = update.set("attempts", to: SQLBind(attempts)) }
        try await update.where("id", .equal, id).where("state", .equal, OutboxState.pending.rawValue).run()
    }

    /// Brings a dead item back: pending, due now, attempts 0. When a pending item with the same dedupe key
    /// exists (a newer stock change), that one is made due instead and the dead one is closed as superseded.
    ///
    /// - Returns: the item that will be sent, or `nil` when `id` is not a dead item.
    public func retry(id: Int64, at date: Date, on sql: DatabaseSession) async throws -> OutboxItem? {
        guard let item = try await fetch(ids: [id], on: sql).first, item.state == .dead else { return nil }
        let now = date.unixSeconds
        if let key = item.dedupeKey,
            let pending = try await sql.select().column("id").from("outbox")
                .where("integration_id", .equal, item.integrationID).where("dedupe_key", .equal, key)
                .where("state", .equal, OutboxState.pending.rawValue)
                .first(decodingColumn: "id", as: Int64.self)
        {
            try await sql.update("outbox")
                .set("state", to: SQLBind(OutboxState.done.rawValue)).set("done_at", to: SQLBind(now))
                .set("updated_at", to: SQLBind(now))
                .set("last_error", to: SQLBind("superseded by pending item \(pending)"))
                .where("id", .equal, id).run()
            try await sql.update("outbox").set("not_before", to: SQLBind(now)).set("updated_at", to: SQLBind(now))
                .where("id", .equal, pending).run()
            return try await fetch(ids: [pending], on: sql).first
        }
        try await sql.update("outbox")
            .set("state", to: SQLBind(OutboxState.pending.rawValue)).set("attempts", to: SQLBind(0))
            .set("not_before", to: SQLBind(now)).set("lease_until", to: SQLBind(Int64?.none))
            .set("updated_at", to: SQLBind(now))
            .where("id", .equal, id).run()
        return try await fetch(ids: [id], on: sql).first
    }

    // MARK: - Reading

    /// The items with these ids, by id.
    public func fetch(ids: [Int64], on sql: DatabaseSession) async throws -> [OutboxItem] {
        var items: [OutboxItem] = []
        for start in stride(from: 0, to: ids.count, by: 1000) {
            items += try await sql.select().columns(Row.columns).from("outbox")
                .where("id", .in, Array(ids[start..<min(start + 1000, ids.count)]))
                .all(decoding: Row.self).map { try $0.item() }
        }
        return items.sorted { $0.id < $1.id }
    }

    /// One page of the integrations' items, newest first, optionally in one state and for one store order (its
    /// store id), and how many there are.
    public func list(
        integrationIDs: [Int64], state: OutboxState? = nil, externalOrderID: Int64? = nil, page: Int, perPage: Int,
        on sql: DatabaseSession
    ) async throws -> (items: [OutboxItem], total: Int) {
        guard !integrationIDs.isEmpty else { return ([], 0) }
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query.from("outbox").where("integration_id", .in, integrationIDs)
            if let state { query = query.where("state", .equal, state.rawValue) }
            if let externalOrderID { query = query.where("order_id", .equal, externalOrderID) }
            return query
        }
        let total =
            try await filtered(sql.select().column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")))
            .first(decodingColumn: "n", as: Int.self) ?? 0
        let items = try await filtered(sql.select().columns(Row.columns))
            .orderBy("id", .descending).limit(max(1, perPage)).offset(max(0, page - 1) * max(1, perPage))
            .all(decoding: Row.self).map { try $0.item() }
        return (items, total)
    }

    /// Every item queued for one store order (`externalOrderID` in `integrationID`), in every state, newest first.
    public func items(
        integrationID: Int64, externalOrderID: Int64, on sql: DatabaseSession
    ) async throws -> [OutboxItem] {
        try await sql.select().columns(Row.columns).from("outbox")
            .where("integration_id", .equal, integrationID).where("order_id", .equal, externalOrderID)
            .orderBy("id", .descending)
            .all(decoding: Row.self).map { try $0.item() }
    }

    /// The integration's pending backlog and dead count.
    public func counts(integrationID: Int64, on sql: DatabaseSession) async throws -> OutboxCounts {
        struct Count: Decodable {
            var state: String
            var n: Int
        }
        let rows = try await sql.select().column("state")
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).from("outbox")
            .where("integration_id", .equal, integrationID)
            .where("state", .in, [OutboxState.pending.rawValue, OutboxState.dead.rawValue])
            .groupBy("state").all(decoding: Count.self)
        var counts = OutboxCounts()
        for row in rows {
            if row.state == OutboxState.pending.rawValue { counts.pending = row.n }
            if row.state == OutboxState.dead.rawValue { counts.dead = row.n }
        }
        return counts
    }

    /// The pending backlog and dead count of each of these integrations (every id is in the answer).
    public func counts(integrationIDs: [Int64], on sql: DatabaseSession) async throws -> [Int64: OutboxCounts] {
        struct Count: Decodable {
            var integrationID: Int64
            var state: String
            var n: Int

            enum CodingKeys: String, CodingKey {
                case integrationID = "integration_id"
                case state, n
            }
        }
        var counts = Dictionary(uniqueKeysWithValues: integrationIDs.map { ($0, OutboxCounts()) })
        guard !integrationIDs.isEmpty else { return counts }
        let rows = try await sql.select().column("integration_id").column("state")
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).from("outbox")
            .where("integration_id", .in, integrationIDs)
            .where("state", .in, [OutboxState.pending.rawValue, OutboxState.dead.rawValue])
            .groupBy("integration_id").groupBy("state").all(decoding: Count.self)
        for row in rows {
            if row.state == OutboxState.pending.rawValue { counts[row.integrationID]?.pending = row.n }
            if row.state == OutboxState.dead.rawValue { counts[row.integrationID]?.dead = row.n }
        }
        return counts
    }

    /// The ids of the integration's dead items, oldest first.
    public func deadIDs(integrationID: Int64, on sql: DatabaseSession) async throws -> [Int64] {
        try await sql.select().column("id").from("outbox").where("integration_id", .equal, integrationID)
            .where("state", .equal, OutboxState.dead.rawValue).orderBy("id")
            .all(decodingColumn: "id", as: Int64.self)
    }

    /// When the next pending item becomes claimable (its back-off or lease ends), if any is pending.
    public func nextDueDate(on sql: DatabaseSession) async throws -> Date? {
        let seconds = try await sql.raw(
            """
            SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > not_before THEN lease_until \
            ELSE not_before END) AS due FROM outbox WHERE state = 'pending'
            """
        ).first(decodingColumn: "due", as: Int64?.self)
        return seconds.flatMap { $0 }.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    private func release(ids: [Int64], on sql: DatabaseSession) async throws {
        for start in stride(from: 0, to: ids.count, by: 1000) {
            try await sql.update("outbox").set("lease_until", to: SQLBind(Int64?.none))
                .where("id", .in, Array(ids[start..<min(start + 1000, ids.count)]))
                .where("state", .equal, OutboxState.pending.rawValue).run()
        }
    }

    private struct Row: Decodable {
        var id: Int64
        var integrationID: Int64
        var orderID: Int64?
        var kind: String
        var payload: String
        var state: String
        var notBefore: Int64
        var attempts: Int
        var lastError: String?
        var dedupeKey: String?
        var revision: Int
        var createdAt: Int64
        var updatedAt: Int64
        var doneAt: Int64?
        var detail: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id
            case integrationID = "integration_id"
            case orderID = "order_id"
            case kind, payload, state
            case notBefore = "not_before"
            case attempts
            case lastError = "last_error"
            case dedupeKey = "dedupe_key"
            case revision
            case createdAt = "created_at"
            case updatedAt = "updated_at"
            case doneAt = "done_at"
            case detail
        }

        static let columns = CodingKeys.allCases.map(\.rawValue)

        func item() throws -> OutboxItem {
            guard let kind = OutboxKind(rawValue: kind), let state = OutboxState(rawValue: state) else {
                throw StorageError(.query, "outbox item \(id) has an unknown kind \(kind) or state \(state)")
            }
            func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
            return OutboxItem(
                id: id, integrationID: integrationID, kind: kind, payload: payload, externalOrderID: orderID,
                dedupeKey: dedupeKey, state: state, notBefore: date(notBefore), attempts: attempts,
                lastError: lastError, revision: revision, createdAt: date(createdAt), updatedAt: date(updatedAt),
                doneAt: doneAt.map(date), detail: detail)
        }
    }
}
