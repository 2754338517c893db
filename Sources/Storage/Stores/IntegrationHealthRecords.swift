import Foundation
import SQLKit

/// Reads and writes integrations' health (in `integration_schedules`, beside their schedule). Each write
/// creates the row if the scheduler has not yet, so an API-started job can record health too.
public struct IntegrationHealthRecords: Sendable {
    public init() {}

    /// The integration's health; an empty one when nothing was recorded yet.
    public func health(integrationID: Int64, on sql: DatabaseSession) async throws -> IntegrationHealth {
        try await health(integrationIDs: [integrationID], on: sql)[integrationID]
            ?? IntegrationHealth(integrationID: integrationID)
    }

    /// The health of several integrations (for a listing); those without a record are left out.
    public func health(integrationIDs: [Int64], on sql: DatabaseSession) async throws -> [Int64: IntegrationHealth] {
        guard !integrationIDs.isEmpty else { return [:] }
        let rows = try await sql.select().columns(HealthRow.columns).from("integration_schedules")
            .where("integration_id", .in, integrationIDs)
            .all(decoding: HealthRow.self)
        return Dictionary(rows.map { ($0.integrationID, $0.health) }, uniquingKeysWith: { first, _ in first })
    }

    /// Records a job that succeeded at `date`.
    public func recordSuccess(integrationID: Int64, at date: Date, on sql: DatabaseSession) async throws {
        try await upsert(integrationID: integrationID, [("last_success_at", SQLBind(date.unixSeconds))], on: sql)
    }

    /// Records a job that failed at `date` with `code` (the store's own code when it answered).
    public func recordFailure(
        integrationID: Int64, code: String, message: String, at date: Date, on sql: DatabaseSession
    ) async throws {
        try await upsert(
            integrationID: integrationID,
            [
                ("last_error_code", SQLBind(code)), ("last_error", SQLBind(message)),
                ("last_error_at", SQLBind(date.unixSeconds)),
            ], on: sql)
    }

    /// Records that the store refused a write for want of permission (`code` is the store's own).
    public func recordWritesRefused(
        integrationID: Int64, code: String, message: String, at date: Date, on sql: DatabaseSession
    ) async throws {
        try await upsert(
            integrationID: integrationID,
            [
                ("writes_refused_code", SQLBind(code)), ("writes_refused", SQLBind(message)),
                ("writes_refused_at", SQLBind(date.unixSeconds)),
            ], on: sql)
    }

    /// Forgets a refusal of writes: one has succeeded since (or the keys were replaced).
    public func clearWritesRefused(integrationID: Int64, on sql: DatabaseSession) async throws {
        try await sql.update("integration_schedules")
            .set("writes_refused_code", to: SQLLiteral.null).set("writes_refused", to: SQLLiteral.null)
            .set("writes_refused_at", to: SQLLiteral.null)
            .where("integration_id", .equal, integrationID).where("writes_refused_at", .isNot, SQLLiteral.null)
            .run()
    }

    /// Records a webhook health check's findings.
    public func recordWebhooks(integrationID: Int64, _ webhooks: WebhookHealth, on sql: DatabaseSession) async throws {
        try await upsert(
            integrationID: integrationID,
            [
                ("webhook_state", SQLBind(webhooks.json)),
                ("webhook_checked_at", SQLBind(webhooks.checkedAt.unixSeconds)),
            ],
            on: sql)
    }

    private func upsert(
        integrationID: Int64, _ values: [(String, SQLBind)], on sql: DatabaseSession
    ) async throws {
        try await sql.insert(into: "integration_schedules")
            .columns(["integration_id"] + values.map(\.0))
            .values([SQLBind(integrationID) as any SQLExpression] + values.map { $0.1 as any SQLExpression })
            .onConflict(with: ["integration_id"]) { update in
                var update = update
                for (column, _) in values { update = update.set(excludedValueOf: column) }
                return update
            }
            .run()
    }
}

private struct HealthRow: Decodable {
    var integrationID: Int64
    var lastSuccessAt: Int64?
    var lastError: String?
    var lastErrorCode: String?
    var lastErrorAt: Int64?
    var webhookState: String?
    var writesRefusedCode: String?
    var writesRefused: String?
    var writesRefusedAt: Int64?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case integrationID = "integration_id"
        case lastSuccessAt = "last_success_at"
        case lastError = "last_error"
        case lastErrorCode = "last_error_code"
        case lastErrorAt = "last_error_at"
        case webhookState = "webhook_state"
        case writesRefusedCode = "writes_refused_code"
        case writesRefused = "writes_refused"
        case writesRefusedAt = "writes_refused_at"
    }

    static let columns = CodingKeys.allCases.map(\.rawValue)

    var health: IntegrationHealth {
        func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
        var failure: IntegrationHealth.Failure?
        if let lastErrorAt {
            failure = IntegrationHealth.Failure(
                code: lastErrorCode ?? "error", message: lastError ?? "", at: date(lastErrorAt))
        }
        return IntegrationHealth(
            integrationID: integrationID, lastSuccessAt: lastSuccessAt.map(date), lastError: failure,
            webhooks: WebhookHealth(json: webhookState),
            writesRefused: writesRefusedAt.map {
                IntegrationHealth.Failure(
                    code: writesRefusedCode ?? "error", message: writesRefused ?? "", at: date($0))
            })
    }
}
