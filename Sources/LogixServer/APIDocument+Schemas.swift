import LogixCore
import Storage
import Sync
import WooCommerce

/// The bodies of the API as JSON Schemas, named as `components.schemas` names them.
///
/// Each mirrors the `Codable` type that decodes or encodes it (named in its comment); enum values are read from
/// the Swift enums themselves so a new case cannot be left out. The conformance tests validate real responses
/// against these, rejecting any property a schema does not name, so a renamed key fails a test.
extension APIDocument {
    static let schemas: [String: JSONSchema] =
        errorSchemas.merging(authSchemas, uniquingKeysWith: duplicate)
        .merging(integrationSchemas, uniquingKeysWith: duplicate)
        .merging(syncSchemas, uniquingKeysWith: duplicate)
        .merging(orderSchemas, uniquingKeysWith: duplicate)
        .merging(warehouseSchemas, uniquingKeysWith: duplicate)
        .merging(webhookSchemas, uniquingKeysWith: duplicate)

    private static func duplicate(_ first: JSONSchema, _ second: JSONSchema) -> JSONSchema {
        preconditionFailure("a schema name is defined twice")
    }

    /// `{"items": [...], "page", "per_page", "total"}`: ``ListResponse``.
    static func list(of item: String) -> JSONSchema {
        .object(required: [
            "items": .array(.ref(item)), "page": .integer(minimum: 1), "per_page": .integer(minimum: 1, maximum: 100),
            "total": .integer(minimum: 0),
        ])
    }

    static let orderStatus = JSONSchema.string(oneOf: OrderStatus.allCases.map(\.rawValue))

    // MARK: - Errors and service

    /// ``APIError``'s body and `GET /health`'s.
    static let errorSchemas: [String: JSONSchema] = [
        "Error": .object(required: [
            "error": .object(
                required: [
                    "code": .string.described(
                        "stable, machine-readable: invalid_fields, not_found, or the store's own"),
                    "message": .string,
                ],
                optional: [
                    "fields": .map(.string).described(
                        "422: the problem of each field; 409: the facts of the conflict (current_status)")
                ])
        ]),
        "Health": .object(required: [
            "status": .string(oneOf: ["ok", "degraded"]), "database": .string(oneOf: ["ok", "unavailable"]),
        ]),
    ]

    // MARK: - Auth

    /// ``AuthController``'s bodies.
    static let authSchemas: [String: JSONSchema] = [
        "TokenRequest": .object(required: ["email": .string, "password": .string]),
        "Token": .object(required: ["token": .string, "expires_at": .dateTime]),
    ]

    // MARK: - Integrations

    static let maxConcurrency = JSONSchema.integer(
        minimum: StorePacing.concurrencyRange.lowerBound, maximum: StorePacing.concurrencyRange.upperBound, default: 8
    ).described(
        "requests to the store in flight at most; the store's pacer starts at \(StorePacing.initialConcurrency) and "
            + "adapts below this")
    static let maxRequestsPerSecond = JSONSchema.number.described(
        "requests to the store a second at most, for shared hosts (0.1 to 1000); 0 removes the cap")

    /// A Shopify integration's own settings, in its create and update bodies.
    static let shopifySettings: [String: JSONSchema] = [
        "location_id": JSONSchema.string.described(
            "the location whose available quantities stock counts set: its number (a JSON number is taken too) "
                + "or gid://shopify/Location/…; checked against the shop; \"\" for the first active location"),
        "api_version": JSONSchema.string.described(
            "the Admin API version to pin (YYYY-01, -04, -07, -10 or unstable); \"\" for this build's own"),
        "import_test_orders": JSONSchema.boolean.described("default false: the shop's test orders are skipped"),
    ]

    /// Shopify's store statuses, as a Shopify integration's mapping and import set name them.
    static let shopifyStoreStatuses = ShopifyStatusMapping.default.storeStatuses.sorted()

    static let shopifyImportStatuses = JSONSchema.array(.string(oneOf: shopifyStoreStatuses), minItems: 1)
        .described("the store statuses whose orders are imported; absent: all")

