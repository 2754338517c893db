import SQLKit

/// Version 6: a user can be disabled (their tokens stop working, they cannot sign in) and a password change
/// ends the tokens issued before it.
struct AddUserAccess: Migration {
    let version = 9
    let name = "user disabled and token cut-off"

    func prepare(on sql: DatabaseSession, engine: LogixDatabase.Engine) async throws {
        let statements = [
            "ALTER TABLE users ADD COLUMN disabled_at BIGINT",
            // Unix seconds: tokens issued before this are refused. 0 for users that never changed a password.
            "ALTER TABLE users ADD COLUMN tokens_valid_from BIGINT NOT NULL DEFAULT 0",
        ]
        for statement in statements {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
