import SQLKit

/// Version 13: webhook bodies move to a table of their own, `webhook_inbox_bodies`, one row per delivery.
///
/// A delivery's row is written three times — stored, claimed under a lease, marked processed — and with its
/// body (2.5 KB for an order) beside the state it filled a page by itself, so each of those writes put a whole
/// page into SQLite's WAL and the checkpoint: most of the receiver's disk writes. Apart, the body is written
/// once and the small state rows share their pages (`logix bench webhooks`, issue 14).
struct SplitWebhookInboxBodies: Migration {
    let version = 13
    let name = "webhook inbox bodies apart"

    func prepare(on sql: DatabaseSession, engine: LogixDatabase.Engine) async throws {
        // In SQLite an INTEGER PRIMARY KEY is the row id itself: no second index to write.
        let key = engine == .sqlite ? "INTEGER PRIMARY KEY" : "BIGINT PRIMARY KEY"
        let statements = [
            """
            CREATE TABLE webhook_inbox_bodies (
                inbox_id \(key) REFERENCES webhook_inbox(id) ON DELETE CASCADE,
                body \(SQLDialectFragments.blob(engine)) NOT NULL
            )
            """,
            "INSERT INTO webhook_inbox_bodies (inbox_id, body) SELECT id, body FROM webhook_inbox",
            "ALTER TABLE webhook_inbox DROP COLUMN body",
        ]
        for statement in statements {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
