import Foundation

/// Webhook registrations and delivery bookkeeping.
extension SimStore {
    func webhook(_ id: Int) -> SimWebhook? {
        self.webhooks[id]
    }

    var allWebhooks: [SimWebhook] {
        self.webhooks.values.sorted { $0.id < $1.id }
    }

    func createWebhook(fromAPI body: JSONValue) throws(WooSimError) -> SimWebhook {
        guard let topic = body["topic"]?.string, SimWebhook.isValidTopic(topic) else {
            throw WooSimError.webhookInvalidTopic
        }
        guard let url = body["delivery_url"]?.string, SimWebhook.isValidDeliveryURL(url) else {
            throw WooSimError.webhookInvalidDeliveryURL
        }
        let now = self.now()
        // No secret given → 50 random letters and digits (never HTML entities, which WordPress would decode).
        let secret = body["secret"]?.string.flatMap { $0.isEmpty ? nil : $0 } ?? self.runtimeRandom.alphanumeric(50)
        let name =
            body["name"]?.string.flatMap { $0.isEmpty ? nil : $0 }
            ?? "Webhook created on \(self.time.localString(now).replacingOccurrences(of: "T", with: " "))"
        // Created active whatever `status` says, as WooCommerce does.
        let webhook = SimWebhook(
            id: self.nextWebhookId, name: name, status: "active", topic: topic, deliveryURL: url, secret: secret,
            dateCreated: now, dateModified: nil)
        self.nextWebhookId += 1
        self.webhooks[webhook.id] = webhook
        return webhook
    }

    func updateWebhook(_ id: Int, fromAPI body: JSONValue) throws(WooSimError) -> SimWebhook {
        guard var webhook = self.webhooks[id] else { throw WooSimError.invalidWebhookID }
        if let topic = body["topic"]?.string {
            guard SimWebhook.isValidTopic(topic) else { throw WooSimError.webhookInvalidTopic }
            webhook.topic = topic
        }
        if let url = body["delivery_url"]?.string {
            guard SimWebhook.isValidDeliveryURL(url) else { throw WooSimError.webhookInvalidDeliveryURL }
            webhook.deliveryURL = url
        }
        if let name = body["name"]?.string { webhook.name = name }
        if let secret = body["secret"]?.string, !secret.isEmpty { webhook.secret = secret }
        if let status = body["status"]?.string {
            guard ["active", "paused", "disabled"].contains(status) else {
                throw WooSimError.notInEnum("status", label: "status", values: ["active", "paused", "disabled"])
            }
            webhook.status = status
        }
        webhook.dateModified = self.now()
        self.webhooks[id] = webhook
        return webhook
    }

    func deleteWebhook(_ id: Int) throws(WooSimError) -> SimWebhook {
        guard let webhook = self.webhooks.removeValue(forKey: id) else { throw WooSimError.invalidWebhookID }
        return webhook
    }

    /// Counts a delivery outcome: success resets the failure count; a failure with more than 5 already
    /// counted disables the webhook (the 7th consecutive failure).
    func recordDelivery(webhookId: Int, succeeded: Bool) {
        guard var webhook = self.webhooks[webhookId] else { return }
        if succeeded {
            webhook.failureCount = 0
        } else if webhook.failureCount > 5 {
            // WooCommerce checks before counting: failures 1–6 count up, the 7th disables (count stays 6).
            webhook.status = "disabled"
        } else {
            webhook.failureCount += 1
        }
        webhook.dateModified = self.now()
        self.webhooks[webhookId] = webhook
    }

    func markPinged(webhookId: Int) {
        self.webhooks[webhookId]?.dateModified = self.now()
    }
}
