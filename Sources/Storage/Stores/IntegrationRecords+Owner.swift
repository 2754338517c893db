import SQLKit

extension IntegrationRecords {
    /// The user who owns the integration — the owner of the stock its orders reserve — or `nil` when it is gone.
    public func ownerID(integrationID: Int64, on sql: DatabaseSession) async throws -> Int64? {
        try await sql.select().column("user_id").from("integrations").where("id", .equal, integrationID)
            .first(decodingColumn: "user_id", as: Int64.self)
    }
}
