import Foundation
import SQLKit

/// A connected store as persisted. Credentials are held only in sealed (encrypted) form: this layer never
/// sees a plaintext key or secret — the vault in `Sync` seals and opens them.
public struct IntegrationRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        case active, inactive, error
    }

    /// The database's id: a record is only ever read from the database, so it always has one.
    public let id: Int64
    public var userID: Int64
    /// Which sales channel the store is on; the channel seam in `Sync` picks its client by it.
    public var platform: String
    public var storeURL: String
    public var consumerKeySealed: String
    /// The consumer key's last four characters, the only part ever shown.
    public var consumerKeyLast4: String
    public var consumerSecretSealed: String
    public var webhookSecretSealed: String?
    public var name: String
    public var autoSync: Bool
    public var syncIntervalMinutes: Int
    public var status: Status
    /// Per-integration status mapping overrides, as JSON (owned by `Sync`).
    public var statusMappingJSON: String
    /// The store statuses to import, as a JSON list (owned by `Sync`).
    public var importStatusesJSON: String
    /// How fulfillment shows in the store (tracking note, tracking meta), as JSON (owned by `Sync`).
    public var fulfillmentSettingsJSON: String
    public var createdAt: Date
    public var lastSyncAt: Date?
    /// The newest store modification time applied by an order sync; the next incremental sync starts there.
    public var ordersCursor: Date?
    /// Whether keys that cannot write to the store are accepted (import-only use).
    public var allowsReadOnly: Bool
    /// Never more requests to the store in flight at once than this.
    public var maxConcurrency: Int
    /// Never more requests to the store a second than this, if set (shared hosts).
    public var maxRequestsPerSecond: Double?
    /// What only the integration's sales channel is told (Shopify: location, API version, test orders), as JSON
    /// (owned by `Sync`).
    public var channelSettingsJSON: String

    public init(
        id: Int64, userID: Int64, platform: String, storeURL: String,
        consumerKeySealed: String, consumerKeyLast4: String, consumerSecretSealed: String,
        webhookSecretSealed: String? = nil, name: String, autoSync: Bool = true, syncIntervalMinutes: Int = 15,
        status: Status = .active, statusMappingJSON: String = "{}", importStatusesJSON: String = "[]",
        fulfillmentSettingsJSON: String = "{}", createdAt: Date, lastSyncAt: Date? = nil, ordersCursor: Date? = nil,
        allowsReadOnly: Bool = false, maxConcurrency: Int = 8, maxRequestsPerSecond: Double? = nil,
        channelSettingsJSON: String = "{}"
    ) {
        self.id = id
        self.userID = userID
        self.platform = platform
        self.storeURL = storeURL
        self.consumerKeySealed = consumerKeySealed
        self.consumerKeyLast4 = consumerKeyLast4
        self.consumerSecretSealed = consumerSecretSealed
        self.webhookSecretSealed = webhookSecretSealed
        self.name = name
        self.autoSync = autoSync
        self.syncIntervalMinutes = syncIntervalMinutes
        self.status = status
        self.statusMappingJSON = statusMappingJSON
        self.importStatusesJSON = importStatusesJSON
        self.fulfillmentSettingsJSON = fulfillmentSettingsJSON
        self.createdAt = createdAt
        self.lastSyncAt = lastSyncAt
        self.ordersCursor = ordersCursor
        self.allowsReadOnly = allowsReadOnly
        self.maxConcurrency = maxConcurrency
        self.maxRequestsPerSecond = maxRequestsPerSecond
        self.channelSettingsJSON = channelSettingsJSON
    }
}

/// What an integration's orders are mapped with, as stored: the status mapping, the import filter and the
/// channel's own settings. The receiver maps a delivery with the settings it cached, and its group commit applies
/// the order only if they are still these.
public struct IntegrationMappingSettings: Sendable, Hashable {
    public var statusMappingJSON: String
    public var importStatusesJSON: String
    public var channelSettingsJSON: String