    /// ``IntegrationController``'s bodies (each platform's fields with `SettingsBody`'s) and the types
    /// ``IntegrationResponse`` embeds.
    static let integrationSchemas: [String: JSONSchema] = [
        "IntegrationCreate": .object(
            required: [
                "store_url": .url, "consumer_key": .string, "consumer_secret": .string,
                "integration_name": .string(maxLength: 200),
            ],
            optional: [
                "auto_sync": .boolean, "sync_interval_minutes": .integer(minimum: 1, maximum: 1440, default: 15),
                "import_statuses": .array(.string, minItems: 1), "status_mapping": .ref("StatusMappingUpdate"),
                "fulfillment": .ref("FulfillmentSettingsUpdate"),
                "status": .string(oneOf: [IntegrationRecord.Status.active, .inactive].map(\.rawValue)).described(
                    "default active"),
                "verify": .boolean.described("default true: the keys are tried against the store first"),
                "allow_read_only": .boolean.described(
                    "default false: keys that may only read are refused (store_keys_read_only); true accepts "
                        + "them for import-only use"),
                "max_concurrency": maxConcurrency, "max_requests_per_second": maxRequestsPerSecond,
            ]),
        // `IntegrationController.CreateBody<ShopifyBody>`: `ShopifyBody` and `SettingsBody` beside the shop's address.
        "ShopifyIntegrationCreate": .object(
            required: [
                "shop_domain": .string.described("the permanent {shop}.myshopify.com handle, or just {shop}"),
                "api_secret": .string.described(
                    "the app's API secret (client secret), which signs its webhooks; never returned"),
                "integration_name": .string(maxLength: 200),
            ],
            optional: [
                "access_token": .string.described(
                    "an admin-created custom app's Admin API access token (shpat_…); never returned. Either this "
                        + "or client_id"),
                "client_id": .string.described(
                    "a Dev Dashboard app's client id: Logix asks the shop for 24-hour tokens with it and api_secret "
                        + "(the client credentials grant)"),
                "auto_sync": .boolean, "sync_interval_minutes": .integer(minimum: 1, maximum: 1440, default: 15),
                "import_statuses": shopifyImportStatuses, "status_mapping": .ref("ShopifyStatusMappingUpdate"),
                "fulfillment": .ref("FulfillmentSettingsUpdate"),
                "status": .string(oneOf: [IntegrationRecord.Status.active, .inactive].map(\.rawValue)).described(
                    "default active"),
                "verify": .boolean.described("default true: the token is tried against the shop first"),
                "max_concurrency": maxConcurrency, "max_requests_per_second": maxRequestsPerSecond,
            ].merging(shopifySettings) { first, _ in first }),
        // `IntegrationController.ShopifyBody`: only the fields given change.
        "ShopifyIntegrationUpdate": .object(
            optional: [
                "integration_name": .string(maxLength: 200),
                "access_token": .string.described("a new Admin API access token, checked against the shop first"),
                "client_id": .string.described(
                    "a Dev Dashboard app's client id: from now on tokens are granted for it and the API secret"),
                "api_secret": .string.described("the app's new API secret (it signs the webhooks from now on)"),
                "auto_sync": .boolean, "sync_interval_minutes": .integer(minimum: 1, maximum: 1440),
                "import_statuses": shopifyImportStatuses, "status_mapping": .ref("ShopifyStatusMappingUpdate"),
                "fulfillment": .ref("FulfillmentSettingsUpdate"),
                "status": .string(oneOf: [IntegrationRecord.Status.active, .inactive].map(\.rawValue)),
                "max_concurrency": maxConcurrency, "max_requests_per_second": maxRequestsPerSecond,
            ].merging(shopifySettings) { first, _ in first }),
        // `IntegrationController.StatusMappingBody` for a Shopify integration: checked against
        // `ShopifyStatusMapping`'s store statuses; the shop has no status to push, so no `outbound`.
        "ShopifyStatusMappingUpdate": .object(optional: [
            "inbound": .map(orderStatus).described(
                "Shopify store status (" + shopifyStoreStatuses.joined(separator: ", ") + ") → Logix status")
        ]),
        "IntegrationUpdate": .object(optional: [
            "integration_name": .string(maxLength: 200), "consumer_key": .string, "consumer_secret": .string,
            "auto_sync": .boolean, "sync_interval_minutes": .integer(minimum: 1, maximum: 1440),
            "import_statuses": .array(.string, minItems: 1), "status_mapping": .ref("StatusMappingUpdate"),
            "fulfillment": .ref("FulfillmentSettingsUpdate"),
            "status": .string(oneOf: [IntegrationRecord.Status.active, .inactive].map(\.rawValue)),
            "allow_read_only": .boolean, "max_concurrency": maxConcurrency,
            "max_requests_per_second": maxRequestsPerSecond,
        ]),
        // `IntegrationController.StatusMappingBody`: overrides by name, checked by `StatusMapping`.
        "StatusMappingUpdate": .object(optional: [
            "inbound": .map(orderStatus).described("store status → Logix status"),
            "outbound": .map(.string).described("Logix status → store status"),
        ]),
        // `IntegrationController.FulfillmentSettingsBody`: only the keys given change.
        "FulfillmentSettingsUpdate": .object(optional: [
            "tracking_note": .string(oneOf: FulfillmentSettings.TrackingNote.allCases.map(\.rawValue)),
            "shipment_tracking_meta": .boolean,
        ]),
        "Integration": .object(
            required: [
                "id": .integer, "platform": .string(oneOf: ["woocommerce", "shopify"]), "store_url": .string,
                "integration_name": .string, "consumer_key_last4": .string,
                "has_webhook_secret": .boolean, "auto_sync": .boolean, "sync_interval_minutes": .integer,
                "status": .string(oneOf: [IntegrationRecord.Status.active, .inactive, .error].map(\.rawValue)),
                "import_statuses": .array(.string), "status_mapping": .ref("StatusMapping"),
                "created_at": .dateTime, "fulfillment": .ref("FulfillmentSettings"), "allow_read_only": .boolean,
                "max_concurrency": .integer,
            ],
            optional: [
                "last_sync_at": .dateTime, "orders_cursor": .dateTime,
                "max_requests_per_second": JSONSchema.number.described("absent: no fixed rate"),
                "health": .ref("IntegrationHealth").described("only on GET of one integration"),
                "location_id": JSONSchema.integer.described(
                    "Shopify: the location stock is set at; absent: the shop's first active location"),
                "api_version": JSONSchema.string.described("Shopify: the Admin API version requests name"),
                "import_test_orders": JSONSchema.boolean.described("Shopify: whether test orders are imported"),
                "auth": JSONSchema.string(oneOf: ["access_token", "client_credentials"]).described(
                    "Shopify: a static access token, or 24-hour tokens granted for the app's client id and secret"),
            ]),
        "IntegrationList": list(of: "Integration"),
        // `StatusMapping`'s Codable form: only the overrides, every key optional.
        "StatusMapping": .object(optional: [
            "inbound": .map(orderStatus).described("store status → Logix status, where not the default"),
            "outbound": .map(.string).described("Logix status → store status, where not the default"),
            "import": .array(.string).described("the store statuses imported; absent: the default set"),
        ]),
        "FulfillmentSettings": .object(required: [
            "tracking_note": .string(oneOf: FulfillmentSettings.TrackingNote.allCases.map(\.rawValue)),
            "shipment_tracking_meta": .boolean,
        ]),
        // `HealthBody`.
        "IntegrationHealth": .object(
            required: ["failing": .boolean, "outbox_pending": .integer, "outbox_dead": .integer],
            optional: [
                "last_success_at": .dateTime, "webhooks_checked_at": .dateTime, "webhooks": .ref("WebhookHealth"),
                "last_error": .object(required: ["code": .string, "message": .string, "at": .dateTime]),
                "writes_refused": .object(required: ["code": .string, "message": .string, "at": .dateTime])
                    .described("the store refuses writes for want of permission (read-only keys): failing"),
                "pacing": .object(
                    required: ["concurrency": .integer, "max_concurrency": .integer, "slowdowns": .integer],
                    optional: ["requests_per_second": .number]
                ).described(
                    "how hard this server presses the store now: requests in flight allowed, the cap, the rate "
                        + "if one is set or was learned from 429s, and how often it slowed down; absent until this "
                        + "server has sent the store a request"),
            ]),
        "WebhookHealth": .object(required: [
            "checked_at": .dateTime,
            "topics": .array(
                .object(
                    required: [
                        "topic": .string,
                        "status": .string(oneOf: WebhookHealth.Topic.Status.allCases.map(\.rawValue)),
                        "action": .string(oneOf: WebhookHealth.Topic.Action.allCases.map(\.rawValue)),
                    ],
                    optional: ["webhook_id": .integer, "reenabled_webhook_id": .integer])),
        ]),
        // `IntegrationController.TestResponse`.
        "ConnectionTest": .object(
            required: [
                "ok": .boolean, "platform": .string(oneOf: ["woocommerce", "shopify"]), "store_url": .string,
                "latency_ms": .number,
                // Written with string interpolation, so Swift case names (`queryString`), not raw values; a Shopify
                // shop is asked with its app's access token.
                "auth_mode": .string(oneOf: WooAuthenticationMode.allCases.map { "\($0)" } + ["access_token"]),
            ],
            optional: [
                "api_version": JSONSchema.string.described("Shopify: the Admin API version the shop served"),
                "woocommerce_version": .string, "wordpress_version": .string, "hpos": .boolean, "currency": .string,
                "can_write": .boolean,
            ]),
    ]

