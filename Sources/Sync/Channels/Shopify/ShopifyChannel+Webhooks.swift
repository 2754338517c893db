import Shopify

extension ShopifyChannel {
    /// The topics a Shopify integration subscribes to, by their REST names (the `X-Shopify-Topic` of a delivery).
    public static let webhookTopics = [
        "orders/create", "orders/updated", "orders/cancelled", "orders/delete", "app/uninstalled",
    ]

    public var webhookTopics: [String] { Self.webhookTopics }

    /// The app's subscriptions that deliver to `deliveryURL`. Shopify has no paused or disabled subscription:
    /// one that failed too often is deleted, so every one listed is active.
    public func webhooks(deliveryURL: String) async throws -> [ChannelWebhook] {
        try await client.webhookSubscriptions().filter { $0.uri == deliveryURL }.map(ChannelWebhook.init)
    }

    /// `webhookSubscriptionCreate`. Shopify signs every delivery with the app's API secret, not a secret per
    /// subscription, so `secret` is not sent: the integration's webhook secret is the app's API secret.
    public func createWebhook(topic: String, deliveryURL: String, secret: String) async throws -> ChannelWebhook {
        ChannelWebhook(
            try await client.createWebhookSubscription(topic: ShopifyWebhookTopic(restName: topic), uri: deliveryURL))
    }

    /// A subscription cannot be paused at Shopify, so there is nothing to activate: the subscription as it is,
    /// or not found when Shopify deleted it (the health check then creates it again).
    public func activateWebhook(id: Int, secret: String?) async throws -> ChannelWebhook {
        let gid = ShopifyGID(type: "WebhookSubscription", id: Int64(id))
        guard let subscription = try await client.webhookSubscriptions().first(where: { $0.id == gid }) else {
            throw SyncError(
                .notFound, integrationID: integrationID,
                "webhook subscription \(id) not found at \(storeURL) (Shopify deletes one after 8 failed deliveries)")
        }
        return ChannelWebhook(subscription)
    }

    /// `webhookSubscriptionDelete`.
    public func deleteWebhook(id: Int) async throws {
        _ = try await client.deleteWebhookSubscription(id: ShopifyGID(type: "WebhookSubscription", id: Int64(id)))
    }
}

extension ChannelWebhook {
    init(_ subscription: ShopifyWebhookSubscription) {
        self.init(id: Int(subscription.id.legacyID), topic: subscription.topic.restName, status: .active)
    }
}
