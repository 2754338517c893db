import Foundation
import HTTPTypes
import LogixCore
import Storage

/// The OpenAPI 3.1 document of the API, built from one table of operations so it cannot drift from itself;
/// a test checks that its operations and the router's routes are the same set, and that real responses match
/// the schemas (``APIDocument/schemas``) the table names.
enum APIDocument {
    /// One operation: where, what it takes, and what it answers.
    struct Operation: Sendable {
        var method: String
        var path: String
        var summary: String
        var authenticated = true
        var query: [Parameter] = []
        var headers: [Parameter] = []
        var request: RequestBody?
        /// Success statuses and their bodies.
        var responses: [Int: Body]
        /// Error statuses beyond those every such operation has (see ``impliedErrors(of:)``).
        var errors: [Int] = []
    }

    /// A request body: a schema name, and whether the route reads it at all without one.
    struct RequestBody: Sendable {
        var schema: String
        var required = true
        /// A second media type, for the receiver's form-encoded pings.
        var alsoForm = false
    }

    /// What a success answers.
    enum Body: Sendable {
        case json(String)
        case empty
        case prometheusText
        /// The document itself: an OpenAPI object, not described by a schema here.
        case openAPI
    }

    /// A query or header parameter (path parameters come from the path).
    struct Parameter: Sendable {
        var name: String
        var schema: JSONSchema
        var description: String
        var required = false
    }

    /// What a store connection's 422 codes mean (create, key change, test).
    static let storeConnectionCodes =
        "store_url_not_allowed (the address is not a public one), store_unreachable (nothing answers there), "
        + "store_not_woocommerce (it answers, but not as a WooCommerce REST API), store_redirected (it answers "
        + "with a redirect, never followed), the store's own code such as woocommerce_rest_authentication_error "
        + "(the keys are refused), store_keys_read_only (the keys may not write; allow_read_only accepts them)"

    static let errorMeanings: [Int: String] = [
        400: "malformed body (not JSON, or the wrong JSON types)",
        401: "missing, forged or expired token (the receiver: unknown integration or bad signature)",
        404: "not found (also another user's)", 409: "conflicts with the current state (see error.fields)",
        413: "body too large", 422: "invalid fields (see error.fields) or refused by the store",
        429: "rate limited (see Retry-After)", 500: "internal error", 502: "the store failed or is unreachable",
    ]

    /// Errors that follow from the operation's shape: a token can be missing, anything under `/api/v1` is rate
    /// limited, and anything can fail inside. 400 and 413 are listed per operation: not every route that takes
    /// a body refuses an unreadable one.
    static func impliedErrors(of operation: Operation) -> Set<Int> {
        var statuses: Set<Int> = [500]
        if operation.authenticated { statuses.insert(401) }
        if operation.path.hasPrefix("/api/v1/") { statuses.insert(429) }
        return statuses
    }

    static let paging: [Parameter] = [
        Parameter(name: "page", schema: .integer(minimum: 1, default: 1), description: "from 1"),
        Parameter(name: "per_page", schema: .integer(minimum: 1, maximum: 100, default: 20), description: "1 to 100"),
    ]
    static let integrationFilter = Parameter(
        name: "integration_id", schema: .integer, description: "only this integration's (another user's: none)")

    /// The routes of one integration that a Shopify integration answers too, under `/api/v1/shopify/…`, with
    /// the same shapes (`IntegrationController` serves both).
    static let sharedIntegrationPaths: [(method: String, path: String)] = [
        ("get", "/api/v1/woocommerce/integrations"),
        ("get", "/api/v1/woocommerce/integrations/{id}"), ("delete", "/api/v1/woocommerce/integrations/{id}"),
        ("post", "/api/v1/woocommerce/integrations/{id}/test"), ("post", "/api/v1/woocommerce/integrations/{id}/sync"),
        ("get", "/api/v1/woocommerce/integrations/{id}/sync/{job}"),
        ("get", "/api/v1/woocommerce/integrations/{id}/sync-logs"),
        ("post", "/api/v1/woocommerce/integrations/{id}/products/sync"),
        ("post", "/api/v1/woocommerce/integrations/{id}/webhooks"),
    ]

    /// Every operation: the table below, and the Shopify copies of ``sharedIntegrationPaths``.
    static let operations: [Operation] =
        wooCommerceAndCommonOperations
        + wooCommerceAndCommonOperations.filter { operation in
            sharedIntegrationPaths.contains { $0.method == operation.method && $0.path == operation.path }
        }.map { operation in
            var copy = operation
            copy.path = operation.path.replacingOccurrences(of: "/woocommerce/", with: "/shopify/")
            copy.summary += " (a Shopify integration)"
            return copy
        }

