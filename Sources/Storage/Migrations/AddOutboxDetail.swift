import SQLKit

/// Version 7: `outbox.detail`, why an item settled without a request — a stock push for a SKU the store does not
/// manage ends `done` with nothing sent, and that must be visible where store updates are listed, not only in the
/// server log (issue 11, C).
struct AddOutboxDetail: Migration {
    let version = 8
    let name = "outbox items say why nothing was sent"

    func prepare(on sql: DatabaseSession, engine: LogixDatabase.Engine) async throws {
        try await sql.raw("ALTER TABLE outbox ADD COLUMN detail TEXT").run()
    }
}
