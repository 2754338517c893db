import Foundation
import HTTPTypes
import Hummingbird
import Logging
import LogixCore
import Storage
import Sync
import WooCommerce

/// `/api/v1/woocommerce/integrations…`: a user's store connections — create (checked against the store),
/// list, read, change, delete, test, and order syncs with their audit trail.
///
/// Every route looks the integration up by id *and* caller: another user's id answers 404, exactly like an id
/// that does not exist.
struct IntegrationController {
    let services: ServerServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("woocommerce/integrations", use: create)
        group.get("woocommerce/integrations", use: list)
        group.get("woocommerce/integrations/:id", use: read)
        group.patch("woocommerce/integrations/:id", use: update)
        group.delete("woocommerce/integrations/:id", use: delete)
        group.post("woocommerce/integrations/:id/test", use: test)
        group.post("woocommerce/integrations/:id/sync", use: sync)
        group.get("woocommerce/integrations/:id/sync/:job", use: job)
        group.get("woocommerce/integrations/:id/sync-logs", use: syncLogs)
        group.post("woocommerce/integrations/:id/products/sync", use: productSync)
    }

    // MARK: - Bodies

    struct StatusMappingBody: Codable, Sendable {
        var inbound: [String: String]?
        var outbound: [String: String]?
    }

    struct CreateBody: Decodable, Sendable {
        var storeURL: String?
        var consumerKey: String?
        var consumerSecret: String?
        var integrationName: String?
        var autoSync: Bool?
        var syncIntervalMinutes: Int?
        var importStatuses: [String]?
        var statusMapping: StatusMappingBody?
        var fulfillment: FulfillmentSettingsBody?
        var verify: Bool?

        enum CodingKeys: String, CodingKey {
            case storeURL = "store_url"
            case consumerKey = "consumer_key"
            case consumerSecret = "consumer_secret"
            case integrationName = "integration_name"
            case autoSync = "auto_sync"
            case syncIntervalMinutes = "sync_interval_minutes"
            case importStatuses = "import_statuses"
            case statusMapping = "status_mapping"
            case fulfillment, verify
        }
    }

    /// `fulfillment` in a create or update body; only the keys given change.
    struct FulfillmentSettingsBody: Decodable, Sendable {
        var trackingNote: String?
        var shipmentTrackingMeta: Bool?

        enum CodingKeys: String, CodingKey {
            case trackingNote = "tracking_note"
            case shipmentTrackingMeta = "shipment_tracking_meta"
        }

        func applied(to settings: FulfillmentSettings) throws -> FulfillmentSettings {
            var settings = settings
            if let text = trackingNote {
                guard let note = FulfillmentSettings.TrackingNote(rawValue: text) else {
                    throw APIError.invalid(["fulfillment.tracking_note": "one of customer, private, none"])
                }
                settings.trackingNote = note
            }
            if let meta = shipmentTrackingMeta { settings.shipmentTrackingMeta = meta }
            return settings
        }
    }

    // MARK: - Routes

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<
        IntegrationResponseBody
    > {
        let userID = try context.requireUser()
        let body = try await request.decode(as: CreateBody.self, context: context)
        var problems: [String: String] = [:]
        let name = body.integrationName?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if name.isEmpty || name.count > 200 { problems["integration_name"] = "required, at most 200 characters" }
        let key = body.consumerKey?.trimmingCharacters(in: .whitespaces) ?? ""
        let secret = body.consumerSecret?.trimmingCharacters(in: .whitespaces) ?? ""
        if key.isEmpty { problems["consumer_key"] = "required" }
        if secret.isEmpty { problems["consumer_secret"] = "required" }
        if body.storeURL?.isEmpty ?? true { problems["store_url"] = "required" }
        let interval = body.syncIntervalMinutes ?? 15
        if !(1...1440).contains(interval) { problems["sync_interval_minutes"] = "must be between 1 and 1440" }
        let mapping = Self.mapping(body.statusMapping, importStatuses: body.importStatuses, problems: &problems)
        guard problems.isEmpty, let mapping, let storeText = body.storeURL else { throw APIError.invalid(problems) }
        let storeURL = try await services.stores.policy.check(storeText)

        let credentials = StoreCredentials(consumerKey: Secret(key), consumerSecret: Secret(secret))
        if body.verify ?? true {
            try await verify(storeURL: storeURL, credentials: credentials)
        }
        var draft = IntegrationRecord(
            userID: userID, storeURL: storeURL, consumerKeySealed: "", consumerKeyLast4: "",
            consumerSecretSealed: "", name: name, autoSync: body.autoSync ?? true, syncIntervalMinutes: interval,
            createdAt: Date())
        try draft.setStatusMapping(mapping)
        if let fulfillment = body.fulfillment {
            draft.fulfillmentSettings = try fulfillment.applied(to: FulfillmentSettings())
        }
        let stored = try await IntegrationCredentials(vault: services.vault, database: services.database)
            .create(draft, credentials: credentials)
        context.logger.info("integration created", metadata: ["integration": "\(stored.id ?? 0)"])
        return EditedResponse(status: .created, response: IntegrationResponseBody(try IntegrationResponse(stored)))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> ListResponse<
        IntegrationResponse
    > {
        let userID = try context.requireUser()
        let paging = try Paging(request)
        let all = try await services.integrations.list(userID: userID)
        let slice = all.dropFirst((paging.page - 1) * paging.perPage).prefix(paging.perPage)
        return ListResponse(
            items: try slice.map(IntegrationResponse.init), page: paging.page, perPage: paging.perPage,
            total: all.count)
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> IntegrationResponseBody {
        let record = try await integration(context)
        var response = try IntegrationResponse(record)
        let id = response.id
        response.health = try await services.database.read { sql in
            HealthBody(
                try await IntegrationHealthRecords().health(integrationID: id, on: sql),
                outbox: try await OutboxRecords().counts(integrationID: id, on: sql))
        }
        return IntegrationResponseBody(response)
    }

    struct UpdateBody: Decodable, Sendable {
        var integrationName: String?
        var consumerKey: String?
        var consumerSecret: String?
        var autoSync: Bool?
        var syncIntervalMinutes: Int?
        var importStatuses: [String]?
        var statusMapping: StatusMappingBody?
        var fulfillment: FulfillmentSettingsBody?
        var status: String?

        enum CodingKeys: String, CodingKey {
            case integrationName = "integration_name"
            case consumerKey = "consumer_key"
            case consumerSecret = "consumer_secret"
            case autoSync = "auto_sync"
            case syncIntervalMinutes = "sync_interval_minutes"
            case importStatuses = "import_statuses"
            case statusMapping = "status_mapping"
            case fulfillment, status
        }
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> IntegrationResponseBody {
        var record = try await integration(context)
        let body = try await request.decode(as: UpdateBody.self, context: context)
        var problems: [String: String] = [:]
        if let name = body.integrationName?.trimmingCharacters(in: .whitespacesAndNewlines) {
            if name.isEmpty || name.count > 200 { problems["integration_name"] = "must be 1 to 200 characters" }
            record.name = name
        }
        if let interval = body.syncIntervalMinutes {
            if !(1...1440).contains(interval) { problems["sync_interval_minutes"] = "must be between 1 and 1440" }
            record.syncIntervalMinutes = interval
        }
        if let autoSync = body.autoSync { record.autoSync = autoSync }
        if let fulfillment = body.fulfillment {
            do {
                record.fulfillmentSettings = try fulfillment.applied(to: record.fulfillmentSettings)
            } catch let error as APIError {
                problems.merge(error.fields ?? [:]) { first, _ in first }
            }
        }
        if let status = body.status {
            if let value = IntegrationRecord.Status(rawValue: status), value != .error {
                record.status = value
            } else {
                problems["status"] = "must be active or inactive"
            }
        }
        if body.statusMapping != nil || body.importStatuses != nil {
            let current = try record.statusMapping()
            let merged = StatusMappingBody(
                inbound: body.statusMapping?.inbound
                    ?? Dictionary(
                        uniqueKeysWithValues: current.inboundOverrides.map { ($0.key.rawValue, $0.value.rawValue) }),
                outbound: body.statusMapping?.outbound
                    ?? Dictionary(
                        uniqueKeysWithValues: current.outboundOverrides.map { ($0.key.rawValue, $0.value.rawValue) }))
            let imported = body.importStatuses ?? current.importedStatuses.map { $0.map(\.rawValue) }
            if let mapping = Self.mapping(merged, importStatuses: imported, problems: &problems) {
                try record.setStatusMapping(mapping)
            }
        }
        let newKey = body.consumerKey?.trimmingCharacters(in: .whitespaces)
        let newSecret = body.consumerSecret?.trimmingCharacters(in: .whitespaces)
        if (newKey == nil) != (newSecret == nil) {
            problems["consumer_key"] = "consumer_key and consumer_secret are changed together"
        }
        if newKey?.isEmpty == true || newSecret?.isEmpty == true { problems["consumer_key"] = "must not be empty" }
        guard problems.isEmpty else { throw APIError.invalid(problems) }

        let credentials = IntegrationCredentials(vault: services.vault, database: services.database)
        if let newKey, let newSecret {
            // New keys are checked against the store before they replace the old ones.
            var replacement = try credentials.credentials(of: record)
            replacement.consumerKey = Secret(newKey)
            replacement.consumerSecret = Secret(newSecret)
            try await verify(storeURL: record.storeURL, credentials: replacement)
            record = try await credentials.replace(record, with: replacement)
        }
        guard try await services.integrations.update(record) else { throw APIError.notFound("integration") }
        return IntegrationResponseBody(try IntegrationResponse(record))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let record = try await integration(context)
        guard let id = record.id else { throw APIError.notFound("integration") }
        let removed = await removeWebhooks(of: record, logger: context.logger)
        await services.syncJobs.cancel(integrationID: id)
        guard try await services.integrations.delete(id: id, userID: record.userID) else {
            throw APIError.notFound("integration")
        }
        context.logger.info(
            "integration deleted", metadata: ["integration": "\(id)", "webhooks_removed": "\(removed)"])
        return .noContent
    }

    struct TestResponse: ResponseEncodable, Sendable {
        var ok: Bool
        var storeURL: String
        var woocommerceVersion: String?
        var wordpressVersion: String?
        var hpos: Bool?
        var currency: String?
        var authMode: String
        var latencyMs: Double

        enum CodingKeys: String, CodingKey {
            case ok
            case storeURL = "store_url"
            case woocommerceVersion = "woocommerce_version"
            case wordpressVersion = "wordpress_version"
            case hpos, currency
            case authMode = "auth_mode"
            case latencyMs = "latency_ms"
        }
    }

    @Sendable func test(_ request: Request, context: AppRequestContext) async throws -> TestResponse {
        let record = try await integration(context)
        let credentials = try IntegrationCredentials(vault: services.vault, database: services.database)
            .credentials(of: record)
        let report = try await services.stores.withClient(storeURL: record.storeURL, credentials: credentials) {
            try await $0.testConnection()
        }
        let (seconds, attoseconds) = report.latency.components
        return TestResponse(
            ok: true, storeURL: report.storeURL, woocommerceVersion: report.wooCommerceVersion,
            wordpressVersion: report.wordPressVersion, hpos: report.hposEnabled, currency: report.currency,
            authMode: report.authenticationMode.rawValue,
            latencyMs: (Double(seconds) + Double(attoseconds) / 1e18) * 1000)
    }

    struct SyncBody: Decodable, Sendable {
        var mode: OrderImportRequest.Mode?
        var statuses: [String]?
        var after: Date?
        var before: Date?
    }

    @Sendable func sync(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<
        SyncRunResponseBody
    > {
        let record = try await integration(context)
        let body = try await request.decode(as: SyncBody.self, context: context)
        let statuses = body.statuses?.map { WooOrderStatus(rawValue: $0) }
        let importRequest = OrderImportRequest(
            mode: body.mode ?? .incremental, statuses: statuses, createdAfter: body.after, createdBefore: body.before)
        let wait = request.uri.queryParameters["wait"].map { $0 == "true" || $0 == "1" } ?? false
        let job = try await services.syncJobs.start(importRequest, for: record, services: services)
        guard wait else {
            return EditedResponse(status: .accepted, response: SyncRunResponseBody(job: job, run: nil))
        }
        _ = try? await job.task.value
        let run = try await services.database.read { sql in
            try await SyncLogRecords().fetch(id: job.runID, integrationID: record.id ?? 0, on: sql)
        }
        return EditedResponse(status: .ok, response: SyncRunResponseBody(job: job, run: run))
    }

    @Sendable func job(_ request: Request, context: AppRequestContext) async throws -> SyncRunResponse {
        let record = try await integration(context)
        guard let jobID = context.parameters.get("job", as: Int64.self) else { throw APIError.notFound("sync job") }
        let integrationID = record.id ?? 0
        let found = try await services.database.read { sql -> (SyncRun, [SyncLogEntry])? in
            guard let run = try await SyncLogRecords().fetch(id: jobID, integrationID: integrationID, on: sql) else {
                return nil
            }
            return (run, try await SyncLogRecords().entries(runID: jobID, limit: 100, on: sql))
        }
        guard let (run, entries) = found else { throw APIError.notFound("sync job") }
        return SyncRunResponse(run, entries: entries)
    }

    @Sendable func syncLogs(_ request: Request, context: AppRequestContext) async throws -> ListResponse<
        SyncRunResponse
    > {
        let record = try await integration(context)
        let paging = try Paging(request)
        let integrationID = record.id ?? 0
        let (runs, total) = try await services.database.read { sql in
            try await SyncLogRecords().list(
                integrationID: integrationID, page: paging.page, perPage: paging.perPage, on: sql)
        }
        return ListResponse(
            items: runs.map { SyncRunResponse($0) }, page: paging.page, perPage: paging.perPage, total: total)
    }

    struct ProductSyncBody: Decodable, Sendable {
        var direction: String?
        var skus: [String]?
    }

    /// What a product sync did: the pull's counts (when it pulled) and the stock pushes queued (when it pushed).
    struct ProductSyncResponse: ResponseEncodable, Sendable {
        var products: Int?
        var variations: Int?
        var mapped: Int?
        var withoutSKU: Int?
        var duplicates: [String: [String]]?
        var pushesQueued: Int?

        enum CodingKeys: String, CodingKey {
            case products, variations, mapped, duplicates
            case withoutSKU = "without_sku"
            case pushesQueued = "pushes_queued"
        }
    }

    /// `pull` refreshes the SKU map from the store's catalog; `push` queues Logix's stock of every mapped SKU
    /// (or of `skus`) for the store, through the outbox; `both` pulls, then pushes to the fresh map.
    @Sendable func productSync(_ request: Request, context: AppRequestContext) async throws -> ProductSyncResponse {
        let record = try await integration(context)
        let body = try await request.decode(as: ProductSyncBody.self, context: context)
        let direction = body.direction ?? "pull"
        guard ["pull", "push", "both"].contains(direction) else {
            throw APIError.invalid(["direction": "one of pull, push, both"])
        }
        if let skus = body.skus, skus.isEmpty || skus.count > 10_000 || skus.contains(where: \.isEmpty) {
            throw APIError.invalid(["skus": "1 to 10,000 non-empty SKUs"])
        }
        let integrationID = record.id ?? 0
        var response = ProductSyncResponse()
        if direction != "push" {
            let credentials = try IntegrationCredentials(vault: services.vault, database: services.database)
                .credentials(of: record)
            let database = services.database
            let report = try await services.stores.withClient(storeURL: record.storeURL, credentials: credentials) {
                try await CatalogPuller(client: $0, database: database).pull(integrationID: integrationID)
            }
            (response.products, response.variations, response.mapped) =
                (report.products, report.variations, report.mapped)
            (response.withoutSKU, response.duplicates) = (report.withoutSKU, report.duplicates)
        }
        if direction != "pull" {
            let skus = body.skus
            let queued = try await services.database.transaction { sql in
                if let skus {
                    return try await StockPushPlanner().enqueue(
                        skus: skus, integrationIDs: [integrationID], at: Date(), on: sql)
                }
                return try await StockPushPlanner().enqueueAll(integrationID: integrationID, at: Date(), on: sql)
            }
            response.pushesQueued = Set(queued).count
            if !queued.isEmpty { services.outboxSignal.notify() }
        }
        return response
    }

    // MARK: - Helpers

    /// Deletes the integration's webhooks at the store, best effort: a store that is down or refuses must not
    /// keep a user from deleting the integration (its deliveries then meet 401 and the store disables them).
    private func removeWebhooks(of record: IntegrationRecord, logger: Logger) async -> Int {
        guard record.webhookSecretSealed != nil, let id = record.id else { return 0 }
        let deliveryURL = services.webhookDeliveryURL(for: id)
        do {
            let credentials = try IntegrationCredentials(vault: services.vault, database: services.database)
                .credentials(of: record)
            return try await services.stores.withClient(storeURL: record.storeURL, credentials: credentials) {
                client in
                var removed = 0
                var ours: [Int] = []
                for try await hook in client.webhooks().items where hook.deliveryURL == deliveryURL {
                    ours.append(hook.id)
                }
                for hookID in ours {
                    _ = try await client.deleteWebhook(id: hookID)
                    removed += 1
                }
                return removed
            }
        } catch {
            logger.warning(
                "could not remove the store's webhooks", metadata: ["integration": "\(id)", "error": "\(error)"])
            return 0
        }
    }

    /// The caller's integration named by the `:id` parameter; 404 for a missing one and for another user's.
    private func integration(_ context: AppRequestContext) async throws -> IntegrationRecord {
        let userID = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self),
            let record = try await services.integrations.find(id: id, userID: userID)
        else { throw APIError.notFound("integration") }
        return record
    }

    /// Checks credentials against the store: a refusal is the caller's mistake (422 with the store's code),
    /// anything else the store's failure (502).
    private func verify(storeURL: String, credentials: StoreCredentials) async throws {
        do {
            _ = try await services.stores.withClient(storeURL: storeURL, credentials: credentials) {
                try await $0.testConnection()
            }
        } catch let error as WooCommerceError where error.kind == .http && [401, 403, 404].contains(error.status ?? 0) {
            throw APIError(
                .unprocessableContent, code: error.wooCode ?? "store_refused_credentials",
                "the store refused the credentials: \(error.wooMessage ?? error.description)",
                fields: ["consumer_key": error.wooCode ?? "refused"])
        }
    }

    static func mapping(
        _ body: StatusMappingBody?, importStatuses: [String]?, problems: inout [String: String]
    ) -> StatusMapping? {
        do {
            return try StatusMapping(
                inbound: body?.inbound ?? [:], outbound: body?.outbound ?? [:], importedStatuses: importStatuses)
        } catch {
            problems[importStatuses != nil && body == nil ? "import_statuses" : "status_mapping"] = "\(error)"
            return nil
        }
    }
}

/// An integration response that can be returned as a body.
struct IntegrationResponseBody: ResponseEncodable, Sendable {
    var integration: IntegrationResponse
    init(_ integration: IntegrationResponse) { self.integration = integration }
    func encode(to encoder: any Encoder) throws { try integration.encode(to: encoder) }
}

/// A sync job as `POST …/sync` answers it.
struct SyncRunResponseBody: ResponseEncodable, Sendable {
    var jobID: Int64
    var resumed: Bool
    var run: SyncRunResponse?

    init(job: SyncJobs.Job, run: SyncRun?) {
        jobID = job.runID
        resumed = job.resumed
        self.run = run.map { SyncRunResponse($0) }
    }

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id"
        case resumed
        case run
    }
}
