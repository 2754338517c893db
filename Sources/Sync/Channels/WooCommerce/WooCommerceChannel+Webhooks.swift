import WooCommerce

extension WooCommerceChannel {
    public var webhookTopics: [String] { WebhookRegistrar.defaultTopics }

    public func webhooks(deliveryURL: String) async throws -> [ChannelWebhook] {
        var found: [ChannelWebhook] = []
        for try await hook in client.webhooks().items where hook.deliveryURL == deliveryURL {
            found.append(ChannelWebhook(hook))
        }
        return found
    }

    public func createWebhook(topic: String, deliveryURL: String, secret: String) async throws -> ChannelWebhook {
        ChannelWebhook(
            try await client.createWebhook(
                WooWebhookCreate(name: "Logix \(topic)", topic: topic, deliveryURL: deliveryURL, secret: secret)))
    }

    public func activateWebhook(id: Int, secret: String?) async throws -> ChannelWebhook {
        ChannelWebhook(try await client.updateWebhook(id: id, WooWebhookUpdate(status: .active, secret: secret)))
    }

    public func deleteWebhook(id: Int) async throws {
        _ = try await client.deleteWebhook(id: id)
    }
}

extension ChannelWebhook {
    init(_ hook: WooWebhook) {
        self.init(id: hook.id, topic: hook.topic, status: ChannelWebhookStatus(rawValue: hook.status.rawValue))
    }
}
