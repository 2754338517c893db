extension ShopifyClient {
    /// The app's webhook subscriptions at this shop (every page).
    public func webhookSubscriptions() async throws -> [ShopifyWebhookSubscription] {
        struct Payload: Decodable, Sendable { var webhookSubscriptions: Connection<ShopifyWebhookSubscription> }
        var result: [ShopifyWebhookSubscription] = []
        var after: String?
        while true {
            let operation = ShopifyOperation(
                name: "WebhookSubscriptions", query: ShopifyQueries.webhookSubscriptions,
                variables: ["first": .int(100), "after": .optional(after)])
            let page = try await send(operation, as: Payload.self).webhookSubscriptions
            result += page.nodes
            guard page.pageInfo?.hasNextPage == true, let cursor = page.pageInfo?.endCursor, cursor != after else {
                return result
            }
            after = cursor
        }
    }

    /// Subscribes `uri` to `topic` (JSON deliveries). A repeat is refused by Shopify with the user error
    /// "Address for this topic has already been taken", thrown as kind `userErrors`; resending after a lost
    /// answer is therefore harmless.
    public func createWebhookSubscription(topic: ShopifyWebhookTopic, uri: String) async throws
        -> ShopifyWebhookSubscription
    {
        struct Payload: Decodable, Sendable {
            struct Result: Decodable, Sendable {
                var webhookSubscription: ShopifyWebhookSubscription?
                var userErrors: [ShopifyError.UserError]
            }
            var webhookSubscriptionCreate: Result?
        }
        let operation = ShopifyOperation(
            name: "WebhookSubscriptionCreate", query: ShopifyQueries.webhookSubscriptionCreate,
            variables: [
                "topic": .string(topic.rawValue),
                "webhookSubscription": .object(["uri": .string(uri), "format": .string("JSON")]),
            ])
        let result = try await send(operation, as: Payload.self).webhookSubscriptionCreate
        if let errors = result?.userErrors, !errors.isEmpty { throw userErrors("WebhookSubscriptionCreate", errors) }
        guard let subscription = result?.webhookSubscription else {
            throw missing("WebhookSubscriptionCreate", "webhookSubscription")
        }
        return subscription
    }

    /// Deletes a subscription; returns the deleted id (`nil` if Shopify reported none).
    @discardableResult
    public func deleteWebhookSubscription(id: ShopifyGID) async throws -> ShopifyGID? {
        struct Payload: Decodable, Sendable {
            struct Result: Decodable, Sendable {
                var deletedWebhookSubscriptionId: ShopifyGID?
                var userErrors: [ShopifyError.UserError]
            }
            var webhookSubscriptionDelete: Result?
        }
        let operation = ShopifyOperation(
            name: "WebhookSubscriptionDelete", query: ShopifyQueries.webhookSubscriptionDelete,
            variables: ["id": .string(id.rawValue)])
        let result = try await send(operation, as: Payload.self).webhookSubscriptionDelete
        if let errors = result?.userErrors, !errors.isEmpty { throw userErrors("WebhookSubscriptionDelete", errors) }
        return result?.deletedWebhookSubscriptionId
    }
}
