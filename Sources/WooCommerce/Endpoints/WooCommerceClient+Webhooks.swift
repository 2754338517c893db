import NIOHTTP1

extension WooCommerceClient {
    /// `POST /webhooks`. The store creates it `active` and pings `deliveryURL` during the call.
    public func createWebhook(_ webhook: WooWebhookCreate) async throws -> WooWebhook {
        try await send(.json(.POST, "webhooks", body: webhook), as: WooWebhook.self)
    }

    /// `GET /webhooks` (one page of up to 100; stores rarely have more).
    public func listWebhooks(page: Int = 1, perPage: Int = 100) async throws -> WooPage<WooWebhook> {
        try validatePerPage(perPage, "webhooks")
        let query = [WooQueryItem("per_page", String(perPage)), WooQueryItem("page", String(page))]
        return try await self.page("webhooks", query: query, page: page, perPage: perPage, as: WooWebhook.self)
    }

    /// Every webhook of the store.
    public func webhooks(perPage: Int = 100) -> WooPageSequence<WooWebhook> {
        pages(
            "webhooks", perPage: perPage, concurrency: 1,
            query: { [WooQueryItem("per_page", String(perPage)), WooQueryItem("page", String($0))] },
            as: WooWebhook.self)
    }

    /// `GET /webhooks/{id}`.
    public func webhook(id: Int) async throws -> WooWebhook {
        try await send(WooRequest(.GET, "webhooks/\(id)"), as: WooWebhook.self)
    }

    /// `PUT /webhooks/{id}`, e.g. `status: .active` to re-enable a webhook the store disabled.
    public func updateWebhook(id: Int, _ update: WooWebhookUpdate) async throws -> WooWebhook {
        try await send(.json(.PUT, "webhooks/\(id)", body: update), as: WooWebhook.self)
    }

    /// `DELETE /webhooks/{id}?force=true` (webhooks cannot be trashed). Returns the deleted webhook.
    @discardableResult
    public func deleteWebhook(id: Int) async throws -> WooWebhook {
        try await send(
            WooRequest(.DELETE, "webhooks/\(id)", query: [WooQueryItem("force", "true")]), as: WooWebhook.self)
    }
}