    static let wooCommerceAndCommonOperations: [Operation] = [
        Operation(
            method: "get", path: "/health", summary: "Liveness and database readiness", authenticated: false,
            responses: [200: .json("Health"), 503: .json("Health")]),
        Operation(
            method: "get", path: "/metrics", summary: "Prometheus metrics", authenticated: false,
            responses: [200: .prometheusText]),
        Operation(
            method: "get", path: "/openapi.json", summary: "This document", authenticated: false,
            responses: [200: .openAPI]),
        Operation(
            method: "post", path: "/api/v1/auth/token", summary: "A bearer token for email and password",
            authenticated: false, request: RequestBody(schema: "TokenRequest"), responses: [200: .json("Token")],
            errors: [400, 401, 413]),
        Operation(
            method: "post", path: "/api/v1/woocommerce/integrations",
            summary:
                "Connect a store (its URL and keys are checked first). 409 store_already_connected when the caller "
                + "has connected it already (error.fields.integration_id). 422 codes of the store connection: "
                + Self.storeConnectionCodes,
            request: RequestBody(schema: "IntegrationCreate"), responses: [201: .json("Integration")],
            errors: [400, 409, 413, 422, 502]),
        Operation(
            method: "post", path: "/api/v1/shopify/integrations",
            summary:
                "Connect a Shopify shop (its address and access token are checked first; the app's API secret "
                + "verifies its webhooks). 409 store_already_connected as for WooCommerce; 422 store_url_not_allowed, "
                + "store_unreachable or store_refused_credentials (the token is refused or lacks a scope)",
            request: RequestBody(schema: "ShopifyIntegrationCreate"), responses: [201: .json("Integration")],
            errors: [400, 409, 413, 422, 502]),
        Operation(
            method: "get", path: "/api/v1/woocommerce/integrations", summary: "The caller's integrations",
            query: paging, responses: [200: .json("IntegrationList")], errors: [422]),
        Operation(
            method: "get", path: "/api/v1/woocommerce/integrations/{id}", summary: "One integration, with its health",
            responses: [200: .json("Integration")], errors: [404]),
        Operation(
            method: "patch", path: "/api/v1/woocommerce/integrations/{id}",
            summary: "Change name, settings, status mapping or keys (new keys are checked first)",
            request: RequestBody(schema: "IntegrationUpdate"), responses: [200: .json("Integration")],
            errors: [400, 404, 413, 422, 502]),
        Operation(
            method: "patch", path: "/api/v1/shopify/integrations/{id}",
            summary:
                "Change a Shopify integration's name, settings, status mapping, location, API version or token "
                + "(a new token, secret, location or version is checked against the shop first)",
            request: RequestBody(schema: "ShopifyIntegrationUpdate"), responses: [200: .json("Integration")],
            errors: [400, 404, 413, 422, 502]),
        Operation(
            method: "delete", path: "/api/v1/woocommerce/integrations/{id}",
            summary: "Delete an integration (and, best effort, its webhooks at the store)",
            responses: [204: .empty], errors: [404]),
        Operation(
            method: "post", path: "/api/v1/woocommerce/integrations/{id}/test",
            summary: "Connection test. 422 codes: " + Self.storeConnectionCodes,
            responses: [200: .json("ConnectionTest")], errors: [404, 422, 502]),
        Operation(
            method: "post", path: "/api/v1/woocommerce/integrations/{id}/sync",
            summary: "Start an order sync (202 with a job id; ?wait=true answers 200 with the finished run)",
            query: [
                Parameter(name: "wait", schema: .boolean, description: "true or 1: answer when the run has ended")
            ],
            request: RequestBody(schema: "SyncRequest"), responses: [202: .json("SyncJob"), 200: .json("SyncJob")],
            errors: [400, 404, 409, 413, 422]),
        Operation(
            method: "get", path: "/api/v1/woocommerce/integrations/{id}/sync/{job}",
            summary: "A sync run's progress, with its first entries", responses: [200: .json("SyncRun")],
            errors: [404]),
        Operation(
            method: "get", path: "/api/v1/woocommerce/integrations/{id}/sync-logs", summary: "The integration's runs",
            query: paging, responses: [200: .json("SyncRunList")], errors: [404, 422]),
        Operation(
            method: "post", path: "/api/v1/woocommerce/integrations/{id}/products/sync",
            summary: "Pull the catalog into the SKU map, push stock to the store, or both",
            request: RequestBody(schema: "ProductSyncRequest"), responses: [200: .json("ProductSyncReport")],
            errors: [400, 404, 413, 422, 502]),
        Operation(
            method: "post", path: "/api/v1/woocommerce/integrations/{id}/webhooks",
            summary: "Register (or repair) the store's webhooks (no body: the default topics)",
            request: RequestBody(schema: "WebhookRegistrationRequest", required: false),
            responses: [200: .json("WebhookRegistration")], errors: [400, 404, 413, 422, 502]),
        Operation(
            method: "post", path: "/api/v1/woocommerce/webhooks/receive",
            summary: "The webhook receiver: a delivery signed by the store, or its ping (webhook_id=N)",
            authenticated: false,
            query: [
                Parameter(
                    name: "integration", schema: .integer, description: "the integration the webhook is for",
                    required: true)
            ],
            headers: [
                Parameter(
                    name: "X-WC-Webhook-Topic", schema: .string,
                    description: "order.created, product.updated, …; absent on a ping"),
                Parameter(
                    name: "X-WC-Webhook-Signature", schema: .string,
                    description: "base64 HMAC-SHA256 of the body with the webhook secret"),
            ],
            request: RequestBody(schema: "WebhookPayload", alsoForm: true), responses: [200: .json("Received")],
            errors: [401, 413]),
        Operation(
            method: "post", path: "/api/v1/shopify/webhooks/receive",
            summary: "The Shopify webhook receiver: a delivery signed with the app's API secret",
            authenticated: false,
            query: [
                Parameter(
                    name: "integration", schema: .integer, description: "the integration the webhook is for",
                    required: true)
            ],
            headers: [
                Parameter(
                    name: "X-Shopify-Topic", schema: .string, description: "orders/create, orders/updated, …"),
                Parameter(
                    name: "X-Shopify-Hmac-Sha256", schema: .string,
                    description: "base64 HMAC-SHA256 of the raw body with the app's API secret"),
                Parameter(
                    name: "X-Shopify-Webhook-Id", schema: .string,
                    description: "the delivery's id, the same on Shopify's retries"),
            ],
            request: RequestBody(schema: "WebhookPayload"), responses: [200: .json("Received")],
            errors: [401, 413]),
        Operation(
            method: "put", path: "/api/v1/woocommerce/integrations/{id}/orders/{order}/status",
            summary:
                "Queue an order's status for the store (order = the store's id), with an optional note, through the outbox",
            query: [
                Parameter(
                    name: "wait", schema: .boolean,
                    description: "true or 1: answer once the updates were sent (200) or the bound passed (202)"),
                Parameter(
                    name: "wait_seconds", schema: .integer,
                    description: "the bound for wait, 1 to 120 seconds (default 30)"),
            ],
            request: RequestBody(schema: "OrderStatusUpdate"),
            responses: [202: .json("StatusQueued"), 200: .json("StatusQueued")],
            errors: [400, 404, 413, 422]),
        Operation(
            method: "put", path: "/api/v1/shopify/integrations/{id}/orders/{order}/status",
            summary:
                "A Shopify order has no status Logix could set: always 422 unsupported_operation, nothing queued. "
                + "Record the shipment instead (POST /api/v1/orders/{id}/fulfillment): it becomes a fulfillment",
            request: RequestBody(schema: "OrderStatusUpdate"), responses: [202: .json("StatusQueued")],
            errors: [400, 404, 413, 422]),
        Operation(
            method: "get", path: "/api/v1/orders", summary: "The caller's orders",
            query: paging + [
                integrationFilter,
                Parameter(name: "status", schema: orderStatus, description: "Logix status"),
                Parameter(name: "review", schema: .boolean, description: "true: only orders flagged for review"),
                Parameter(
                    name: "search", schema: .string(maxLength: 200),
                    description: "the order number exactly (with or without #), or part of the customer's e-mail "
                        + "or name, in any case"),
            ],
            responses: [200: .json("OrderList")], errors: [422]),
        Operation(
            method: "get", path: "/api/v1/orders/{id}", summary: "One order", responses: [200: .json("Order")],
            errors: [404]),
        Operation(
            method: "get", path: "/api/v1/orders/{id}/timeline",
            summary: "What happened to an order, oldest first: received, status changes, shipments, review flags",
            responses: [200: .json("OrderTimeline")], errors: [404]),
        Operation(
            method: "post", path: "/api/v1/orders/{id}/fulfillment",
            summary: "Record picked, packed, shipped (carrier, tracking, optional lines), delivered or cancelled; "
                + "queues the store updates", request: RequestBody(schema: "FulfillmentEvent"),
            responses: [200: .json("FulfillmentResult")], errors: [400, 404, 409, 413, 422]),
        Operation(
            method: "get", path: "/api/v1/inventory", summary: "Stock of the SKUs the caller's stores map",
            query: paging + [
                Parameter(
                    name: "search", schema: .string(maxLength: 200), description: "only SKUs containing this, any case")
            ],
            responses: [200: .json("InventoryList")], errors: [422]),
        Operation(
            method: "put", path: "/api/v1/inventory/{sku}",
            summary: "Set on-hand stock of a SKU; pushed to every store of the caller that maps it",
            request: RequestBody(schema: "InventoryUpdate"), responses: [200: .json("InventoryItem")],
            errors: [400, 404, 413, 422]),
        Operation(
            method: "get", path: "/api/v1/outbox", summary: "Queued store updates",
            query: paging + [
                integrationFilter,
                Parameter(
                    name: "state", schema: .string(oneOf: OutboxState.allCases.map(\.rawValue)),
                    description: "only items in this state"),
                Parameter(
                    name: "order_id", schema: .integer,
                    description: "only the updates of this order (its Logix id; another user's: none)"),
            ],
            responses: [200: .json("OutboxList")], errors: [422]),
        Operation(
            method: "post", path: "/api/v1/outbox/{id}/retry", summary: "Send a dead store update again",
            responses: [200: .json("OutboxItem")], errors: [404, 409]),
        Operation(
            method: "post", path: "/api/v1/outbox/retry-dead",
            summary: "Send every dead store update of one integration again",
            request: RequestBody(schema: "OutboxRetryDead"), responses: [200: .json("OutboxRetried")],
            errors: [400, 404, 413, 422]),
    ]

