import SQLKit

/// Version 11: the dashboard's sign-in sessions. Kept in the database rather than in a signed cookie so that
/// signing out ends a session everywhere at once, and so that any `logix serve` process on the same database
/// knows it (ARCHITECTURE.md, "Scale"). The cookie carries a random token; the
/// table keeps only its SHA-256, so a copy of the database opens no session.
struct CreateDashboardSessions: Migration {
    let version = 11
    let name = "dashboard sessions"

    func prepare(on sql: DatabaseSession, engine: LogixDatabase.Engine) async throws {
        let statements = [
            """
            CREATE TABLE dashboard_sessions (
                token_hash TEXT PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX dashboard_sessions_expiry ON dashboard_sessions (expires_at)",
        ]
        for statement in statements {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
