import SQLKit

/// Version 15: what only one sales channel has to be told about an integration — for Shopify the location
/// stock is set at, the pinned API version and whether test orders are imported — as JSON owned by `Sync`, so
/// a new channel's settings need no column of their own.
struct AddChannelSettings: Migration {
    let version = 15
    let name = "channel settings"

    func prepare(on sql: DatabaseSession, engine: LogixDatabase.Engine) async throws {
        try await sql.raw("ALTER TABLE integrations ADD COLUMN channel_settings TEXT NOT NULL DEFAULT '{}'").run()
    }
}
