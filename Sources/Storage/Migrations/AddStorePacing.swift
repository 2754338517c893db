import SQLKit

/// Version 12: the operator's caps on how hard Logix presses a store — requests in flight at once and, for
/// shared hosts that allow only a few, requests a second. The per-store pacer adapts below them.
struct AddStorePacing: Migration {
    let version = 12
    let name = "store pacing"

    func prepare(on sql: DatabaseSession, engine: LogixDatabase.Engine) async throws {
        let statements = [
            "ALTER TABLE integrations ADD COLUMN max_concurrency INTEGER NOT NULL DEFAULT 8",
            "ALTER TABLE integrations ADD COLUMN max_requests_per_second DOUBLE PRECISION",
        ]
        for statement in statements {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