    // MARK: - Syncs

    /// Order syncs, their runs, and product syncs.
    static let syncSchemas: [String: JSONSchema] = [
        "SyncRequest": .object(optional: [
            "mode": .string(oneOf: OrderImportRequest.Mode.allCases.map(\.rawValue)),
            "statuses": .array(.string(maxLength: 100), minItems: 1).described(
                "store statuses the integration knows (the platform's and its mapping's custom ones); absent: all"),
            "after": .dateTime.described("created after; from 2000-01-01 to a day from now"),
            "before": .dateTime.described("created before; later than after, up to a day from now"),
        ]),
        // `SyncRunResponseBody`.
        "SyncJob": .object(
            required: ["job_id": .integer, "resumed": .boolean],
            optional: ["run": .ref("SyncRun").described("with ?wait=true: the finished run")]),
        // `SyncRunResponse`.
        "SyncRun": .object(
            required: [
                "id": .integer, "integration_id": .integer,
                "kind": .string(oneOf: SyncRun.Kind.allCases.map(\.rawValue)),
                "mode": .string.described("as the run's kind names it: full, incremental, …"),
                "state": .string(oneOf: SyncRun.State.allCases.map(\.rawValue)), "started_at": .dateTime,
                "pages_done": .integer, "counts": .ref("SyncCounts"), "errors": .array(.string),
            ],
            optional: [
                "finished_at": .dateTime, "total_pages": .integer,
                "entries": .array(.ref("SyncLogEntry")).described("only on GET of one run: its first 100 entries"),
            ]),
        "SyncRunList": list(of: "SyncRun"),
        "SyncCounts": .object(
            required: Dictionary(
                uniqueKeysWithValues: ["total", "created", "updated", "unchanged", "flagged", "skipped", "failed"].map {
                    ($0, JSONSchema.integer(minimum: 0))
                })),
        "SyncLogEntry": .object(required: [
            "external_id": .integer,
            "disposition": .string(oneOf: [SyncLogEntry.Disposition.skipped, .failed, .flagged].map(\.rawValue)),
            "code": .string, "message": .string,
        ]),
        // `IntegrationController.ProductSyncBody`.
        "ProductSyncRequest": .object(optional: [
            "direction": .string(oneOf: ["pull", "push", "both"]).described("default pull"),
            "skus": .array(.string, minItems: 1, maxItems: 10_000).described("push only these"),
        ]),
        // `IntegrationController.ProductSyncResponse`: the pull's counts when it pulled, the pushes when it pushed.
        "ProductSyncReport": .object(optional: [
            "products": .integer, "variations": .integer, "mapped": .integer, "without_sku": .integer,
            "duplicates": .map(.array(.string)).described("SKU → the products that share it"),
            "pushes_queued": .integer,
        ]),
    ]

