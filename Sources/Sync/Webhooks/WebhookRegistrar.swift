import Crypto
import Foundation
import LogixCore
import Storage

/// Registers an integration's webhooks at its store, and repairs them when asked again: a missing webhook is
/// created, a disabled or paused one re-enabled, a duplicate deleted, the secret set again on every one. It
/// never creates a second webhook for a topic that has one.
///
/// Webhooks are recognised by their delivery URL, which names the integration: other webhooks of the store
/// (the merchant's own, another integration's) are never touched.
public struct WebhookRegistrar: Sendable {
    /// The topics registered when the caller names none: the product topics keep the SKU map in step with the
    /// store's catalogue (issue 11, gap 9).
    public static let defaultTopics = [
        "order.created", "order.updated", "order.deleted", "order.restored", "product.created", "product.updated",
        "product.deleted",
    ]
    /// Every topic a caller may ask for.
    public static let allowedTopics: Set<String> = Set(defaultTopics)

    let credentials: IntegrationCredentials

    public init(credentials: IntegrationCredentials) {
        self.credentials = credentials
    }

    /// The integration's credentials with a webhook secret: one per integration, made the first time and
    /// kept sealed, so every registration and repair sets the same secret.
    public func credentialsWithWebhookSecret(
        _ record: IntegrationRecord
    ) async throws -> (record: IntegrationRecord, credentials: StoreCredentials) {
        var current = try credentials.credentials(of: record)
        guard current.webhookSecret == nil else { return (record, current) }
        current.webhookSecret = Secret(Self.newSecret())
        let updated = try await credentials.replace(record, with: current)
        return (updated, current)
    }

    /// Registers (or repairs) the webhooks for `topics` and records what it found in the integration's health.
    ///
    /// - Parameter channel: the integration's store; the caller shuts it down.
    public func register(
        _ record: IntegrationRecord, topics: [String] = WebhookRegistrar.defaultTopics, deliveryURL: String,
        secret: Secret, channel: any SalesChannel, at now: Date
    ) async throws -> [RegisteredWebhook] {
        let existing = try await channel.webhooks(deliveryURL: deliveryURL)
        // All topics at once: WooCommerce pings the delivery URL inside each create call, so one topic after
        // another took as long as every ping together — seconds each from a busy host, past a caller's timeout.
        // The channel's pacer still decides how many reach the store at once (ARCHITECTURE.md, "One pacer per
        // store").
        let registered = try await withThrowingTaskGroup(of: (Int, RegisteredWebhook).self) { group in
            for (index, topic) in topics.enumerated() {
                let matching = existing.filter { $0.topic == topic }.sorted { $0.id < $1.id }
                group.addTask {
                    (
                        index,
                        try await Self.register(
                            topic, matching: matching, deliveryURL: deliveryURL, secret: secret, channel: channel)
                    )
                }
            }
            var registered = [RegisteredWebhook?](repeating: nil, count: topics.count)
            for try await (index, webhook) in group { registered[index] = webhook }
            return registered.compactMap { $0 }
        }
        do {
            let integrationID = record.id
            let health = WebhookHealth(
                topics: registered.map {
                    WebhookHealth.Topic(
                        topic: $0.topic, status: $0.found, action: $0.action, webhookID: $0.id,
                        reenabledWebhookID: $0.action == .reenabled ? $0.id : nil)
                }, checkedAt: now)
            try await credentials.database.transaction { sql in
                try await IntegrationHealthRecords().recordWebhooks(integrationID: integrationID, health, on: sql)
            }
        }
        return registered
    }

    /// One topic: the first webhook of `matching` (the store's for this topic and URL) activated with the secret
    /// and any others deleted, or a new one created.
    private static func register(
        _ topic: String, matching: [ChannelWebhook], deliveryURL: String, secret: Secret, channel: any SalesChannel
    ) async throws -> RegisteredWebhook {
        guard let keep = matching.first else {
            let created = try await channel.createWebhook(
                topic: topic, deliveryURL: deliveryURL, secret: secret.revealed)
            return RegisteredWebhook(
                id: created.id, topic: topic, status: created.status, found: .missing, action: .created)
        }
        let updated = try await channel.activateWebhook(id: keep.id, secret: secret.revealed)
        for duplicate in matching.dropFirst() { try await channel.deleteWebhook(id: duplicate.id) }
        return RegisteredWebhook(
            id: updated.id, topic: topic, status: updated.status, found: WebhookHealth.Topic.Status(keep.status),
            action: keep.status == .active ? .kept : .reenabled)
    }

    /// A new webhook secret: 256 random bits in URL-safe base64 without padding — letters, digits, `-` and
    /// `_` only, since the store signs with the HTML-entity-decoded secret.
    public static func newSecret() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// One webhook after a registration.
public struct RegisteredWebhook: Sendable, Hashable {
    public var id: Int
    public var topic: String
    /// Its status now.
    public var status: ChannelWebhookStatus
    /// Its status before (``WebhookHealth/Topic/Status/missing`` if it had to be created).
    public var found: WebhookHealth.Topic.Status
    public var action: WebhookHealth.Topic.Action
}

extension WebhookHealth.Topic.Status {
    /// A store status as health records it; an unknown one counts as disabled (it delivers nothing).
    init(_ status: ChannelWebhookStatus) {
        switch status {
        case .active: self = .active
        case .paused: self = .paused
        default: self = .disabled
        }
    }
}
