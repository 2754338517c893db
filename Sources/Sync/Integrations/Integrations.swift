import Foundation
import Logging
import LogixCore
import Pacing
import Storage
import WooCommerce

/// The use cases of a user's store connections: connect a store (checked against it first), list, read with
/// health, change settings or keys, test the connection, delete. The API and the dashboard call these and
/// nothing else, so both follow the same rules, scoping and errors.
///
/// Every use case looks the integration up by id *and* user: another user's id is ``SyncError/Kind/notFound``,
/// exactly like an id that does not exist.
public struct Integrations: Sendable {
    let database: LogixDatabase
    let vault: CredentialVault
    let stores: StoreConnector
    let channels: any SalesChannelProvider
    let jobs: SyncJobs
    let clock: any LogixClock
    /// Where the store delivers an integration's webhooks (how our webhooks are recognised at the store).
    let deliveryURL: WebhookDeliveryURL
    let logger: Logger
    /// The receivers' caches of webhook secrets in this process (one per platform), evicted when an
    /// integration is deleted or its secret replaced.
    let webhookSecrets: [WebhookSecrets]

    public init(
        database: LogixDatabase, vault: CredentialVault, stores: StoreConnector, channels: any SalesChannelProvider,
        jobs: SyncJobs, clock: any LogixClock, deliveryURL: @escaping WebhookDeliveryURL, logger: Logger,
        webhookSecrets: [WebhookSecrets] = []
    ) {
        self.webhookSecrets = webhookSecrets
        self.database = database
        self.vault = vault
        self.stores = stores
        self.channels = channels
        self.jobs = jobs
        self.clock = clock
        self.deliveryURL = deliveryURL
        self.logger = logger
    }

    /// The platform of the integrations these use cases connect.
    static let platform = "woocommerce"

    var credentials: IntegrationCredentials { IntegrationCredentials(vault: vault, database: database) }

    /// An integration with what the background work knows of it.
    public struct Detail: Sendable {
        public let record: IntegrationRecord
        public let health: IntegrationHealth
        public let outbox: OutboxCounts
        /// How hard this process presses the store now; `nil` until it has sent the store anything.
        public var pacing: StorePacer.Snapshot? = nil
    }

    /// Connects a store: the URL checked against the policy, the keys against the store (unless `verify` is
    /// false), then the integration stored with its keys sealed. Nothing is stored when a check fails.
    /// `webhookSecret` is for a store whose webhooks someone made by hand with a secret of their choosing (and for
    /// loading the receiver from outside, `logix bench webhooks --target`); without it, one is made when webhooks
    /// are first registered.
    public func create(
        userID: Int64, storeURL: String?, consumerKey: String?, consumerSecret: String?,
        settings change: IntegrationSettingsChange, verify: Bool = true, webhookSecret: String? = nil
    ) async throws -> IntegrationRecord {
        var problems: [String: String] = [:]
        let key = consumerKey?.trimmingCharacters(in: .whitespaces) ?? ""
        let secret = consumerSecret?.trimmingCharacters(in: .whitespaces) ?? ""
        if key.isEmpty { problems["consumer_key"] = "required" }
        if secret.isEmpty { problems["consumer_secret"] = "required" }
        if storeURL?.isEmpty ?? true { problems["store_url"] = "required" }
        let settings: IntegrationSettings?
        do {
            settings = try change.applied(to: .defaults, platform: .wooCommerce)
        } catch let error as SyncError {
            problems.merge(error.fields) { first, _ in first }
            settings = nil
        }
        guard problems.isEmpty, let settings, let storeText = storeURL else { throw SyncError.invalid(problems) }
        let checkedURL = try await stores.policy.check(storeText)
        try await ensureNotConnected(userID: userID, storeURL: checkedURL)

        let storeCredentials = StoreCredentials(
            consumerKey: Secret(key), consumerSecret: Secret(secret), webhookSecret: webhookSecret.map(Secret.init))
        if verify {
            try await self.verify(
                storeURL: checkedURL, credentials: storeCredentials, allowsReadOnly: settings.allowsReadOnly,
                pacing: settings.pacing)
        }
        let new = try settings.newIntegration(
            userID: userID, platform: Self.platform, storeURL: checkedURL, at: clock.now())
        let stored = try await credentials.create(new, credentials: storeCredentials)
        logger.info("integration created", metadata: ["integration": "\(stored.id)"])
        return stored
    }

