import Foundation
import Hummingbird
import LogixCore
import Pacing
import Storage
import Sync
import WooCommerce

/// An integration as the API shows it: never a secret; of the consumer key only its last four characters.
struct IntegrationResponse: Encodable, Sendable {
    var id: Int64
    /// `woocommerce` or `shopify`: which routes and settings apply.
    var platform: String
    var storeURL: String
    var integrationName: String
    var consumerKeyLast4: String
    var hasWebhookSecret: Bool
    var autoSync: Bool
    var syncIntervalMinutes: Int
    var status: String
    var importStatuses: [String]
    var statusMapping: StatusMappingView
    var createdAt: Date
    var lastSyncAt: Date?
    var ordersCursor: Date?
    var fulfillment: FulfillmentSettings
    var allowReadOnly: Bool
    var maxConcurrency: Int
    var maxRequestsPerSecond: Double?
    /// Shopify only: the location stock is set at (`nil`: the shop's first active one).
    var locationID: Int64?
    /// Shopify only: the Admin API version requests name.
    var apiVersion: String?
    /// Shopify only: whether the shop's test orders are imported.
    var importTestOrders: Bool?
    /// Shopify only: how the app signs in, `access_token` (a static token) or `client_credentials` (24-hour
    /// tokens Logix asks for with the app's client id and secret).
    var authentication: String?
    /// Only on a single integration's read: the background work's state.
    var health: HealthBody?

    enum CodingKeys: String, CodingKey {
        case id, platform, fulfillment, health
        case storeURL = "store_url"
        case integrationName = "integration_name"
        case consumerKeyLast4 = "consumer_key_last4"
        case hasWebhookSecret = "has_webhook_secret"
        case autoSync = "auto_sync"
        case syncIntervalMinutes = "sync_interval_minutes"
        case status
        case importStatuses = "import_statuses"
        case statusMapping = "status_mapping"
        case createdAt = "created_at"
        case lastSyncAt = "last_sync_at"
        case ordersCursor = "orders_cursor"
        case allowReadOnly = "allow_read_only"
        case maxConcurrency = "max_concurrency"
        case maxRequestsPerSecond = "max_requests_per_second"
        case locationID = "location_id"
        case apiVersion = "api_version"
        case importTestOrders = "import_test_orders"
        case authentication = "auth"
    }

    init(_ record: IntegrationRecord) throws {
        id = record.id
        platform = record.platform
        storeURL = record.storeURL
        integrationName = record.name
        consumerKeyLast4 = record.consumerKeyLast4
        hasWebhookSecret = record.webhookSecretSealed != nil
        autoSync = record.autoSync
        syncIntervalMinutes = record.syncIntervalMinutes
        status = record.status.rawValue
        if ChannelPlatform(rawValue: record.platform) == .shopify {
            let settings = ChannelSettings(record)
            importStatuses = (settings.importedStatuses ?? ShopifyStatusMapping.default.storeStatuses).sorted()
            statusMapping = StatusMappingView(
                inbound: settings.statusOverrides.mapValues(\.rawValue), outbound: nil,
                imported: settings.importedStatuses?.sorted())
            locationID = settings.locationID
            apiVersion = settings.shopifyAPIVersion
            importTestOrders = settings.importsTestOrders
            authentication = settings.usesClientCredentials ? "client_credentials" : "access_token"
        } else {
            let mapping = try record.statusMapping()
            importStatuses = mapping.effectiveImportedStatuses.map(\.rawValue).sorted()
            statusMapping = StatusMappingView(mapping)
        }
        createdAt = record.createdAt
        lastSyncAt = record.lastSyncAt
        ordersCursor = record.ordersCursor
        fulfillment = record.fulfillmentSettings
        allowReadOnly = record.allowsReadOnly
        maxConcurrency = record.maxConcurrency
        maxRequestsPerSecond = record.maxRequestsPerSecond
    }

    /// A single integration's read: the record with its health.
    init(_ detail: Integrations.Detail) throws {
        try self.init(detail.record)
        health = HealthBody(detail.health, outbox: detail.outbox, pacing: detail.pacing)
    }
}

/// An integration's status mapping as the API shows it: only the overrides, by name, and the import set when
/// one is chosen (the `StatusMapping` schema).
struct StatusMappingView: Encodable, Sendable {
    var inbound: [String: String]?
    var outbound: [String: String]?
    var imported: [String]?

