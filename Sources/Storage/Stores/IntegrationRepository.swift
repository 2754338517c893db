import Foundation
import SQLKit

/// A connected store as persisted. Credentials are held only in sealed (encrypted) form: this layer never
/// sees a plaintext key or secret — the vault in `Sync` seals and opens them.
public struct IntegrationRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        case active, inactive, error
    }

    public var id: Int64?
    public var userID: Int64
    /// `woocommerce` today; a future channel adds its own value.
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

    public init(
        id: Int64? = nil, userID: Int64, platform: String = "woocommerce", storeURL: String,
        consumerKeySealed: String, consumerKeyLast4: String, consumerSecretSealed: String,
        webhookSecretSealed: String? = nil, name: String, autoSync: Bool = true, syncIntervalMinutes: Int = 15,
        status: Status = .active, statusMappingJSON: String = "{}", importStatusesJSON: String = "[]",
        fulfillmentSettingsJSON: String = "{}", createdAt: Date, lastSyncAt: Date? = nil, ordersCursor: Date? = nil
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
    }
}

/// Where integrations are kept. Every read and write that a user triggers is scoped to that user: another
/// user's id behaves exactly like an id that does not exist.
public protocol IntegrationRepository: Sendable {
    func create(_ record: IntegrationRecord) async throws -> IntegrationRecord
    func find(id: Int64, userID: Int64) async throws -> IntegrationRecord?
    /// For background work that acts for the owner (sync, webhooks): no user scope.
    func find(id: Int64) async throws -> IntegrationRecord?
    func list(userID: Int64) async throws -> [IntegrationRecord]
    /// Every integration, for key rotation and the scheduler.
    func all() async throws -> [IntegrationRecord]
    /// Saves every field of an existing record; false when it does not exist (for that user).
    @discardableResult func update(_ record: IntegrationRecord) async throws -> Bool
    /// Deletes the integration and, by cascade, its orders, logs and queues; false when it did not exist.
    @discardableResult func delete(id: Int64, userID: Int64) async throws -> Bool
}

/// ``IntegrationRepository`` on SQLite or PostgreSQL.
public struct SQLIntegrationRepository: IntegrationRepository {
    let database: LogixDatabase

    public init(database: LogixDatabase) { self.database = database }

    public func create(_ record: IntegrationRecord) async throws -> IntegrationRecord {
        try await database.transaction { sql in try await Self.insert(record, on: sql) }
    }

    /// Inserts `record` inside the caller's transaction and returns it with its id.
    public static func insert(_ record: IntegrationRecord, on sql: any SQLDatabase) async throws -> IntegrationRecord {
        let id = try await sql.insert(into: "integrations").columns(IntegrationRow.writableColumns)
            .values(IntegrationRow.values(of: record))
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StorageError(.query, "inserting an integration returned no id") }
        var stored = record
        stored.id = id
        return stored
    }

    /// Replaces the sealed credential columns inside the caller's transaction (after sealing them with the id
    /// the insert produced, or when keys are rotated).
    public static func storeSealedCredentials(
        integrationID: Int64, consumerKey: String, consumerSecret: String, webhookSecret: String?,
        on sql: any SQLDatabase
    ) async throws {
        try await sql.update("integrations")
            .set("consumer_key_encrypted", to: SQLBind(consumerKey))
            .set("consumer_secret_encrypted", to: SQLBind(consumerSecret))
            .set("webhook_secret_encrypted", to: SQLBind(webhookSecret))
            .where("id", .equal, integrationID)
            .run()
    }

    public func find(id: Int64, userID: Int64) async throws -> IntegrationRecord? {
        try await database.read { sql in
            try await sql.select().columns(IntegrationRow.columns).from("integrations")
                .where("id", .equal, id).where("user_id", .equal, userID)
                .first(decoding: IntegrationRow.self)?.record
        }
    }

    public func find(id: Int64) async throws -> IntegrationRecord? {
        try await database.read { sql in try await Self.find(id: id, on: sql) }
    }

    /// One integration by id, whoever owns it, read inside the caller's transaction.
    public static func find(id: Int64, on sql: any SQLDatabase) async throws -> IntegrationRecord? {
        try await sql.select().columns(IntegrationRow.columns).from("integrations").where("id", .equal, id)
            .first(decoding: IntegrationRow.self)?.record
    }

    public func list(userID: Int64) async throws -> [IntegrationRecord] {
        try await database.read { sql in
            try await sql.select().columns(IntegrationRow.columns).from("integrations")
                .where("user_id", .equal, userID).orderBy("id")
                .all(decoding: IntegrationRow.self).map(\.record)
        }
    }

    public func all() async throws -> [IntegrationRecord] {
        try await database.read { sql in
            try await sql.select().columns(IntegrationRow.columns).from("integrations").orderBy("id")
                .all(decoding: IntegrationRow.self).map(\.record)
        }
    }

    public func update(_ record: IntegrationRecord) async throws -> Bool {
        guard let id = record.id else { return false }
        return try await database.transaction { sql in
            let exists = try await sql.select().column("id").from("integrations")
                .where("id", .equal, id).where("user_id", .equal, record.userID).first()
            guard exists != nil else { return false }
            var update = sql.update("integrations")
            for (column, value) in zip(IntegrationRow.writableColumns, IntegrationRow.values(of: record))
            where !Self.columnsNotUpdated.contains(column) {
                update = update.set(SQLIdentifier(column), to: value)
            }
            try await update.where("id", .equal, id).run()
            return true
        }
    }

    /// Columns ``update(_:)`` leaves alone: who owns the row, when it was made, the sync cursor (moved only
    /// forward, by ``advanceCursor(integrationID:to:syncedAt:on:)``) and the sealed secrets (written only by
    /// ``storeSealedCredentials(integrationID:consumerKey:consumerSecret:webhookSecret:on:)``), so a settings
    /// change never undoes a sync or a key rotation that ran meanwhile.
    static let columnsNotUpdated: Set<String> = [
        "user_id", "platform", "created_at", "orders_cursor", "last_sync_at", "consumer_key_encrypted",
        "consumer_secret_encrypted", "webhook_secret_encrypted",
    ]

    public func delete(id: Int64, userID: Int64) async throws -> Bool {
        try await database.transaction { sql in
            let exists = try await sql.select().column("id").from("integrations")
                .where("id", .equal, id).where("user_id", .equal, userID).first()
            guard exists != nil else { return false }
            try await sql.delete(from: "integrations").where("id", .equal, id).run()
            return true
        }
    }

    /// Moves the orders cursor forward (never back) inside the transaction that stored the orders it covers,
    /// so the cursor only ever advances with committed data.
    public static func advanceCursor(
        integrationID: Int64, to cursor: Date, syncedAt: Date, on sql: any SQLDatabase
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
    }

    static let columns: [String] = CodingKeys.allCases.map(\.rawValue)
    static let writableColumns: [String] = columns.filter { $0 != "id" }

    static func values(of record: IntegrationRecord) -> [any SQLExpression] {
        let values: [any Encodable & Sendable] = [
            record.userID, record.platform, record.storeURL, record.consumerKeySealed, record.consumerKeyLast4,
            record.consumerSecretSealed, record.webhookSecretSealed, record.name, record.autoSync,
            record.syncIntervalMinutes, record.status.rawValue, record.statusMappingJSON, record.importStatusesJSON,
            record.fulfillmentSettingsJSON, record.createdAt.unixSeconds, record.lastSyncAt?.unixSeconds,
            record.ordersCursor?.unixSeconds,
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
            ordersCursor: date(ordersCursor))
    }
}
