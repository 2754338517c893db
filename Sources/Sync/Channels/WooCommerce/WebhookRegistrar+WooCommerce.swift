import Foundation
import LogixCore
import Storage
import WooCommerce

extension WebhookRegistrar {
    /// Registers (or repairs) the webhooks through a ``WooCommerceChannel`` around `client`, which the caller
    /// keeps and shuts down.
    public func register(
        _ record: IntegrationRecord, topics: [String] = WebhookRegistrar.defaultTopics, deliveryURL: String,
        secret: Secret, client: WooCommerceClient, at now: Date
    ) async throws -> [RegisteredWebhook] {
        try await register(
            record, topics: topics, deliveryURL: deliveryURL, secret: secret,
            channel: WooCommerceChannel(client: client, integrationID: record.id), at: now)
    }
}