    init(inbound: [String: String], outbound: [String: String]?, imported: [String]?) {
        self.inbound = inbound.isEmpty ? nil : inbound
        self.outbound = outbound?.isEmpty == true ? nil : outbound
        self.imported = imported
    }

    /// A WooCommerce integration's mapping.
    init(_ mapping: StatusMapping) {
        self.init(
            inbound: Dictionary(
                uniqueKeysWithValues: mapping.inboundOverrides.map { ($0.key.rawValue, $0.value.rawValue) }),
            outbound: Dictionary(
                uniqueKeysWithValues: mapping.outboundOverrides.map { ($0.key.rawValue, $0.value.rawValue) }),
            imported: mapping.importedStatuses?.map(\.rawValue).sorted())
    }

    enum CodingKeys: String, CodingKey {
        case inbound, outbound
        case imported = "import"
    }
}

/// An integration's health as the API shows it: the scheduler's last success and failure (with the store's
/// code), what the last webhook check found, and the outbox's backlog and dead items.
struct HealthBody: Encodable, Sendable {
    struct FailureBody: Encodable, Sendable {
        var code: String
        var message: String
        var at: Date
    }
    var lastSuccessAt: Date?
    var lastError: FailureBody?
    var failing: Bool
    var webhooks: WebhookHealth?
    var webhooksCheckedAt: Date?
    var outboxPending: Int
    var outboxDead: Int
    /// The store refuses writes for want of permission (read-only keys): why, until a write succeeds.
    var writesRefused: FailureBody?
    /// How hard this server presses the store now (ARCHITECTURE.md, "One pacer per store").
    var pacing: PacingBody?

    /// A store's pacer as the API shows it.
    struct PacingBody: Encodable, Sendable {
        var concurrency: Int
        var maxConcurrency: Int
        var requestsPerSecond: Double?
        var slowdowns: Int

        enum CodingKeys: String, CodingKey {
            case concurrency
            case maxConcurrency = "max_concurrency"
            case requestsPerSecond = "requests_per_second"
            case slowdowns
        }
    }

    enum CodingKeys: String, CodingKey {
        case webhooks, failing
        case lastSuccessAt = "last_success_at"
        case lastError = "last_error"
        case webhooksCheckedAt = "webhooks_checked_at"
        case outboxPending = "outbox_pending"
        case outboxDead = "outbox_dead"
        case writesRefused = "writes_refused"
        case pacing
    }

    init(_ health: IntegrationHealth, outbox: OutboxCounts, pacing: StorePacer.Snapshot? = nil) {
        lastSuccessAt = health.lastSuccessAt
        lastError = health.lastError.map { FailureBody(code: $0.code, message: $0.message, at: $0.at) }
        failing = health.isFailing
        webhooks = health.webhooks
        webhooksCheckedAt = health.webhooksCheckedAt
        outboxPending = outbox.pending
        outboxDead = outbox.dead
        writesRefused = health.writesRefused.map { FailureBody(code: $0.code, message: $0.message, at: $0.at) }
        self.pacing = pacing.map {
            PacingBody(
                concurrency: $0.concurrency, maxConcurrency: $0.limits.maximumConcurrency,
                requestsPerSecond: $0.requestsPerSecond, slowdowns: $0.decreases)
        }
    }
}

/// A sync run (job) as the API shows it.
struct SyncRunResponse: ResponseEncodable, Sendable {
    var id: Int64
    var integrationID: Int64
    var kind: String
    var mode: String
    var state: String
    var startedAt: Date
    var finishedAt: Date?
    var pagesDone: Int
    var totalPages: Int?
    var counts: SyncCounts
    var errors: [String]
    var entries: [SyncLogEntry]?

    enum CodingKeys: String, CodingKey {
        case id
        case integrationID = "integration_id"
        case kind, mode, state
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case pagesDone = "pages_done"
        case totalPages = "total_pages"
        case counts, errors, entries
    }

    init(_ run: SyncRun, entries: [SyncLogEntry]? = nil) {
        id = run.id
        integrationID = run.integrationID
        kind = run.kind.rawValue
        mode = run.mode
        state = run.state.rawValue
        startedAt = run.startedAt
        finishedAt = run.finishedAt
        pagesDone = run.pagesDone
        totalPages = run.totalPages
        counts = run.counts
        errors = run.errors
        self.entries = entries
    }
}
