import SQLKit

/// Serialises the writers of one integration's orders — a sync page, a webhook, a status push — across
/// processes, for the rest of the caller's transaction.
///
/// Each writer reads the stored versions, decides, then writes; two doing so at once for the same order could
/// both decide "create" and both reserve stock. On PostgreSQL a transaction-scoped advisory lock keyed by the
/// integration id prevents that (released at commit or rollback, so a crashed process never leaves it held);
/// on SQLite the `IMMEDIATE` transaction already holds the whole database.
public enum IntegrationWriteLock {
    public static func acquire(integrationID: Int64, on sql: DatabaseSession) async throws {
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: integrationID))").run()
    }
}
