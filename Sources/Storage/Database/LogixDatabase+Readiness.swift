import SQLKit

extension LogixDatabase {
    /// Whether the database answers a trivial query now: what `/health` reports as readiness.
    public func checkReadiness() async throws {
        try await read { sql in try await sql.raw("SELECT 1 AS one").run() }
    }
}
