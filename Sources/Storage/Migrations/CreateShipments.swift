import SQLKit

/// Version 5: shipments (an order may leave in several parcels, each with its carrier, tracking and units by
/// SKU) and each integration's fulfillment settings (how tracking is shown in the store).
struct CreateShipments: Migration {
    let version = 5
    let name = "shipments and fulfillment settings"

    func prepare(on sql: DatabaseSession, engine: LogixDatabase.Engine) async throws {
        let id = SQLDialectFragments.idColumn(engine)
        let statements = [
            """
            CREATE TABLE shipments (
                \(id),
                order_id BIGINT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                carrier TEXT NOT NULL,
                tracking_number TEXT NOT NULL,
                tracking_url TEXT,
                items TEXT NOT NULL,
                shipped_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX shipments_order ON shipments (order_id)",
            "ALTER TABLE integrations ADD COLUMN fulfillment_settings TEXT NOT NULL DEFAULT '{}'",
        ]
        for statement in statements {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
