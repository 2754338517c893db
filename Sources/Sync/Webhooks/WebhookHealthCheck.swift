import Foundation
import Logging
import LogixCore
import Storage
import WooCommerce

/// Keeps an integration's webhooks working: lists them at the store, repairs what a ``WebhookRepairPlan``
/// says (create the missing, re-enable the disabled or paused, recreate one disabled again), records what it
/// found in the integration's health, and when it repaired anything, backfills the gap — the deliveries the
/// store never sent — with an incremental order sync from the cursor (ARCHITECTURE.md, "Nothing lost").
///
/// Only integrations whose webhooks were registered are checked: those with a webhook secret, which
/// registration creates before it creates any webhook.
public struct WebhookHealthCheck: Sendable {
    /// What a check found and did.
    public struct Report: Sendable {
        /// The webhooks as found and what was done; `nil` when the integration has no webhooks registered.
        public var webhooks: WebhookHealth?
        /// The backfill's report, when something was repaired and the sync ran.
        public var backfill: OrderImportReport?
        /// Something was repaired but another order sync was running; it covers the gap instead.
        public var backfillDeferred: Bool
    }

    let database: LogixDatabase
    let channels: any SalesChannelProvider
    let credentials: IntegrationCredentials
    let deliveryURL: WebhookDeliveryURL
    let importOptions: OrderImporter.Options
    let clock: any LogixClock
    let logger: Logger

    /// - Parameters:
    ///   - clients: the channels of the integrations' stores.
    ///   - deliveryURL: the URL the store delivers an integration's webhooks to (the server's public receive
    ///     URL for it); webhooks are recognised by it.
    public init(
        database: LogixDatabase, clients: any SalesChannelProvider, credentials: IntegrationCredentials,
        deliveryURL: @escaping WebhookDeliveryURL, importOptions: OrderImporter.Options = .init(),
        clock: any LogixClock = SystemClock(), logger: Logger = Logger(label: "logix.webhooks.health")
    ) {
        self.database = database
        self.channels = clients
        self.credentials = credentials
        self.deliveryURL = deliveryURL
        self.importOptions = importOptions
        self.clock = clock
        self.logger = logger
    }

    /// Checks and repairs the integration's webhooks, then backfills if anything was repaired.
    public func check(_ integration: IntegrationRecord) async throws -> Report {
        let integrationID = integration.id
        guard integration.webhookSecretSealed != nil else {
            return Report(webhooks: nil, backfill: nil, backfillDeferred: false)
        }
        let channel = try channels.channel(for: integration)
        do {
            let report = try await check(integration, integrationID: integrationID, channel: channel)
            try await channel.shutdown()
            return report
        } catch {
            try? await channel.shutdown()
            throw error
        }
    }

    private func check(
        _ integration: IntegrationRecord, integrationID: Int64, channel: any SalesChannel
    ) async throws -> Report {
        let url = deliveryURL(integrationID, channel.platform)
        let previous = try await database.read {
            try await IntegrationHealthRecords().health(integrationID: integrationID, on: $0)
        }.webhooks
        // The topics registration chose (recorded with the first health), else the defaults.
        let topics = previous.map { $0.topics.map(\.topic) } ?? channel.webhookTopics
        let found = try await channel.webhooks(deliveryURL: url).map {
            WebhookRepairPlan.Found(id: $0.id, topic: $0.topic, status: $0.status)
        }
        let plan = WebhookRepairPlan(topics: topics, found: found, previous: previous)
        var results = Dictionary(plan.topics.map { ($0.topic, $0) }, uniquingKeysWith: { first, _ in first })

        if !plan.steps.isEmpty {
            let secret = try credentials.credentials(of: integration).webhookSecret?.revealed
            func create(_ topic: String) async throws -> Int {
                guard let secret else {
                    throw SyncError(
                        .invalidRequest, integrationID: integrationID, "the integration has no webhook secret")
                }
                return try await channel.createWebhook(topic: topic, deliveryURL: url, secret: secret).id
            }
            for step in plan.steps {
                switch step {
                case .reenable(let id, _):
                    _ = try await channel.activateWebhook(id: id, secret: nil)
                case .recreate(let id, let topic):
                    try await channel.deleteWebhook(id: id)
                    results[topic]?.webhookID = try await create(topic)
                case .create(let topic):
                    results[topic]?.webhookID = try await create(topic)
                case .deleteDuplicate(let id):
                    try await channel.deleteWebhook(id: id)
                }
            }
        }

        let health = WebhookHealth(topics: topics.compactMap { results[$0] }, checkedAt: clock.now())
        try await database.transaction { sql in
            try await IntegrationHealthRecords().recordWebhooks(integrationID: integrationID, health, on: sql)
        }
        guard health.repaired else { return Report(webhooks: health, backfill: nil, backfillDeferred: false) }
        logger.notice(
            "webhooks repaired",
            metadata: [
                "integration": "\(integrationID)",
                "changes": "\(health.topics.filter { $0.action != .kept }.map { "\($0.topic) \($0.action.rawValue)" })",
            ])

        // Deliveries the store dropped while the webhooks were down are found by reading from the cursor.
        let importer = OrderImporter(
            channel: channel, database: database, integrationID: integrationID, options: importOptions, clock: clock,
            logger: logger)
        do {
            let backfill = try await importer.run(.incremental)
            return Report(webhooks: health, backfill: backfill, backfillDeferred: false)
        } catch let error as SyncError where error.kind == .alreadyRunning {
            return Report(webhooks: health, backfill: nil, backfillDeferred: true)
        }
    }
}
