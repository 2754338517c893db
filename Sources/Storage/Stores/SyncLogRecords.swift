import Foundation
import SQLKit

/// Reads and writes sync runs (`sync_logs`) and their per-record entries (`sync_log_entries`).
///
/// A run's progress is written in the same transaction as the page of data it describes, so the log never
/// claims more than the database holds and a resumed run continues from exactly what committed.
public struct SyncLogRecords: Sendable {
    public init() {}

    /// Inserts a new run and returns it with its id.
    public func start(_ run: SyncRun.New, on sql: DatabaseSession) async throws -> SyncRun {
        struct Inserted: Decodable { var id: Int64 }
        let inserted = try await sql.insert(into: "sync_logs")
            .columns(
                "integration_id", "kind", "mode", "state", "parameters", "checkpoint", "started_at", "finished_at",
                "pages_done", "total_pages", "total", "synced", "created", "updated", "unchanged", "flagged",
                "skipped", "failed", "errors", "lease_until"
            )
            .values([
                SQLBind(run.integrationID), SQLBind(run.kind.rawValue), SQLBind(run.mode), SQLBind(run.state.rawValue),
                SQLBind(run.parametersJSON), SQLBind(run.checkpointJSON), SQLBind(run.startedAt.unixSeconds),
                SQLBind(run.finishedAt.map(\.unixSeconds)), SQLBind(0), SQLBind(Int?.none),
                SQLBind(run.counts.total), SQLBind(run.counts.synced), SQLBind(run.counts.created),
                SQLBind(run.counts.updated), SQLBind(run.counts.unchanged), SQLBind(run.counts.flagged),
                SQLBind(run.counts.skipped), SQLBind(run.counts.failed), SQLBind(try Self.json([String]())),
                SQLBind(run.leaseUntil.map(\.unixSeconds)),
            ])
            .returning("id")
            .first(decoding: Inserted.self)
        guard let inserted else { throw StorageError(.query, "inserted sync run came back without an id") }
        return SyncRun(
            id: inserted.id, integrationID: run.integrationID, kind: run.kind, mode: run.mode, state: run.state,
            parametersJSON: run.parametersJSON, checkpointJSON: run.checkpointJSON, startedAt: run.startedAt,
            finishedAt: run.finishedAt, counts: run.counts, errors: [], leaseUntil: run.leaseUntil)
    }

    /// The newest run of `kind` for the integration that can still be resumed, if any.
    public func latestResumable(integrationID: Int64, kind: SyncRun.Kind, on sql: DatabaseSession) async throws
        -> SyncRun?
    {
        try await sql.select().columns(SyncRunRow.columns).from("sync_logs")
            .where("integration_id", .equal, integrationID)
            .where("kind", .equal, kind.rawValue)
            .where("state", .in, SyncRun.State.allCases.filter(\.isResumable).map(\.rawValue))
            .orderBy("id", .descending).limit(1)
            .first(decoding: SyncRunRow.self)?.run()
    }

    /// Records one committed page: adds `counts`, stores the checkpoint and progress, renews the lease and
    /// inserts `entries`. Call it inside the transaction that wrote the page.
    public func recordPage(
        runID: Int64, counts: SyncCounts, pagesDone: Int, totalPages: Int?, checkpointJSON: String?,
        leaseUntil: Date?, entries: [SyncLogEntry], on sql: DatabaseSession
    ) async throws {
        func plus(_ column: String, _ value: Int) -> any SQLExpression {
            SQLBinaryExpression(SQLColumn(column), .add, SQLBind(value))
        }
        try await sql.update("sync_logs")
            .set("total", to: plus("total", counts.total))
            .set("synced", to: plus("synced", counts.synced))
            .set("created", to: plus("created", counts.created))
            .set("updated", to: plus("updated", counts.updated))
            .set("unchanged", to: plus("unchanged", counts.unchanged))
            .set("flagged", to: plus("flagged", counts.flagged))
            .set("skipped", to: plus("skipped", counts.skipped))
            .set("failed", to: plus("failed", counts.failed))
            .set("pages_done", to: SQLBind(pagesDone))
            .set("total_pages", to: SQLBind(totalPages))
            .set("checkpoint", to: SQLBind(checkpointJSON))
            .set("lease_until", to: SQLBind(leaseUntil.map(\.unixSeconds)))
            .where("id", .equal, runID)
            .run()
        try await insert(entries, runID: runID, on: sql)
    }

    /// Extends the lease of a run still running (while a long page is read). False when the run is no longer
    /// running: it was finished, or taken over after its lease ran out.
    @discardableResult
    public func renewLease(runID: Int64, leaseUntil: Date, on sql: DatabaseSession) async throws -> Bool {
        let renewed = try await sql.update("sync_logs")
            .set("lease_until", to: SQLBind(leaseUntil.unixSeconds))
            .where("id", .equal, runID).where("state", .equal, SyncRun.State.running.rawValue)
            .where("lease_until", .isNot, SQLLiteral.null)
            .returning("id").all()
        return !renewed.isEmpty
    }

    /// Takes over a resumable run: marks it running under a new lease. Returns `false` when another process
    /// holds it (its lease has not run out at `now`).
    public func claim(runID: Int64, leaseUntil: Date, now: Date, on sql: DatabaseSession) async throws -> Bool {
        let nowSeconds = now.unixSeconds
        let claimed = try await sql.update("sync_logs")
            .set("state", to: SQLBind(SyncRun.State.running.rawValue))
            .set("lease_until", to: SQLBind(leaseUntil.unixSeconds))
            .where("id", .equal, runID)
            .where { group in
                group.where("state", .equal, SyncRun.State.interrupted.rawValue)
                    .orWhere("lease_until", .is, SQLLiteral.null)
                    .orWhere("lease_until", .lessThanOrEqual, nowSeconds)
            }
            .returning("id")
            .all()
        return !claimed.isEmpty
    }