    // MARK: - Orders

    /// ``OrderResponse`` and the bodies that change an order.
    static let orderSchemas: [String: JSONSchema] = [
        "Order": .object(required: [
            "id": .integer, "integration_id": .integer,
            "platform": JSONSchema.string(oneOf: ["woocommerce", "shopify"]).described("the integration's platform"),
            "external_id": .integer, "number": .string,
            "status": orderStatus, "store_status": .string, "currency": .string, "total": .decimal,
            "refunded_total": JSONSchema.decimal.described("the sum of the store's refunds, positive; 0 when none"),
            "customer_note": JSONSchema.string.described("the note the customer wrote at checkout; empty when none"),
            "customer": .object(required: ["name": .string, "email": .string, "phone": .string]),
            "billing_address": .ref("Address"), "shipping_address": .ref("Address"),
            "shipping_method": JSONSchema.string.orNull, "lines": .array(.ref("OrderLine")),
            "review": JSONSchema.object(required: [
                "reason": .string,
                "changes": .array(.object(required: ["field": .string, "old": .string, "new": .string])),
            ]).orNull.described("why the order waits for a person; null when it does not"),
            "created_at": .dateTime, "updated_at": .dateTime,
            "placed_at": JSONSchema.dateTime.orNull.described(
                "when the customer placed the order, as the store says; null when it did not"),
        ]),
        "OrderList": list(of: "Order"),
        // `OrderTimelineResponse`.
        "OrderTimeline": .object(required: ["items": .array(.ref("OrderEvent"))]),
        // `OrderEventResponse`.
        "OrderEvent": .object(required: [
            "at": .dateTime,
            "kind": .string(oneOf: OrderEvent.Kind.allCases.map(\.rawValue)),
            "from_status": orderStatus.orNull.described("status_changed: the status before"),
            "to_status": orderStatus.orNull.described("received and status_changed: the status after"),
            "origin": JSONSchema.string.orNull.described(
                "who caused it: import, webhook, reconciliation, store_answer or warehouse; null when not known"),
            "detail": .string.described("shipped: carrier and tracking number; flagged: the reason and the diff"),
        ]),
        "Address": .object(
            required: Dictionary(
                uniqueKeysWithValues: [
                    "first_name", "last_name", "company", "address_1", "address_2", "city", "state", "postcode",
                    "country", "phone",
                ].map { ($0, JSONSchema.string) })),
        "OrderLine": .object(
            required: [
                "name": .string, "quantity": .integer, "unit_price": .decimal,
                "refunded_quantity": JSONSchema.integer(minimum: 0).described(
                    "units the store refunded; still to send: quantity less these"),
            ],
            optional: ["sku": .string, "external_product_id": .integer, "external_variation_id": .integer]),
        // `OrderStatusController.Body`.
        "OrderStatusUpdate": .object(
            required: ["status": .string.described("a store status the integration maps")],
            optional: ["note": .string(maxLength: 10_000), "customer_note": .boolean]),
        // `OrderStatusController.Queued`.
        "StatusQueued": .object(required: [
            "order": .ref("Order"), "store_updates": .array(.ref("OutboxItem")), "settled": .boolean,
        ]),
        // `FulfillmentController.Body`.
        "FulfillmentEvent": .object(
            required: ["event": .string(oneOf: ["picked", "packed", "shipped", "delivered", "cancelled"])],
            optional: [
                "carrier": .string(maxLength: 100).described("shipped: required"),
                "tracking_number": .string(maxLength: 100).described("shipped: required"),
                "tracking_url": .url.described("shipped: an http(s) URL"),
                "lines": .array(.ref("ShipmentItem")).described("shipped: the units in a partial shipment"),
                "reason": .string(maxLength: 1_000).described("cancelled: required"),
            ]),
        // `FulfillmentController.Recorded`.
        "FulfillmentResult": .object(required: [
            "order": .ref("Order"), "shipments": .array(.ref("Shipment")),
            "unshipped": .map(.integer).described("SKU → units still to ship"),
            "store_updates_queued": .integer(minimum: 0),
        ]),
        "Shipment": .object(
            required: [
                "carrier": .string, "tracking_number": .string, "lines": .array(.ref("ShipmentItem")),
                "shipped_at": .dateTime,
            ],
            optional: ["id": .integer, "tracking_url": .string]),
        // `Shipment.Item`.
        "ShipmentItem": .object(required: ["sku": .string, "quantity": .integer(minimum: 1)]),
    ]

