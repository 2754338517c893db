import Foundation

/// The OpenAPI 3.1 document of the API, built from one table of operations so it cannot drift from itself;
/// a test checks that its operations and the router's routes are the same set.
enum APIDocument {
    /// One operation: where, what, and what it answers.
    struct Operation {
        var method: String
        var path: String
        var summary: String
        var authenticated = true
        var requestSchema: String?
        var responses: [Int: String]
    }

    static let errors: [Int: String] = [
        400: "malformed body", 401: "missing, forged or expired token", 404: "not found (also another user's id)",
        422: "invalid fields", 429: "rate limited (see Retry-After)",
    ]

    static let operations: [Operation] = [
        Operation(
            method: "get", path: "/health", summary: "Liveness and database readiness", authenticated: false,
            responses: [200: "Health", 503: "Health"]),
        Operation(
            method: "get", path: "/metrics", summary: "Prometheus metrics", authenticated: false,
            responses: [200: "text"]),
        Operation(
            method: "get", path: "/openapi.json", summary: "This document", authenticated: false,
            responses: [200: "document"]),
        Operation(
            method: "post", path: "/api/v1/auth/token", summary: "A bearer token for email and password",
            authenticated: false, requestSchema: "TokenRequest", responses: [200: "Token"]),
        Operation(
            method: "post", path: "/api/v1/woocommerce/integrations",
            summary: "Connect a store (its URL and keys are checked first)", requestSchema: "IntegrationCreate",
            responses: [201: "Integration", 502: "Error"]),
        Operation(
            method: "get", path: "/api/v1/woocommerce/integrations", summary: "The caller's integrations",
            responses: [200: "IntegrationList"]),
        Operation(
            method: "get", path: "/api/v1/woocommerce/integrations/{id}", summary: "One integration",
            responses: [200: "Integration"]),
        Operation(
            method: "patch", path: "/api/v1/woocommerce/integrations/{id}",
            summary: "Change name, settings, status mapping or keys (new keys are checked first)",
            requestSchema: "IntegrationUpdate", responses: [200: "Integration", 502: "Error"]),
        Operation(
            method: "delete", path: "/api/v1/woocommerce/integrations/{id}", summary: "Delete an integration",
            responses: [204: "empty"]),
        Operation(
            method: "post", path: "/api/v1/woocommerce/integrations/{id}/test", summary: "Connection test",
            responses: [200: "ConnectionTest", 502: "Error"]),
        Operation(
            method: "post", path: "/api/v1/woocommerce/integrations/{id}/sync",
            summary: "Start an order sync (202 with a job id; ?wait=true answers with the run)",
            requestSchema: "SyncRequest", responses: [202: "SyncJob", 200: "SyncJob", 409: "Error"]),
        Operation(
            method: "get", path: "/api/v1/woocommerce/integrations/{id}/sync/{job}", summary: "A sync run's progress",
            responses: [200: "SyncRun"]),
        Operation(
            method: "get", path: "/api/v1/woocommerce/integrations/{id}/sync-logs", summary: "The integration's runs",
            responses: [200: "SyncRunList"]),
        Operation(
            method: "post", path: "/api/v1/woocommerce/integrations/{id}/products/sync",
            summary: "Pull the catalog into the SKU map", requestSchema: "ProductSync",
            responses: [200: "ProductSyncReport", 502: "Error"]),
        Operation(
            method: "post", path: "/api/v1/woocommerce/integrations/{id}/webhooks",
            summary: "Register (or repair) the store's webhooks", requestSchema: "WebhookRegistration",
            responses: [200: "WebhookRegistrationResult", 502: "Error"]),
        Operation(
            method: "post", path: "/api/v1/woocommerce/webhooks/receive",
            summary: "The webhook receiver (?integration={id}; signed by the store)", authenticated: false,
            requestSchema: "WooCommerce order or product JSON", responses: [200: "Received", 413: "Error"]),
        Operation(
            method: "put", path: "/api/v1/woocommerce/integrations/{id}/orders/{order}/status",
            summary: "Set an order's status in the store (order = the store's id), with an optional note",
            requestSchema: "OrderStatusUpdate", responses: [200: "Order", 502: "Error"]),
        Operation(
            method: "get", path: "/api/v1/orders",
            summary: "The caller's orders (?integration_id=&status=&review=&page=&per_page=)",
            responses: [200: "OrderList"]),
        Operation(method: "get", path: "/api/v1/orders/{id}", summary: "One order", responses: [200: "Order"]),
        Operation(
            method: "post", path: "/api/v1/orders/{id}/fulfillment",
            summary: "Record picked, packed, shipped (carrier, tracking, optional lines), delivered or cancelled; "
                + "queues the store updates", requestSchema: "FulfillmentEvent",
            responses: [200: "FulfillmentResult", 409: "Error"]),
        Operation(
            method: "get", path: "/api/v1/inventory", summary: "Stock of the SKUs the caller's stores map (paged)",
            responses: [200: "InventoryList"]),
        Operation(
            method: "put", path: "/api/v1/inventory/{sku}",
            summary: "Set on-hand stock of a SKU; pushed to every store of the caller that maps it",
            requestSchema: "InventoryUpdate", responses: [200: "InventoryItem"]),
        Operation(
            method: "get", path: "/api/v1/outbox",
            summary: "Queued store updates (?state=pending|done|dead&integration_id=&page=&per_page=)",
            responses: [200: "OutboxList"]),
        Operation(
            method: "post", path: "/api/v1/outbox/{id}/retry", summary: "Send a dead store update again",
            responses: [200: "OutboxItem", 409: "Error"]),
    ]

    /// The document as JSON.
    static func json() throws -> Data {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            var responses: [String: Any] = [:]
            for (status, schema) in operation.responses {
                responses[String(status)] = ["description": schema]
            }
            for (status, meaning) in errors where operation.authenticated || status == 400 || status == 429 {
                responses[String(status)] = [
                    "description": meaning,
                    "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
                ]
            }
            var entry: [String: Any] = ["summary": operation.summary, "responses": responses]
            if operation.authenticated { entry["security"] = [["bearer": [String]()]] }
            let parameters = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { name in
                [
                    "name": String(name.dropFirst().dropLast()), "in": "path", "required": true,
                    "schema": ["type": name == "{sku}" ? "string" : "integer"],
                ] as [String: Any]
            }
            if !parameters.isEmpty { entry["parameters"] = parameters }
            if let schema = operation.requestSchema {
                entry["requestBody"] = ["content": ["application/json": ["schema": ["description": schema]]]]
            }
            paths[operation.path, default: [:]][operation.method] = entry
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "Logix commerce connector", "version": "1.0.0"],
            "paths": paths,
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"]],
                "schemas": [
                    "Error": [
                        "type": "object", "required": ["error"],
                        "properties": [
                            "error": [
                                "type": "object", "required": ["code", "message"],
                                "properties": [
                                    "code": ["type": "string"], "message": ["type": "string"],
                                    "fields": ["type": "object", "additionalProperties": ["type": "string"]],
                                ],
                            ]
                        ],
                    ]
                ],
            ],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