    public init(statusMappingJSON: String, importStatusesJSON: String, channelSettingsJSON: String) {
        self.statusMappingJSON = statusMappingJSON
        self.importStatusesJSON = importStatusesJSON
        self.channelSettingsJSON = channelSettingsJSON
    }
}

extension IntegrationRecord {
    /// The settings its orders are mapped with.
    public var mappingSettings: IntegrationMappingSettings {
        IntegrationMappingSettings(
            statusMappingJSON: statusMappingJSON, importStatusesJSON: importStatusesJSON,
            channelSettingsJSON: channelSettingsJSON)
    }
}

/// An integration about to be stored: everything but the id the database gives it. Its credentials are sealed
/// with that id (the vault binds a ciphertext to its row), so they are written by
/// ``IntegrationRecords/storeSealedCredentials(integrationID:consumerKey:consumerKeyLast4:consumerSecret:webhookSecret:on:)``
/// in the same transaction, right after the insert.
public struct NewIntegration: Sendable, Hashable {
    public var userID: Int64
    /// Which sales channel the store is on; the channel seam in `Sync` picks its client by it.
    public var platform: String
    public var storeURL: String
    public var name: String
    public var autoSync: Bool
    public var syncIntervalMinutes: Int
    public var status: IntegrationRecord.Status
    public var statusMappingJSON: String
    public var importStatusesJSON: String
    public var fulfillmentSettingsJSON: String
    public var createdAt: Date
    /// Whether keys that cannot write to the store are accepted (import-only use).
    public var allowsReadOnly: Bool
    /// Never more requests to the store in flight at once than this.
    public var maxConcurrency: Int
    /// Never more requests to the store a second than this, if set (shared hosts).
    public var maxRequestsPerSecond: Double?
    /// What only the integration's sales channel is told, as JSON (owned by `Sync`).
    public var channelSettingsJSON: String

    public init(
        userID: Int64, platform: String, storeURL: String, name: String, autoSync: Bool = true,
        syncIntervalMinutes: Int = 15, status: IntegrationRecord.Status = .active, statusMappingJSON: String = "{}",
        importStatusesJSON: String = "[]", fulfillmentSettingsJSON: String = "{}", createdAt: Date,
        allowsReadOnly: Bool = false, maxConcurrency: Int = 8, maxRequestsPerSecond: Double? = nil,
        channelSettingsJSON: String = "{}"
    ) {
        self.userID = userID
        self.platform = platform
        self.storeURL = storeURL
        self.name = name
        self.autoSync = autoSync
        self.syncIntervalMinutes = syncIntervalMinutes
        self.status = status
        self.statusMappingJSON = statusMappingJSON
        self.importStatusesJSON = importStatusesJSON
        self.fulfillmentSettingsJSON = fulfillmentSettingsJSON
        self.createdAt = createdAt
        self.allowsReadOnly = allowsReadOnly
        self.maxConcurrency = maxConcurrency
        self.maxRequestsPerSecond = maxRequestsPerSecond
        self.channelSettingsJSON = channelSettingsJSON
    }
}

/// The `integrations` table. Every read and write that a user triggers is scoped to that user: another user's id
/// behaves exactly like an id that does not exist.
public struct IntegrationRecords: Sendable {
    public init() {}

