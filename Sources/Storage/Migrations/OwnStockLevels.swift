import SQLKit

/// Version 6: stock belongs to an owner — the user whose integrations map the SKU — instead of being one row per
/// SKU shared by every tenant (issue 11, defect 1). `stock_levels` becomes keyed by (`owner_id`, `sku`).
///
/// How existing rows are split. A row's claimants are the users whose SKU maps (the `products` rows of their
/// integrations) name the SKU, and the users whose orders have a line with it (a SKU can be reserved by an order
/// before, or without, being in the catalogue):
/// - One claimant: the row is theirs, unchanged.
/// - Several claimants: each gets the `on_hand` figure every one of them was shown (how the goods are really
///   divided is not recorded anywhere; a recount corrects it), and as `reserved` what their own open orders
///   (`ready`, `picking`, `packed`) hold — the shared figure mixed everyone's reservations.
/// - No claimant: on a single-user database the row goes to that user (there is nobody to confuse it with, and a
///   figure someone counted is not thrown away); otherwise it is dropped, as nothing refers to it: no API can show
///   it and no store receives it, and a SKU that is mapped again later starts from a new count.
///
/// `counted_at` is new: when someone last gave Logix the SKU's on-hand figure (a count, `PUT /inventory`). A row
/// that only reservations made has none, and its figure is not pushed to stores on its own (an import must not
/// set every store to zero before anyone counted). Existing rows with goods on hand count as counted at their
/// last change; rows at zero or below are taken as made by reservations.
struct OwnStockLevels: Migration {
    let version = 7
    let name = "stock levels belong to an owner"

    func prepare(on sql: DatabaseSession, engine: LogixDatabase.Engine) async throws {
        let statements = [
            """
            CREATE TABLE owned_stock_levels (
                owner_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                sku TEXT NOT NULL,
                on_hand INTEGER NOT NULL,
                reserved INTEGER NOT NULL,
                updated_at BIGINT NOT NULL,
                counted_at BIGINT,
                PRIMARY KEY (owner_id, sku)
            )
            """,
            """
            WITH claims AS (
                SELECT i.user_id AS owner_id, p.sku AS sku
                FROM products p JOIN integrations i ON i.id = p.integration_id
                UNION
                SELECT i.user_id AS owner_id, l.sku AS sku
                FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN integrations i ON i.id = o.integration_id
                WHERE l.sku IS NOT NULL
            ),
            claimants AS (
                SELECT sku, COUNT(*) AS n FROM claims GROUP BY sku
            ),
            holds AS (
                SELECT i.user_id AS owner_id, l.sku AS sku,
                    SUM(CASE WHEN l.quantity > l.refunded_quantity THEN l.quantity - l.refunded_quantity ELSE 0 END)
                        AS reserved
                FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN integrations i ON i.id = o.integration_id
                WHERE l.sku IS NOT NULL AND o.status IN ('ready', 'picking', 'packed')
                GROUP BY i.user_id, l.sku
            )
            INSERT INTO owned_stock_levels (owner_id, sku, on_hand, reserved, updated_at)
            SELECT c.owner_id, s.sku, s.on_hand,
                CASE WHEN n.n = 1 THEN s.reserved ELSE COALESCE(h.reserved, 0) END, s.updated_at
            FROM stock_levels s
            JOIN claims c ON c.sku = s.sku
            JOIN claimants n ON n.sku = s.sku
            LEFT JOIN holds h ON h.owner_id = c.owner_id AND h.sku = s.sku
            """,
            """
            INSERT INTO owned_stock_levels (owner_id, sku, on_hand, reserved, updated_at)
            SELECT u.id, s.sku, s.on_hand, s.reserved, s.updated_at
            FROM stock_levels s CROSS JOIN users u
            WHERE (SELECT COUNT(*) FROM users) = 1
                AND NOT EXISTS (SELECT 1 FROM owned_stock_levels o WHERE o.sku = s.sku)
            """,
            "UPDATE owned_stock_levels SET counted_at = updated_at WHERE on_hand > 0",
            "DROP TABLE stock_levels",
            "ALTER TABLE owned_stock_levels RENAME TO stock_levels",
        ]
        for statement in statements {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
