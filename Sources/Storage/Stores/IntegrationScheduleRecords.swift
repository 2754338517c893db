import Foundation
import SQLKit

/// Reads and claims integrations' schedules (`integration_schedules`).
///
/// Any number of scheduler processes share one database: a scheduler claims one due integration at a time
/// under a lease — `FOR UPDATE SKIP LOCKED` on PostgreSQL, the write lock of an `IMMEDIATE` transaction on
/// SQLite — and releases it with the next due times in one statement, so no job runs twice at once and a
/// finished job is never picked up again before it is due.
public struct IntegrationScheduleRecords: Sendable {
    public init() {}

    /// An integration that takes part in scheduling but has no schedule row yet.
    public struct Unscheduled: Sendable, Hashable {
        public var integrationID: Int64
        public var syncIntervalMinutes: Int
    }

    /// Auto-sync integrations without a schedule (or with one that has no due times yet).
    public func unscheduled(on sql: DatabaseSession) async throws -> [Unscheduled] {
        struct Row: Decodable {
            var id: Int64
            var minutes: Int
        }
        let rows = try await sql.raw(
            """
            SELECT i.id, i.sync_interval_minutes AS minutes FROM integrations i
            LEFT JOIN integration_schedules s ON s.integration_id = i.id
            WHERE i.auto_sync = \(bind: true) AND i.status <> \(bind: "inactive") AND s.next_sync_at IS NULL
            ORDER BY i.id
            """
        ).all(decoding: Row.self)
        return rows.map { Unscheduled(integrationID: $0.id, syncIntervalMinutes: $0.minutes) }
    }

    /// Sets the first due times of an integration that has none (a row made by a health write keeps its
    /// health); does nothing if another scheduler did it first.
    public func initialize(_ schedule: IntegrationSchedule, on sql: DatabaseSession) async throws {
        let values: [(String, SQLBind)] = [
            ("next_sync_at", SQLBind(schedule.nextSyncAt?.unixSeconds)),
            ("next_reconcile_at", SQLBind(schedule.nextReconcileAt?.unixSeconds)),
            ("next_webhook_check_at", SQLBind(schedule.nextWebhookCheckAt?.unixSeconds)),
        ]
        try await sql.insert(into: "integration_schedules")
            .columns(["integration_id"] + values.map(\.0))
            .values([SQLBind(schedule.integrationID) as any SQLExpression] + values.map { $0.1 as any SQLExpression })
            .onConflict(with: ["integration_id"]) { update in
                var update = update
                for (column, _) in values { update = update.set(excludedValueOf: column) }
                return update.where(SQLColumn("next_sync_at", table: "integration_schedules"), .is, SQLLiteral.null)
            }
            .run()
    }

    /// The columns of the jobs' due times, each with its index.
    static let dueColumns = ["next_sync_at", "next_reconcile_at", "next_webhook_check_at"]

    /// Claims the auto-sync integration that has been due longest and is not held by another scheduler:
    /// leases it to `owner` until `leaseUntil`. Call it in a transaction of its own.
    ///
    /// The most overdue claimable row is looked for per job, each through its due time's index (stopping at
    /// the first row not leased to another scheduler), and the earliest of the three is taken: one scan of
    /// every schedule per claim made the scheduler's cost grow with the square of the integrations.
    public func claimNextDue(
        now: Date, leaseUntil: Date, owner: String, on sql: DatabaseSession
    ) async throws -> IntegrationSchedule? {
        let nowSeconds = now.unixSeconds
        var best: Candidate?
        for column in Self.dueColumns {
            guard let candidate = try await earliest(column, dueBy: nowSeconds, now: nowSeconds, locking: true, on: sql)
            else { continue }
            if best.map({ (candidate.due, candidate.integrationID) < ($0.due, $0.integrationID) }) ?? true {
                best = candidate
            }
        }
        guard let id = best?.integrationID else { return nil }
        // The lease condition again: on PostgreSQL another scheduler may have committed a claim after this
        // transaction's snapshot; only the row the update still matches is ours.
        let claimed = try await sql.update("integration_schedules")
            .set("lease_owner", to: SQLBind(owner))
            .set("lease_until", to: SQLBind(leaseUntil.unixSeconds))
            .where("integration_id", .equal, id)
            .where { group in
                group.where("lease_until", .is, SQLLiteral.null).orWhere("lease_until", .lessThanOrEqual, nowSeconds)
            }
            .returning("integration_id").all()
        guard !claimed.isEmpty else { return nil }
        return try await schedule(integrationID: id, on: sql)
    }