    /// Inserts `new` and returns the stored record, its credential columns still empty: the caller seals the
    /// credentials with the new id and stores them in the same transaction.
    public func insert(_ new: NewIntegration, on sql: DatabaseSession) async throws -> IntegrationRecord {
        let id = try await sql.insert(into: "integrations").columns(IntegrationRow.writableColumns)
            .values(IntegrationRow.values(of: new))
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StorageError(.query, "inserting an integration returned no id") }
        return IntegrationRecord(
            id: id, userID: new.userID, platform: new.platform, storeURL: new.storeURL, consumerKeySealed: "",
            consumerKeyLast4: "", consumerSecretSealed: "", name: new.name, autoSync: new.autoSync,
            syncIntervalMinutes: new.syncIntervalMinutes, status: new.status,
            statusMappingJSON: new.statusMappingJSON, importStatusesJSON: new.importStatusesJSON,
            fulfillmentSettingsJSON: new.fulfillmentSettingsJSON, createdAt: new.createdAt,
            allowsReadOnly: new.allowsReadOnly, maxConcurrency: new.maxConcurrency,
            maxRequestsPerSecond: new.maxRequestsPerSecond, channelSettingsJSON: new.channelSettingsJSON)
    }

    /// Replaces the sealed credential columns and the key's last four characters (the only part ever shown),
    /// after sealing them with the id the insert produced, or when keys are replaced or rotated.
    public func storeSealedCredentials(
        integrationID: Int64, consumerKey: String, consumerKeyLast4: String, consumerSecret: String,
        webhookSecret: String?, on sql: DatabaseSession
    ) async throws {
        try await sql.update("integrations")
            .set("consumer_key_encrypted", to: SQLBind(consumerKey))
            .set("consumer_key_last4", to: SQLBind(consumerKeyLast4))
            .set("consumer_secret_encrypted", to: SQLBind(consumerSecret))
            .set("webhook_secret_encrypted", to: SQLBind(webhookSecret))
            .where("id", .equal, integrationID)
            .run()
    }

    /// The caller's integration; nil for a missing one and for another user's.
    public func find(id: Int64, userID: Int64, on sql: DatabaseSession) async throws -> IntegrationRecord? {
        try await sql.select().columns(IntegrationRow.columns).from("integrations")
            .where("id", .equal, id).where("user_id", .equal, userID)
            .first(decoding: IntegrationRow.self)?.record
    }

    /// One integration by id, whoever owns it: for background work that acts for the owner (sync, webhooks).
    public func find(id: Int64, on sql: DatabaseSession) async throws -> IntegrationRecord? {
        try await sql.select().columns(IntegrationRow.columns).from("integrations").where("id", .equal, id)
            .first(decoding: IntegrationRow.self)?.record
    }

    /// The mapping settings of those of `ids` that exist, by id: the receiver's group commit checks that the
    /// orders it applies were mapped with them.
    public func mappingSettings(ids: [Int64], on sql: DatabaseSession) async throws -> [Int64:
        IntegrationMappingSettings]
    {
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable {
            var id: Int64
            var statusMapping: String
            var importStatuses: String
            var channelSettings: String
            enum CodingKeys: String, CodingKey {
                case id
                case statusMapping = "status_mapping"
                case importStatuses = "import_statuses"
                case channelSettings = "channel_settings"
            }
        }
        let rows = try await sql.select().columns("id", "status_mapping", "import_statuses", "channel_settings")
            .from("integrations").where("id", .in, ids).all(decoding: Row.self)
        var settings: [Int64: IntegrationMappingSettings] = [:]
        for row in rows {
            settings[row.id] = IntegrationMappingSettings(
                statusMappingJSON: row.statusMapping, importStatusesJSON: row.importStatuses,
                channelSettingsJSON: row.channelSettings)
        }
        return settings
    }

    /// The user's integrations, oldest first.
    public func list(userID: Int64, on sql: DatabaseSession) async throws -> [IntegrationRecord] {
        try await sql.select().columns(IntegrationRow.columns).from("integrations")
            .where("user_id", .equal, userID).orderBy("id")
            .all(decoding: IntegrationRow.self).map(\.record)
    }

    /// The ids of the user's integrations: what scopes every other read of theirs.
    public func ids(userID: Int64, on sql: DatabaseSession) async throws -> [Int64] {
        try await sql.select().column("id").from("integrations").where("user_id", .equal, userID).orderBy("id")
            .all(decodingColumn: "id", as: Int64.self)
    }

    /// Which of `ids` still exist (a delivery for a deleted integration is refused, not stored).
    public func existing(ids: [Int64], on sql: DatabaseSession) async throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        return Set(
            try await sql.select().column("id").from("integrations").where("id", .in, ids)
                .all(decodingColumn: "id", as: Int64.self))
    }

    /// Every integration, for key rotation and the scheduler.
    public func all(on sql: DatabaseSession) async throws -> [IntegrationRecord] {
        try await sql.select().columns(IntegrationRow.columns).from("integrations").orderBy("id")
            .all(decoding: IntegrationRow.self).map(\.record)
    }

    /// Saves every field of an existing record but those in ``columnsNotUpdated``; false when it does not exist
    /// for that user.
    @discardableResult
    public func update(_ record: IntegrationRecord, on sql: DatabaseSession) async throws -> Bool {
        let exists = try await sql.select().column("id").from("integrations")
            .where("id", .equal, record.id).where("user_id", .equal, record.userID).first()
        guard exists != nil else { return false }
        var update = sql.update("integrations")
        for (column, value) in zip(IntegrationRow.writableColumns, IntegrationRow.values(of: record))
        where !Self.columnsNotUpdated.contains(column) {
            update = update.set(SQLIdentifier(column), to: value)
        }
        try await update.where("id", .equal, record.id).run()
        return true
    }

    /// Columns ``update(_:on:)`` leaves alone: who owns the row, when it was made, the sync cursor (moved only
    /// forward, by ``advanceCursor(integrationID:to:syncedAt:on:)``) and the sealed secrets (written only by
    /// ``storeSealedCredentials(integrationID:consumerKey:consumerKeyLast4:consumerSecret:webhookSecret:on:)``),
    /// so a settings change never undoes a sync or a key rotation that ran meanwhile.
    static let columnsNotUpdated: Set<String> = [
        "user_id", "platform", "created_at", "orders_cursor", "last_sync_at", "consumer_key_encrypted",
        "consumer_key_last4", "consumer_secret_encrypted", "webhook_secret_encrypted",
    ]

    /// Sets an integration's status alone (the store revoked access: `inactive`), leaving every other field as
    /// it is.
    public func setStatus(_ status: IntegrationRecord.Status, integrationID: Int64, on sql: DatabaseSession)
        async throws
    {
        try await sql.update("integrations").set("status", to: SQLBind(status.rawValue))
            .where("id", .equal, integrationID).run()
    }

    /// Deletes the integration and, by cascade, its orders, logs and queues; false when it did not exist for
    /// that user.
    @discardableResult
    public func delete(id: Int64, userID: Int64, on sql: DatabaseSession) async throws -> Bool {
        let exists = try await sql.select().column("id").from("integrations")
            .where("id", .equal, id).where("user_id", .equal, userID).first()
        guard exists != nil else { return false }
        try await sql.delete(from: "integrations").where("id", .equal, id).run()
        return true
    }

    /// Moves the orders cursor forward (never back) inside the transaction that stored the orders it covers,
    /// so the cursor only ever advances with committed data.
    public func advanceCursor(
        integrationID: Int64, to cursor: Date, syncedAt: Date, on sql: DatabaseSession
    ) async throws {
        let seconds = cursor.unixSeconds
        try await sql.update("integrations")
            .set("orders_cursor", to: SQLBind(seconds))
            .set("last_sync_at", to: SQLBind(syncedAt.unixSeconds))
            .where("id", .equal, integrationID)
            .where { $0.where("orders_cursor", .is, SQLLiteral.null).orWhere("orders_cursor", .lessThan, seconds) }
            .run()
    }
}

