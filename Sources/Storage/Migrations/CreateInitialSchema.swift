import SQLKit

/// Version 1: the first tables (ARCHITECTURE.md, "Tables", shows each as the later versions left it). Times are
/// unix seconds (`BIGINT`), money is exact decimal text, addresses and lists are JSON text — the same on both
/// engines.
struct CreateInitialSchema: Migration {
    let version = 1
    let name = "create initial schema"

    func prepare(on sql: DatabaseSession, engine: LogixDatabase.Engine) async throws {
        let id = SQLDialectFragments.idColumn(engine)
        let statements = [
            """
            CREATE TABLE users (
                \(id),
                email TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE integrations (
                \(id),
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                platform TEXT NOT NULL,
                store_url TEXT NOT NULL,
                consumer_key_encrypted TEXT NOT NULL,
                consumer_key_last4 TEXT NOT NULL,
                consumer_secret_encrypted TEXT NOT NULL,
                webhook_secret_encrypted TEXT,
                integration_name TEXT NOT NULL,
                auto_sync BOOLEAN NOT NULL,
                sync_interval_minutes INTEGER NOT NULL,
                status TEXT NOT NULL,
                status_mapping TEXT NOT NULL,
                import_statuses TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                last_sync_at BIGINT,
                orders_cursor BIGINT
            )
            """,
            "CREATE INDEX integrations_user ON integrations (user_id)",
            """
            CREATE TABLE sync_logs (
                \(id),
                integration_id BIGINT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                started_at BIGINT NOT NULL,
                finished_at BIGINT,
                total INTEGER NOT NULL,
                synced INTEGER NOT NULL,
                failed INTEGER NOT NULL,
                skipped INTEGER NOT NULL,
                errors TEXT NOT NULL
            )
            """,
            "CREATE INDEX sync_logs_integration ON sync_logs (integration_id, started_at)",
            """
            CREATE TABLE orders (
                \(id),
                integration_id BIGINT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
                external_id BIGINT NOT NULL,
                number TEXT NOT NULL,
                status TEXT NOT NULL,
                store_status TEXT NOT NULL,
                currency TEXT NOT NULL,
                total TEXT NOT NULL,
                subtotal TEXT NOT NULL,
                shipping_total TEXT NOT NULL,
                tax_total TEXT NOT NULL,
                discount_total TEXT NOT NULL,
                fee_total TEXT NOT NULL,
                refunded_total TEXT NOT NULL,
                customer_name TEXT NOT NULL,
                customer_email TEXT NOT NULL,
                customer_phone TEXT NOT NULL,
                billing_address TEXT NOT NULL,
                shipping_address TEXT NOT NULL,
                shipping_method TEXT,
                customer_note TEXT NOT NULL,
                review TEXT,
                store_modified_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (integration_id, external_id)
            )
            """,
            "CREATE INDEX orders_integration_status ON orders (integration_id, status)",
            """
            CREATE TABLE order_lines (
                \(id),
                order_id BIGINT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                external_line_id BIGINT,
                sku TEXT,
                name TEXT NOT NULL,
                quantity INTEGER NOT NULL,
                unit_price TEXT NOT NULL,
                external_product_id BIGINT,
                external_variation_id BIGINT,
                refunded_quantity INTEGER NOT NULL
            )
            """,
            "CREATE INDEX order_lines_order ON order_lines (order_id, position)",
            """
            CREATE TABLE fulfillment_tasks (
                \(id),
                order_id BIGINT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                status TEXT NOT NULL,
                carrier TEXT,
                tracking_number TEXT,
                tracking_url TEXT,
                created_at BIGINT NOT NULL,
                completed_at BIGINT
            )
            """,
            "CREATE INDEX fulfillment_tasks_order ON fulfillment_tasks (order_id)",
            """
            CREATE TABLE products (
                \(id),
                integration_id BIGINT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
                sku TEXT NOT NULL,
                external_product_id BIGINT NOT NULL,
                external_variation_id BIGINT,
                manage_stock TEXT NOT NULL,
                stock_product_id BIGINT,
                updated_at BIGINT NOT NULL,
                UNIQUE (integration_id, sku)
            )
            """,
            "CREATE INDEX products_sku ON products (sku)",
            """
            CREATE TABLE stock_levels (
                sku TEXT PRIMARY KEY,
                on_hand INTEGER NOT NULL,
                reserved INTEGER NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE webhook_inbox (
                \(id),
                integration_id BIGINT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
                delivery_key TEXT NOT NULL,
                delivery_id TEXT NOT NULL,
                topic TEXT NOT NULL,
                resource_id BIGINT,
                body \(SQLDialectFragments.blob(engine)) NOT NULL,
                state TEXT NOT NULL,
                received_at BIGINT NOT NULL,
                processed_at BIGINT,
                attempts INTEGER NOT NULL,
                last_error TEXT,
                lease_until BIGINT,
                UNIQUE (integration_id, delivery_key)
            )
            """,
            "CREATE INDEX webhook_inbox_pending ON webhook_inbox (state, received_at)",
            """
            CREATE TABLE outbox (
                \(id),
                integration_id BIGINT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
                order_id BIGINT,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                state TEXT NOT NULL,
                not_before BIGINT NOT NULL,
                attempts INTEGER NOT NULL,
                last_error TEXT,
                lease_until BIGINT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX outbox_pending ON outbox (state, not_before)",
        ]
        for statement in statements {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
