import SQLKit

/// Version 2: a sync log row becomes the record of one run — its mode, state, progress, counts by outcome and a
/// checkpoint to resume from — and each order the run skipped or failed gets its own row in
/// `sync_log_entries`, instead of a JSON array rewritten after every page.
struct CreateSyncRuns: Migration {
    let version = 2
    let name = "sync runs with checkpoints and entries"

    func prepare(on sql: DatabaseSession, engine: LogixDatabase.Engine) async throws {
        let id = SQLDialectFragments.idColumn(engine)
        let statements = [
            "ALTER TABLE sync_logs ADD COLUMN mode TEXT NOT NULL DEFAULT 'full'",
            "ALTER TABLE sync_logs ADD COLUMN state TEXT NOT NULL DEFAULT 'succeeded'",
            "ALTER TABLE sync_logs ADD COLUMN parameters TEXT NOT NULL DEFAULT '{}'",
            "ALTER TABLE sync_logs ADD COLUMN checkpoint TEXT",
            "ALTER TABLE sync_logs ADD COLUMN pages_done INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE sync_logs ADD COLUMN total_pages INTEGER",
            "ALTER TABLE sync_logs ADD COLUMN created INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE sync_logs ADD COLUMN updated INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE sync_logs ADD COLUMN unchanged INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE sync_logs ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE sync_logs ADD COLUMN lease_until BIGINT",
            "CREATE INDEX sync_logs_state ON sync_logs (integration_id, kind, state)",
            """
            CREATE TABLE sync_log_entries (
                \(id),
                sync_log_id BIGINT NOT NULL REFERENCES sync_logs(id) ON DELETE CASCADE,
                external_id BIGINT NOT NULL,
                disposition TEXT NOT NULL,
                code TEXT NOT NULL,
                message TEXT NOT NULL
            )
            """,
            "CREATE INDEX sync_log_entries_log ON sync_log_entries (sync_log_id, id)",
        ]
        for statement in statements {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