/// The `integrations` table's columns.
struct IntegrationRow: Decodable {
    var id: Int64
    var userID: Int64
    var platform: String
    var storeURL: String
    var consumerKeySealed: String
    var consumerKeyLast4: String
    var consumerSecretSealed: String
    var webhookSecretSealed: String?
    var name: String
    var autoSync: Bool
    var syncIntervalMinutes: Int
    var status: String
    var statusMapping: String
    var importStatuses: String
    var fulfillmentSettings: String
    var createdAt: Int64
    var lastSyncAt: Int64?
    var ordersCursor: Int64?
    var allowReadOnly: Bool
    var maxConcurrency: Int
    var maxRequestsPerSecond: Double?
    var channelSettings: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case userID = "user_id"
        case platform
        case storeURL = "store_url"
        case consumerKeySealed = "consumer_key_encrypted"
        case consumerKeyLast4 = "consumer_key_last4"
        case consumerSecretSealed = "consumer_secret_encrypted"
        case webhookSecretSealed = "webhook_secret_encrypted"
        case name = "integration_name"
        case autoSync = "auto_sync"
        case syncIntervalMinutes = "sync_interval_minutes"
        case status
        case statusMapping = "status_mapping"
        case importStatuses = "import_statuses"
        case fulfillmentSettings = "fulfillment_settings"
        case createdAt = "created_at"
        case lastSyncAt = "last_sync_at"
        case ordersCursor = "orders_cursor"
        case allowReadOnly = "allow_read_only"
        case maxConcurrency = "max_concurrency"
        case maxRequestsPerSecond = "max_requests_per_second"
        case channelSettings = "channel_settings"
    }

    static let columns: [String] = CodingKeys.allCases.map(\.rawValue)
    static let writableColumns: [String] = columns.filter { $0 != "id" }

    /// A new row's values: credential columns empty until they are sealed with the new id.
    static func values(of new: NewIntegration) -> [any SQLExpression] {
        let values: [any Encodable & Sendable] = [
            new.userID, new.platform, new.storeURL, "", "", "", String?.none, new.name, new.autoSync,
            new.syncIntervalMinutes, new.status.rawValue, new.statusMappingJSON, new.importStatusesJSON,
            new.fulfillmentSettingsJSON, new.createdAt.unixSeconds, Int64?.none, Int64?.none, new.allowsReadOnly,
            new.maxConcurrency, new.maxRequestsPerSecond, new.channelSettingsJSON,
        ]
        return values.map { SQLBind($0) }
    }

    static func values(of record: IntegrationRecord) -> [any SQLExpression] {
        let values: [any Encodable & Sendable] = [
            record.userID, record.platform, record.storeURL, record.consumerKeySealed, record.consumerKeyLast4,
            record.consumerSecretSealed, record.webhookSecretSealed, record.name, record.autoSync,
            record.syncIntervalMinutes, record.status.rawValue, record.statusMappingJSON, record.importStatusesJSON,
            record.fulfillmentSettingsJSON, record.createdAt.unixSeconds, record.lastSyncAt?.unixSeconds,
            record.ordersCursor?.unixSeconds, record.allowsReadOnly, record.maxConcurrency,
            record.maxRequestsPerSecond, record.channelSettingsJSON,
        ]
        return values.map { SQLBind($0) }
    }

    var record: IntegrationRecord {
        func date(_ seconds: Int64?) -> Date? { seconds.map { Date(timeIntervalSince1970: TimeInterval($0)) } }
        return IntegrationRecord(
            id: id, userID: userID, platform: platform, storeURL: storeURL, consumerKeySealed: consumerKeySealed,
            consumerKeyLast4: consumerKeyLast4, consumerSecretSealed: consumerSecretSealed,
            webhookSecretSealed: webhookSecretSealed, name: name, autoSync: autoSync,
            syncIntervalMinutes: syncIntervalMinutes, status: IntegrationRecord.Status(rawValue: status) ?? .error,
            statusMappingJSON: statusMapping, importStatusesJSON: importStatuses,
            fulfillmentSettingsJSON: fulfillmentSettings,
            createdAt: Date(timeIntervalSince1970: TimeInterval(createdAt)), lastSyncAt: date(lastSyncAt),
            ordersCursor: date(ordersCursor), allowsReadOnly: allowReadOnly, maxConcurrency: maxConcurrency,
            maxRequestsPerSecond: maxRequestsPerSecond, channelSettingsJSON: channelSettings)
    }
}