    /// One store, one integration per user: a second would import every order again, and the warehouse would
    /// ship each twice (ARCHITECTURE.md, "Idempotent import"). Checked before the store is asked anything.
    func ensureNotConnected(userID: Int64, storeURL: String) async throws {
        let connected = try await database.read { sql in try await IntegrationRecords().list(userID: userID, on: sql) }
        if let same = connected.first(where: { Self.sameStore($0.storeURL, storeURL) }) {
            throw SyncError(
                .conflict, integrationID: same.id,
                "this store is already connected as integration \(same.id) (\(same.name)); change its keys there",
                code: "store_already_connected", fields: ["integration_id": String(same.id)])
        }
    }

    /// Whether two store URLs name one store: the same host, port and path, whatever the scheme (a store
    /// reached over http and https is one store) or a trailing slash.
    static func sameStore(_ first: String, _ second: String) -> Bool {
        func identity(_ text: String) -> String? {
            guard let url = URLComponents(string: text), let host = url.host?.lowercased() else { return nil }
            let path = url.path.hasSuffix("/") ? String(url.path.dropLast()) : url.path
            return "\(host):\(url.port.map(String.init) ?? "")\(path)"
        }
        guard let one = identity(first), let other = identity(second) else { return false }
        return one == other
    }

    /// The user's integrations (of one platform, or all), a page of them, with how many there are in all.
    public func list(
        userID: Int64, page: Int, perPage: Int, platform: ChannelPlatform? = nil
    ) async throws -> (items: [IntegrationRecord], total: Int) {
        let all = try await database.read { sql in try await IntegrationRecords().list(userID: userID, on: sql) }
            .filter { record in platform.map { record.platform == $0.rawValue } ?? true }
        return (Array(all.dropFirst((page - 1) * perPage).prefix(perPage)), all.count)
    }

    /// The user's integration, or ``SyncError/Kind/notFound``.
    public func find(id: Int64, userID: Int64) async throws -> IntegrationRecord {
        try await Self.find(id: id, userID: userID, in: database)
    }

    /// The user's integration, or ``SyncError/Kind/notFound``: the scoping every use case starts with.
    static func find(id: Int64, userID: Int64, in database: LogixDatabase) async throws -> IntegrationRecord {
        let record = try await database.read { sql in
            try await IntegrationRecords().find(id: id, userID: userID, on: sql)
        }
        guard let record else { throw SyncError.notFound("integration") }
        return record
    }

    /// The user's integration with its health and outbox backlog.
    public func detail(id: Int64, userID: Int64) async throws -> Detail {
        let found = try await database.read { sql -> Detail? in
            guard let record = try await IntegrationRecords().find(id: id, userID: userID, on: sql) else { return nil }
            return Detail(
                record: record, health: try await IntegrationHealthRecords().health(integrationID: id, on: sql),
                outbox: try await OutboxRecords().counts(integrationID: id, on: sql))
        }
        guard var found else { throw SyncError.notFound("integration") }
        found.pacing = stores.pacers.snapshot(storeURL: found.record.storeURL)
        return found
    }

    /// All the user's integrations with their health and outbox backlog, in three queries whatever their
    /// number (the dashboard's overview of hundreds of stores).
    public func overview(userID: Int64) async throws -> [Detail] {
        try await database.read { sql in
            let records = try await IntegrationRecords().list(userID: userID, on: sql)
            let ids = records.map(\.id)
            let health = try await IntegrationHealthRecords().health(integrationIDs: ids, on: sql)
            let outbox = try await OutboxRecords().counts(integrationIDs: ids, on: sql)
            return records.map { record in
                Detail(
                    record: record, health: health[record.id] ?? IntegrationHealth(integrationID: record.id),
                    outbox: outbox[record.id] ?? OutboxCounts())
            }
        }
    }