    // MARK: - Rendering

    /// The document as JSON.
    static func json() throws -> Data {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            paths[operation.path, default: [:]][operation.method] = entry(operation)
        }
        var schemas = self.schemas.mapValues(\.json)
        // The store's own order or product JSON, passed through as received.
        schemas["WebhookPayload"] = JSONSchema.anyObject.json
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "Logix commerce connector", "version": "1.0.0"],
            "paths": paths,
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"]],
                "schemas": schemas,
            ],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    private static func entry(_ operation: Operation) -> [String: Any] {
        var responses: [String: Any] = [:]
        for (status, body) in operation.responses {
            switch body {
            case .json(let schema):
                responses[String(status)] = [
                    "description": phrase(status),
                    "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(schema)"]]],
                ]
            case .empty:
                responses[String(status)] = ["description": phrase(status)]
            case .prometheusText:
                responses[String(status)] = [
                    "description": "Prometheus text format 0.0.4",
                    "content": ["text/plain": ["schema": ["type": "string"]]],
                ]
            case .openAPI:
                responses[String(status)] = [
                    "description": "OpenAPI 3.1", "content": ["application/json": ["schema": ["type": "object"]]],
                ]
            }
        }
        for status in impliedErrors(of: operation).union(operation.errors) {
            responses[String(status)] = [
                "description": errorMeanings[status] ?? phrase(status),
                "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
            ]
        }
        var entry: [String: Any] = [
            "summary": operation.summary, "responses": responses,
            "operationId": operation.method + operation.path.split(separator: "/").map(operationIDWord).joined(),
        ]
        if operation.authenticated { entry["security"] = [["bearer": [String]()]] }
        var parameters = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { name in
            [
                "name": String(name.dropFirst().dropLast()), "in": "path", "required": true,
                "schema": ["type": name == "{sku}" ? "string" : "integer"],
            ] as [String: Any]
        }
        for (location, list) in [("query", operation.query), ("header", operation.headers)] {
            for parameter in list {
                var json: [String: Any] = [
                    "name": parameter.name, "in": location, "required": parameter.required,
                    "schema": parameter.schema.json,
                ]
                if !parameter.description.isEmpty { json["description"] = parameter.description }
                parameters.append(json)
            }
        }
        if !parameters.isEmpty { entry["parameters"] = parameters }
        if let request = operation.request {
            var content: [String: Any] = [
                "application/json": ["schema": ["$ref": "#/components/schemas/\(request.schema)"]]
            ]
            if request.alsoForm {
                content["application/x-www-form-urlencoded"] = [
                    "schema": JSONSchema.object(required: ["webhook_id": .integer]).json
                ]
            }
            entry["requestBody"] = ["required": request.required, "content": content]
        }
        return entry
    }

    /// The status's reason phrase: `Status(code:)` alone carries none, the predefined statuses do.
    private static func phrase(_ status: Int) -> String {
        let known: [HTTPResponse.Status] = [
            .ok, .created, .accepted, .noContent, .seeOther, .notModified, .badRequest, .unauthorized, .forbidden,
            .notFound, .methodNotAllowed, .conflict, .contentTooLarge, .unprocessableContent, .tooManyRequests,
            .internalServerError, .badGateway, .serviceUnavailable, .gatewayTimeout,
        ]
        return known.first { $0.code == status }?.reasonPhrase ?? HTTPResponse.Status(code: status).reasonPhrase
    }

    /// `sync-logs` → `SyncLogs`, `{id}` → `ById`: an operation id a client generator can name a method after.
    private static func operationIDWord(_ component: Substring) -> String {
        if component.hasPrefix("{") { return "By" + component.dropFirst().dropLast().capitalized }
        return component.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(\.capitalized).joined()
    }
}