    /// Ends a run in `state`, releasing its lease.
    public func finish(
        runID: Int64, state: SyncRun.State, at date: Date?, errors: [String], on sql: DatabaseSession
    ) async throws {
        try await sql.update("sync_logs")
            .set("state", to: SQLBind(state.rawValue))
            .set("finished_at", to: SQLBind(date.map(\.unixSeconds)))
            .set("errors", to: SQLBind(try Self.json(errors)))
            .set("lease_until", to: SQLBind(Int64?.none))
            .where("id", .equal, runID)
            .run()
    }

    /// Adds entries to a run.
    public func insert(_ entries: [SyncLogEntry], runID: Int64, on sql: DatabaseSession) async throws {
        for start in stride(from: 0, to: entries.count, by: 1000) {
            var insert = sql.insert(into: "sync_log_entries")
                .columns("sync_log_id", "external_id", "disposition", "code", "message")
            for entry in entries[start..<min(start + 1000, entries.count)] {
                insert = insert.values([
                    SQLBind(runID), SQLBind(entry.externalID), SQLBind(entry.disposition.rawValue),
                    SQLBind(entry.code), SQLBind(entry.message),
                ])
            }
            try await insert.run()
        }
    }

    // MARK: - Reading

    /// One run by id, only if it belongs to `integrationID`.
    public func fetch(id: Int64, integrationID: Int64, on sql: DatabaseSession) async throws -> SyncRun? {
        try await sql.select().columns(SyncRunRow.columns).from("sync_logs")
            .where("id", .equal, id).where("integration_id", .equal, integrationID)
            .first(decoding: SyncRunRow.self)?.run()
    }

    /// The integration's runs, newest first, with the total count.
    public func list(
        integrationID: Int64, page: Int, perPage: Int, on sql: DatabaseSession
    ) async throws -> (runs: [SyncRun], total: Int) {
        let total =
            try await sql.select().column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"))
            .from("sync_logs").where("integration_id", .equal, integrationID)
            .first(decodingColumn: "n", as: Int.self) ?? 0
        let runs = try await sql.select().columns(SyncRunRow.columns).from("sync_logs")
            .where("integration_id", .equal, integrationID)
            .orderBy("id", .descending).limit(perPage).offset(max(0, page - 1) * perPage)
            .all(decoding: SyncRunRow.self).map { try $0.run() }
        return (runs, total)
    }

    /// A run's entries in the order they were recorded.
    public func entries(runID: Int64, limit: Int = 1000, offset: Int = 0, on sql: DatabaseSession) async throws
        -> [SyncLogEntry]
    {
        try await sql.select().columns("external_id", "disposition", "code", "message").from("sync_log_entries")
            .where("sync_log_id", .equal, runID).orderBy("id").limit(limit).offset(offset)
            .all(decoding: EntryRow.self).map { try $0.entry() }
    }

    static func json(_ errors: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(errors), as: UTF8.self)
    }
}

private struct EntryRow: Decodable {
    var externalID: Int64
    var disposition: String
    var code: String
    var message: String

    enum CodingKeys: String, CodingKey {
        case externalID = "external_id"
        case disposition, code, message
    }

    func entry() throws -> SyncLogEntry {
        guard let disposition = SyncLogEntry.Disposition(rawValue: disposition) else {
            throw StorageError(.query, "sync log entry has an unknown disposition \(disposition)")
        }
        return SyncLogEntry(externalID: externalID, disposition: disposition, code: code, message: message)
    }
}

private struct SyncRunRow: Decodable {
    var id: Int64
    var integrationID: Int64
    var kind: String
    var mode: String
    var state: String
    var parameters: String
    var checkpoint: String?
    var startedAt: Int64
    var finishedAt: Int64?
    var pagesDone: Int
    var totalPages: Int?
    var total: Int
    var created: Int
    var updated: Int
    var unchanged: Int
    var flagged: Int
    var skipped: Int
    var failed: Int
    var errors: String
    var leaseUntil: Int64?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case integrationID = "integration_id"
        case kind, mode, state, parameters, checkpoint
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case pagesDone = "pages_done"
        case totalPages = "total_pages"
        case total, created, updated, unchanged, flagged, skipped, failed, errors
        case leaseUntil = "lease_until"
    }

    static let columns = CodingKeys.allCases.map(\.rawValue)

    func run() throws -> SyncRun {
        guard let kind = SyncRun.Kind(rawValue: kind), let state = SyncRun.State(rawValue: state) else {
            throw StorageError(.query, "sync run \(id) has an unknown kind \(kind) or state \(state)")
        }
        func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
        return SyncRun(
            id: id, integrationID: integrationID, kind: kind, mode: mode, state: state, parametersJSON: parameters,
            checkpointJSON: checkpoint, startedAt: date(startedAt), finishedAt: finishedAt.map(date),
            pagesDone: pagesDone, totalPages: totalPages,
            counts: SyncCounts(
                total: total, created: created, updated: updated, unchanged: unchanged, flagged: flagged,
                skipped: skipped, failed: failed),
            errors: (try? JSONDecoder().decode([String].self, from: Data(errors.utf8))) ?? [errors],
            leaseUntil: leaseUntil.map(date))
    }
}