    /// The earliest due time of a job that a scheduler could claim (an auto-sync, active integration whose
    /// schedule is not leased past `now`); nil when none is scheduled. Schedulers sleep until then.
    public func nextDue(now: Date, on sql: DatabaseSession) async throws -> Date? {
        var earliest: Int64?
        for column in Self.dueColumns {
            guard
                let candidate = try await self.earliest(
                    column, dueBy: nil, now: now.unixSeconds, locking: false, on: sql)
            else { continue }
            earliest = min(earliest ?? candidate.due, candidate.due)
        }
        return earliest.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    private struct Candidate: Decodable {
        var integrationID: Int64
        var due: Int64

        enum CodingKeys: String, CodingKey {
            case integrationID = "integration_id"
            case due
        }
    }

    /// The claimable schedule whose `column` is earliest (and not after `dueBy`), read in that column's index
    /// order; on PostgreSQL with `locking`, locked and skipping rows another claim has locked.
    private func earliest(
        _ column: String, dueBy: Int64?, now: Int64, locking: Bool, on sql: DatabaseSession
    ) async throws -> Candidate? {
        var query = SQLQueryString(
            """
            SELECT s.integration_id, s.\(unsafeRaw: column) AS due FROM integration_schedules s
            WHERE s.\(unsafeRaw: column) IS NOT NULL
            AND (s.lease_until IS NULL OR s.lease_until <= \(bind: now))
            AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = s.integration_id
                AND i.auto_sync = \(bind: true) AND i.status <> \(bind: "inactive"))
            """)
        if let dueBy { query.appendInterpolation(unsafeRaw: " AND s.\(column) <= \(dueBy)") }
        query.appendInterpolation(unsafeRaw: " ORDER BY s.\(column), s.integration_id LIMIT 1")
        if locking, sql.dialect.name == "postgresql" {
            query.appendInterpolation(unsafeRaw: " FOR UPDATE OF s SKIP LOCKED")
        }
        return try await sql.raw(query).first(decoding: Candidate.self)
    }

    /// Every scheduled integration's next sync due time (benchmarks look for syncs left overdue).
    public func nextSyncTimes(on sql: DatabaseSession) async throws -> [Int64: Date] {
        struct Row: Decodable {
            var integrationID: Int64
            var nextSyncAt: Int64?

            enum CodingKeys: String, CodingKey {
                case integrationID = "integration_id"
                case nextSyncAt = "next_sync_at"
            }
        }
        let rows = try await sql.select().column("integration_id").column("next_sync_at")
            .from("integration_schedules").all(decoding: Row.self)
        var times: [Int64: Date] = [:]
        for row in rows {
            if let due = row.nextSyncAt { times[row.integrationID] = Date(timeIntervalSince1970: TimeInterval(due)) }
        }
        return times
    }

    /// Extends a held lease (between the jobs of a long pass). False when `owner` no longer holds it.
    @discardableResult
    public func renew(
        integrationID: Int64, owner: String, leaseUntil: Date, on sql: DatabaseSession
    ) async throws -> Bool {
        let renewed = try await sql.update("integration_schedules")
            .set("lease_until", to: SQLBind(leaseUntil.unixSeconds))
            .where("integration_id", .equal, integrationID).where("lease_owner", .equal, owner)
            .returning("integration_id").all()
        return !renewed.isEmpty
    }

    /// Stores the next due times and releases the lease, in one statement: the integration is free again
    /// only once it is no longer due.
    public func release(_ schedule: IntegrationSchedule, owner: String, on sql: DatabaseSession) async throws {
        try await sql.update("integration_schedules")
            .set("next_sync_at", to: SQLBind(schedule.nextSyncAt?.unixSeconds))
            .set("next_reconcile_at", to: SQLBind(schedule.nextReconcileAt?.unixSeconds))
            .set("next_webhook_check_at", to: SQLBind(schedule.nextWebhookCheckAt?.unixSeconds))
            .set("lease_owner", to: SQLBind(String?.none))
            .set("lease_until", to: SQLBind(Int64?.none))
            .where("integration_id", .equal, schedule.integrationID).where("lease_owner", .equal, owner)
            .run()
    }

    /// One integration's schedule.
    public func schedule(integrationID: Int64, on sql: DatabaseSession) async throws -> IntegrationSchedule? {
        try await sql.select().columns(ScheduleRow.columns).from("integration_schedules")
            .where("integration_id", .equal, integrationID)
            .first(decoding: ScheduleRow.self)?.schedule
    }
}

private struct ScheduleRow: Decodable {
    var integrationID: Int64
    var nextSyncAt: Int64?
    var nextReconcileAt: Int64?
    var nextWebhookCheckAt: Int64?
    var leaseOwner: String?
    var leaseUntil: Int64?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case integrationID = "integration_id"
        case nextSyncAt = "next_sync_at"
        case nextReconcileAt = "next_reconcile_at"
        case nextWebhookCheckAt = "next_webhook_check_at"
        case leaseOwner = "lease_owner"
        case leaseUntil = "lease_until"
    }

    static let columns = CodingKeys.allCases.map(\.rawValue)

    var schedule: IntegrationSchedule {
        func date(_ seconds: Int64?) -> Date? { seconds.map { Date(timeIntervalSince1970: TimeInterval($0)) } }
        return IntegrationSchedule(
            integrationID: integrationID, nextSyncAt: date(nextSyncAt), nextReconcileAt: date(nextReconcileAt),
            nextWebhookCheckAt: date(nextWebhookCheckAt), leaseOwner: leaseOwner, leaseUntil: date(leaseUntil))
    }
}