    /// Changes settings and, when both are given, the keys (checked against the store before they replace the
    /// old ones). Every wrong field is reported at once and nothing is changed.
    ///
    /// For a Shopify integration the keys are the access token and the API secret (which also signs its
    /// webhooks), and a change of either, of the location or of the API version is checked against the shop.
    ///
    /// - Parameter platform: the platform whose routes ask; another platform's integration is not found, since
    ///   its settings and keys have other names.
    ///   - clientCredentials: for a Shopify integration, whether `consumerKey` is an app's client id (`true`) or
    ///     an access token (`false`); `nil` keeps what the integration uses.
    public func update(
        id: Int64, userID: Int64, platform expected: ChannelPlatform? = nil, settings change: IntegrationSettingsChange,
        consumerKey: String? = nil, consumerSecret: String? = nil, clientCredentials: Bool? = nil
    ) async throws -> IntegrationRecord {
        var record = try await find(id: id, userID: userID)
        if let expected, expected.rawValue != record.platform { throw SyncError.notFound("integration") }
        let before = ChannelSettings(record)
        let platform = ChannelPlatform(rawValue: record.platform)
        let shopifyKey = (clientCredentials ?? before.usesClientCredentials) ? "client_id" : "access_token"
        let keyNames = platform == .shopify ? (shopifyKey, "api_secret") : ("consumer_key", "consumer_secret")
        var problems: [String: String] = [:]
        var settings: IntegrationSettings?
        do {
            var changed = try change.applied(to: try IntegrationSettings(record), platform: platform)
            if let clientCredentials, platform == .shopify {
                if consumerKey == nil {
                    problems[clientCredentials ? "client_id" : "access_token"] =
                        "required to change how the app signs in"
                }
                changed.channel.usesClientCredentials = clientCredentials
            }
            try changed.write(to: &record)
            settings = changed
        } catch let error as SyncError {
            problems.merge(error.fields) { first, _ in first }
        }
        let allowsReadOnly = record.allowsReadOnly
        let newKey = consumerKey?.trimmingCharacters(in: .whitespaces)
        let newSecret = consumerSecret?.trimmingCharacters(in: .whitespaces)
        if platform != .shopify, (newKey == nil) != (newSecret == nil) {
            problems[keyNames.0] = "\(keyNames.0) and \(keyNames.1) are changed together"
        }
        if newKey?.isEmpty == true { problems[keyNames.0] = "must not be empty" }
        if newSecret?.isEmpty == true { problems[keyNames.1] = "must not be empty" }
        guard problems.isEmpty, let settings else { throw SyncError.invalid(problems) }

        if platform == .shopify {
            let replacing = newKey != nil || newSecret != nil
            if replacing || before.locationID != settings.channel.locationID
                || before.apiVersion != settings.channel.apiVersion
                || before.usesClientCredentials != settings.channel.usesClientCredentials
            {
                var replacement = try credentials.credentials(of: record)
                if let newKey { replacement.consumerKey = Secret(newKey) }
                if let newSecret {
                    replacement.consumerSecret = Secret(newSecret)
                    replacement.webhookSecret = Secret(newSecret)
                }
                try await verifyShop(shopURL: record.storeURL, credentials: replacement, settings: settings)
                if replacing {
                    record = try await credentials.replace(record, with: replacement)
                    // The receiver must check deliveries with the new secret from now on.
                    await evictWebhookSecret(of: id)
                }
            }
        } else if let newKey, let newSecret {
            var replacement = try credentials.credentials(of: record)
            replacement.consumerKey = Secret(newKey)
            replacement.consumerSecret = Secret(newSecret)
            let canWrite = try await verify(
                storeURL: record.storeURL, credentials: replacement, allowsReadOnly: allowsReadOnly,
                pacing: StorePacing(record))
            record = try await credentials.replace(record, with: replacement)
            // Keys that were checked to write: what the old keys were refused is over.
            if canWrite == true {
                try await database.transaction { sql in
                    try await IntegrationHealthRecords().clearWritesRefused(integrationID: id, on: sql)
                }
            }
        }
        let saved = record
        guard try await database.transaction({ sql in try await IntegrationRecords().update(saved, on: sql) }) else {
            throw SyncError.notFound("integration")
        }
        // The receiver maps deliveries with the settings it cached: from now on, with these.
        await evictWebhookSecret(of: id)
        return record
    }

