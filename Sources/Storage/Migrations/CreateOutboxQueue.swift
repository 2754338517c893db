import SQLKit

/// Version 3: what the outbox queue needs beyond the v1 table.
///
/// - `dedupe_key` with a partial unique index over *pending* rows: a second stock push for the same
///   (integration, SKU) finds the pending one instead of adding a row — only the latest value is ever sent, as
///   it is read at send time.
/// - `revision`, bumped whenever a pending row is coalesced into: a sender that claimed revision 3 and then sees
///   revision 4 knows a newer change arrived while it was sending, and leaves the row pending instead of done.
/// - `updated_at` and `done_at` for the API and the dashboard.
/// - An index for the per-order ordering rule (an order's later item waits for its earlier ones).
///
/// Partial indexes and `ON CONFLICT … WHERE` exist on both engines, so the SQL is the same.
struct CreateOutboxQueue: Migration {
    let version = 3
    let name = "outbox queue: coalescing, revisions, per-order ordering"

    func prepare(on sql: DatabaseSession, engine: LogixDatabase.Engine) async throws {
        let statements = [
            "ALTER TABLE outbox ADD COLUMN dedupe_key TEXT",
            "ALTER TABLE outbox ADD COLUMN revision INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE outbox ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE outbox ADD COLUMN done_at BIGINT",
            "UPDATE outbox SET updated_at = created_at",
            """
            CREATE UNIQUE INDEX outbox_pending_dedupe ON outbox (integration_id, dedupe_key)
            WHERE state = 'pending' AND dedupe_key IS NOT NULL
            """,
            """
            CREATE INDEX outbox_order_sequence ON outbox (integration_id, order_id, id)
            WHERE order_id IS NOT NULL
            """,
            "CREATE INDEX outbox_integration_state ON outbox (integration_id, state, id)",
        ]
        for statement in statements {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
