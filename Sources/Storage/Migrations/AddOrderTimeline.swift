import SQLKit

/// Version 10: what the operator's console reads (issue 12).
///
/// - `orders.placed_at`: when the customer placed the order (the store's `date_created_gmt`), nullable for a store
///   that does not say; existing rows take `created_at`, which the mapper has always filled from the same field.
/// - `order_events`: an order's timeline — received, each status change with who asked, each shipment, each review
///   flag — written by Storage in the transaction that makes the change. Existing orders get a `received` event at
///   their `created_at` and a `shipped` event per shipment, so no timeline starts empty.
/// - `sku_duplicates`: SKUs a store uses on more than one product or variation. They are kept out of the SKU map
///   (`products`), so without this table the console could not show them.
/// - Indexes for the console's queries at 10,000+ orders: orders per store by placed date, number and recency;
///   shipments by date; store updates by order.
struct AddOrderTimeline: Migration {
    let version = 10
    let name = "order placed date, order timeline and SKU duplicates"

    func prepare(on sql: DatabaseSession, engine: LogixDatabase.Engine) async throws {
        let id = SQLDialectFragments.idColumn(engine)
        let statements = [
            "ALTER TABLE orders ADD COLUMN placed_at BIGINT",
            "UPDATE orders SET placed_at = created_at",
            "CREATE INDEX orders_integration_placed ON orders (integration_id, placed_at)",
            "CREATE INDEX orders_integration_number ON orders (integration_id, number)",
            "CREATE INDEX orders_integration_modified ON orders (integration_id, store_modified_at, id)",
            "CREATE INDEX shipments_shipped ON shipments (shipped_at, order_id)",
            "CREATE INDEX outbox_order ON outbox (integration_id, order_id, id)",
            """
            CREATE TABLE order_events (
                \(id),
                order_id BIGINT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                at BIGINT NOT NULL,
                kind TEXT NOT NULL,
                from_status TEXT,
                to_status TEXT,
                origin TEXT,
                detail TEXT NOT NULL
            )
            """,
            "CREATE INDEX order_events_order ON order_events (order_id, id)",
            """
            INSERT INTO order_events (order_id, at, kind, detail)
            SELECT id, created_at, 'received', 'recorded before Logix kept a timeline' FROM orders
            ORDER BY id
            """,
            """
            INSERT INTO order_events (order_id, at, kind, origin, detail)
            SELECT order_id, shipped_at, 'shipped', 'warehouse', carrier || ' ' || tracking_number FROM shipments
            ORDER BY id
            """,
            """
            CREATE TABLE sku_duplicates (
                integration_id BIGINT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
                sku TEXT NOT NULL,
                store_ids TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (integration_id, sku)
            )
            """,
        ]
        for statement in statements {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
