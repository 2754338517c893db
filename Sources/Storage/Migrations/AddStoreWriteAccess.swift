import SQLKit

/// Version 6: whether an integration may keep keys that cannot write to the store (import-only use), and the
/// store's last refusal of a write for want of permission, which the integration's health reports until a
/// write succeeds again.
struct AddStoreWriteAccess: Migration {
    let version = 6
    let name = "store write access"

    func prepare(on sql: DatabaseSession, engine: LogixDatabase.Engine) async throws {
        let statements = [
            "ALTER TABLE integrations ADD COLUMN allow_read_only BOOLEAN NOT NULL DEFAULT FALSE",
            "ALTER TABLE integration_schedules ADD COLUMN writes_refused_code TEXT",
            "ALTER TABLE integration_schedules ADD COLUMN writes_refused TEXT",
            "ALTER TABLE integration_schedules ADD COLUMN writes_refused_at BIGINT",
        ]
        for statement in statements {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
