import SQLKit

/// Version 4: one row per integration for the scheduler — when each background job is next due and which
/// process holds the integration — and the integration's health as the jobs last saw it.
///
/// A table of its own rather than columns on `integrations`: the scheduler rewrites it after every job, and
/// a settings change through ``IntegrationRepository/update(_:)`` must never race with that.
struct CreateIntegrationSchedules: Migration {
    let version = 4
    let name = "integration schedules and health"

    func prepare(on sql: DatabaseSession, engine: LogixDatabase.Engine) async throws {
        let statements = [
            """
            CREATE TABLE integration_schedules (
                integration_id BIGINT PRIMARY KEY REFERENCES integrations(id) ON DELETE CASCADE,
                next_sync_at BIGINT,
                next_reconcile_at BIGINT,
                next_webhook_check_at BIGINT,
                lease_owner TEXT,
                lease_until BIGINT,
                last_success_at BIGINT,
                last_error TEXT,
                last_error_code TEXT,
                last_error_at BIGINT,
                webhook_state TEXT,
                webhook_checked_at BIGINT
            )
            """,
            "CREATE INDEX integration_schedules_due ON integration_schedules (next_sync_at)",
        ]
        for statement in statements {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