    // MARK: - Inventory and outbox

    /// ``InventoryController`` and ``OutboxController``.
    static let warehouseSchemas: [String: JSONSchema] = [
        "InventoryUpdate": .object(required: ["on_hand": .integer(minimum: 0, maximum: 1_000_000_000)]),
        "InventoryItem": .object(required: [
            "sku": .string, "on_hand": .integer, "reserved": .integer, "available": .integer,
            "stores": .array(.ref("InventoryStore")),
        ]),
        // `InventoryController.Item.Store`: `unmanaged` — the store does not track the SKU's stock; no push is sent.
        "InventoryStore": .object(required: [
            "integration_id": .integer, "name": .string.described("the integration's name"),
            "stock_management": .string(oneOf: SKUMapEntry.StockManagement.allCases.map(\.rawValue)),
            "manages_stock": .boolean.described("the store keeps a stock figure for the SKU (manage_stock)"),
            "duplicated": .boolean.described(
                "the store uses the SKU on several products or variations: none is mapped, nothing is pushed"),
        ]),
        "InventoryList": list(of: "InventoryItem"),
        "OutboxItem": .object(
            required: [
                "id": .integer, "integration_id": .integer,
                "kind": .string(oneOf: OutboxKind.allCases.map(\.rawValue)),
                "payload": .string.described("the update as queued, JSON text"),
                "state": .string(oneOf: OutboxState.allCases.map(\.rawValue)), "attempts": .integer(minimum: 0),
                "not_before": .dateTime, "created_at": .dateTime, "updated_at": .dateTime,
            ],
            optional: [
                "external_order_id": .integer, "last_error": .string,
                "detail": .string.described("why the item settled without a request to the store"),
            ]),
        "OutboxList": list(of: "OutboxItem"),
        "OutboxRetryDead": .object(required: ["integration_id": .integer]),
        "OutboxRetried": .object(required: ["retried": .integer.described("dead updates queued again")]),
    ]

    // MARK: - Webhooks

    /// ``WebhookRegistrationController`` and ``WebhookReceiverController``.
    static let webhookSchemas: [String: JSONSchema] = [
        "WebhookRegistrationRequest": .object(optional: [
            "topics": .array(.string(oneOf: WebhookRegistrar.allowedTopics.sorted())).described(
                "default: " + WebhookRegistrar.defaultTopics.joined(separator: ", "))
        ]),
        "WebhookRegistration": .object(
            required: [
                "delivery_url": .url,
                "webhooks": .array(
                    .object(required: [
                        "id": .integer, "topic": .string,
                        "status": .string.described("the store's: active, paused, disabled"),
                        "action": .string(oneOf: WebhookHealth.Topic.Action.allCases.map(\.rawValue)),
                    ])),
                "backfill_deferred": .boolean.described(
                    "something was repaired while another order sync ran: that run covers the gap"),
            ],
            optional: [
                "backfill_job_id": .integer.described(
                    "the incremental sync a repair started (follow it at /sync/{job}); absent when nothing was repaired"
                )
            ]),
        "Received": .object(
            required: ["ok": .boolean],
            optional: ["duplicate": .boolean.described("absent for a ping")]),
    ]
}
