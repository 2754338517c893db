import SQLKit

/// Version 14: an index on each job's due time besides the sync's (version 4), so that a scheduler finds the
/// most overdue job of each kind through an index instead of reading every schedule — a claim cost ~20 ms at
/// 10,000 integrations on PostgreSQL and grew with their number, once per sync.
struct IndexScheduleDueTimes: Migration {
    let version = 14
    let name = "indexes on the schedule's due times"

    func prepare(on sql: DatabaseSession, engine: LogixDatabase.Engine) async throws {
        let statements = [
            "CREATE INDEX integration_schedules_reconcile_due ON integration_schedules (next_reconcile_at)",
            "CREATE INDEX integration_schedules_webhook_check_due ON integration_schedules (next_webhook_check_at)",
        ]
        for statement in statements {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
