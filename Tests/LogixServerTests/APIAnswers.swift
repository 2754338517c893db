import Foundation

/// The API's answers typed for the tests, as far as they read them: what `GET …` returns, what the examples
/// print about and what `logix … --json` prints (the same bodies). Fields a test does not read are left out, so
/// an added field breaks nothing; fields the API may leave out are optional.
enum APIAnswers {
    struct Page<Item: Decodable & Sendable>: Decodable, Sendable {
        var items: [Item]
        var page: Int
        var perPage: Int
        var total: Int
        enum CodingKeys: String, CodingKey {
            case items, page, total
            case perPage = "per_page"
        }
    }

    struct Failure: Decodable, Sendable {
        var code: String
        var message: String
        var at: String
    }

    struct Health: Decodable, Sendable {
        var failing: Bool
        var lastSuccessAt: String?
        var lastError: Failure?
        var outboxPending: Int
        var outboxDead: Int
        var writesRefused: Failure?
        var pacing: Pacing?
        enum CodingKeys: String, CodingKey {
            case failing, pacing
            case lastSuccessAt = "last_success_at"
            case lastError = "last_error"
            case outboxPending = "outbox_pending"
            case outboxDead = "outbox_dead"
            case writesRefused = "writes_refused"
        }
    }

    struct Pacing: Decodable, Sendable {
        var concurrency: Int
        var maxConcurrency: Int
        var requestsPerSecond: Double?
        var slowdowns: Int
        enum CodingKeys: String, CodingKey {
            case concurrency, slowdowns
            case maxConcurrency = "max_concurrency"
            case requestsPerSecond = "requests_per_second"
        }
    }

    struct Integration: Decodable, Sendable {
        var id: Int64
        var platform: String
        var storeURL: String
        var integrationName: String
        var consumerKeyLast4: String
        var hasWebhookSecret: Bool
        var status: String
        var health: Health?
        var maxConcurrency: Int
        var maxRequestsPerSecond: Double?
        enum CodingKeys: String, CodingKey {
            case id, platform, status, health
            case maxConcurrency = "max_concurrency"
            case maxRequestsPerSecond = "max_requests_per_second"
            case storeURL = "store_url"
            case integrationName = "integration_name"
            case consumerKeyLast4 = "consumer_key_last4"
            case hasWebhookSecret = "has_webhook_secret"
        }
    }

    struct ConnectionTest: Decodable, Sendable {
        var ok: Bool
        var platform: String
        var storeURL: String
        var authMode: String
        var canWrite: Bool?
        enum CodingKeys: String, CodingKey {
            case ok, platform
            case storeURL = "store_url"
            case authMode = "auth_mode"
            case canWrite = "can_write"
        }
    }

    struct Webhooks: Decodable, Sendable {
        struct Hook: Decodable, Sendable {
            var id: Int
            var topic: String
            var status: String
            var action: String
        }
        var deliveryURL: String
        var webhooks: [Hook]
        enum CodingKeys: String, CodingKey {
            case webhooks
            case deliveryURL = "delivery_url"
        }
    }

    struct Counts: Decodable, Sendable {
        var total, created, updated, unchanged, flagged, skipped, failed: Int
    }

    struct SyncRun: Decodable, Sendable {
        var id: Int64
        var state: String
        var pagesDone: Int
        var totalPages: Int?
        var counts: Counts
        enum CodingKeys: String, CodingKey {
            case id, state, counts
            case pagesDone = "pages_done"
            case totalPages = "total_pages"
        }
    }

    /// `POST …/sync`: the job, and with `?wait=true` its run.
    struct SyncJob: Decodable, Sendable {
        var jobID: Int64
        var resumed: Bool
        var run: SyncRun?
        enum CodingKeys: String, CodingKey {
            case resumed, run
            case jobID = "job_id"
        }
    }

    struct Order: Decodable, Sendable {
        struct Customer: Decodable, Sendable { var name: String }
        struct Line: Decodable, Sendable {
            var sku: String?
            var name: String
            var quantity: Int
        }
        var id: Int64
        var integrationID: Int64
        var externalID: Int
        var number: String
        var status: String
        var customer: Customer
        var lines: [Line]
        enum CodingKeys: String, CodingKey {
            case id, number, status, customer, lines
            case integrationID = "integration_id"
            case externalID = "external_id"
        }

        /// The line the orders-to-pick example prints for it.
        var pickLine: String {
            let lines = lines.map { "\($0.quantity) x \($0.sku ?? $0.name)" }.joined(separator: ", ")
            return "\(id)\t#\(number)\t\(customer.name)\t\(lines)"
        }
    }

    struct OutboxItem: Decodable, Sendable {
        var id: Int64
        var integrationID: Int64
        var kind: String
        var payload: String
        var state: String
        var externalOrderID: Int?
        var lastError: String?
        enum CodingKeys: String, CodingKey {
            case id, kind, payload, state
            case integrationID = "integration_id"
            case externalOrderID = "external_order_id"
            case lastError = "last_error"
        }
    }

    struct Retried: Decodable, Sendable { var retried: Int }

    struct InventoryItem: Decodable, Sendable {
        struct Store: Decodable, Sendable {
            var integrationID: Int64
            var managesStock: Bool
            enum CodingKeys: String, CodingKey {
                case integrationID = "integration_id"
                case managesStock = "manages_stock"
            }
        }
        var sku: String
        var onHand: Int
        var reserved: Int
        var available: Int
        var stores: [Store]
        enum CodingKeys: String, CodingKey {
            case sku, reserved, available, stores
            case onHand = "on_hand"
        }
    }

    /// What `logix integrations delete --json` prints (the API answers 204 without a body).
    struct Deleted: Decodable, Sendable {
        var id: Int64
        var deleted: Bool
    }
}