    /// Deletes the integration: its webhooks at the store first (best effort: a store that is down must not
    /// keep a user from deleting), its running jobs stopped, then the row and by cascade all it owns.
    /// - Returns: how many of the store's webhooks were removed.
    @discardableResult
    public func delete(id: Int64, userID: Int64) async throws -> Int {
        let record = try await find(id: id, userID: userID)
        let removed = await removeWebhooks(of: record)
        await jobs.cancel(integrationID: id)
        guard
            try await database.transaction({ sql in
                try await IntegrationRecords().delete(id: id, userID: userID, on: sql)
            })
        else { throw SyncError.notFound("integration") }
        // From here no delivery for it is accepted: its secret must not outlive it in the receiver's cache.
        await evictWebhookSecret(of: id)
        logger.info("integration deleted", metadata: ["integration": "\(id)", "webhooks_removed": "\(removed)"])
        return removed
    }

    /// Asks the store who it is, with the integration's keys: versions, currency, latency and what else the
    /// channel reports (for WooCommerce: WordPress version, HPOS, auth mode).
    public func testConnection(id: Int64, userID: Int64) async throws -> ChannelConnectionReport {
        let record = try await find(id: id, userID: userID)
        let channel = try channels.channel(for: record)
        do {
            let report = try await channel.testConnection()
            try? await channel.shutdown()
            if report.canWrite == false, !record.allowsReadOnly { throw Self.readOnlyKeys }
            return report
        } catch let error as SyncError {
            throw error
        } catch let error as WooCommerceError {
            try? await channel.shutdown()
            throw StoreConnectionProblem.syncError(for: error) ?? error
        } catch {
            try? await channel.shutdown()
            throw error
        }
    }

    // MARK: - Parts

    /// Forgets the integration's cached webhook secret and settings in every receiver of this process.
    private func evictWebhookSecret(of id: Int64) async {
        for secrets in webhookSecrets { await secrets.evict(id) }
    }

    /// Deletes the integration's webhooks at the store; failures are logged, not thrown (the store's deliveries
    /// then meet 401 and it disables them).
    private func removeWebhooks(of record: IntegrationRecord) async -> Int {
        guard record.webhookSecretSealed != nil else { return 0 }
        let url = deliveryURL(record.id, ChannelPlatform(rawValue: record.platform))
        do {
            let channel = try channels.channel(for: record)
            do {
                let ours = try await channel.webhooks(deliveryURL: url)
                for hook in ours { try await channel.deleteWebhook(id: hook.id) }
                try? await channel.shutdown()
                return ours.count
            } catch {
                try? await channel.shutdown()
                throw error
            }
        } catch {
            logger.warning(
                "could not remove the store's webhooks",
                metadata: ["integration": "\(record.id)", "error": "\(error)"])
            return 0
        }
    }

    /// Checks credentials against the store: a refusal is the user's mistake (the store's own code), anything
    /// else the store's failure (passed through).
    /// - Returns: whether the keys may write (`nil`: the store's answer to the probe could not tell).
    @discardableResult
    private func verify(
        storeURL: String, credentials: StoreCredentials, allowsReadOnly: Bool, pacing: StorePacing
    ) async throws -> Bool? {
        let canWrite: Bool?
        do {
            // Through the store's pacer with the integration's caps, like every other request to it.
            canWrite = try await stores.withClient(storeURL: storeURL, credentials: credentials, pacing: pacing) {
                _ = try await $0.testConnection()
                return try await $0.canWrite()
            }
        } catch let error as WooCommerceError {
            throw StoreConnectionProblem.syncError(for: error) ?? error
        }
        if canWrite == false, !allowsReadOnly { throw Self.readOnlyKeys }
        return canWrite
    }

    /// Keys that may only read, refused unless the integration allows them: every fulfillment update and stock
    /// push would fail while imports went on as if all were well.
    static let readOnlyKeys = SyncError(
        .storeRefusedCredentials,
        "the keys may only read: the store refuses every write (fulfillment, stock) with them. Create keys with "
            + "Read/Write permission in WooCommerce → Settings → Advanced → REST API, or set allow_read_only to "
            + "connect the store for imports only",
        code: "store_keys_read_only", fields: ["consumer_key": "read permission only"])
}
