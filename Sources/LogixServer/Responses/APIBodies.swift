import Foundation
import LogixCore
import Storage
import Sync

/// The API's response bodies as JSON bytes, for front ends other than the HTTP API: `logix … --json` prints
/// exactly what the matching route answers (the same types, the same encoder), so a script can switch between
/// the command line and the API without changing how it reads the answer.
public enum APIBodies {
    /// `GET /api/v1/woocommerce/integrations`.
    public static func integrations(_ records: [IntegrationRecord], page: Int, perPage: Int, total: Int) throws
        -> Data
    {
        try encode(
            ListResponse(items: try records.map(IntegrationResponse.init), page: page, perPage: perPage, total: total))
    }

    /// `POST /api/v1/woocommerce/integrations` (and `PATCH`): one integration, without its health.
    public static func integration(_ record: IntegrationRecord) throws -> Data {
        try encode(try IntegrationResponse(record))
    }

    /// `GET /api/v1/woocommerce/integrations/{id}`: one integration with its health.
    public static func integration(_ detail: Integrations.Detail) throws -> Data {
        try encode(try IntegrationResponse(detail))
    }

    /// `POST /api/v1/woocommerce/integrations/{id}/test`.
    public static func connectionTest(_ report: ChannelConnectionReport) throws -> Data {
        try encode(IntegrationController.TestResponse(report))
    }

    /// `POST /api/v1/woocommerce/integrations/{id}/webhooks`.
    public static func webhooks(_ registered: WebhookRegistration.Registered) throws -> Data {
        try encode(WebhookRegistrationController.Registered(registered))
    }

    /// `POST /api/v1/woocommerce/integrations/{id}/sync?wait=true`: the job and its finished run.
    public static func sync(job: SyncJobs.Job, run: SyncRun?) throws -> Data {
        try encode(SyncRunResponseBody(job: job, run: run))
    }

    /// `POST /api/v1/woocommerce/integrations/{id}/products/sync`.
    public static func productSync(_ report: ProductSync.Report) throws -> Data {
        try encode(IntegrationController.ProductSyncResponse(report))
    }

    /// `GET /api/v1/orders`.
    public static func orders(
        _ orders: [Order], platforms: [Int64: ChannelPlatform], page: Int, perPage: Int, total: Int
    ) throws -> Data {
        try encode(
            ListResponse(
                items: orders.map { OrderResponse($0, platforms: platforms) }, page: page, perPage: perPage,
                total: total))
    }

    /// `GET /api/v1/orders/{id}`.
    public static func order(_ order: Order, platforms: [Int64: ChannelPlatform]) throws -> Data {
        try encode(OrderResponse(order, platforms: platforms))
    }

    /// `GET /api/v1/outbox`.
    public static func outbox(_ items: [OutboxItem], page: Int, perPage: Int, total: Int) throws -> Data {
        try encode(
            ListResponse(items: items.map(OutboxItemResponse.init), page: page, perPage: perPage, total: total))
    }

    /// `POST /api/v1/outbox/{id}/retry`.
    public static func outboxItem(_ item: OutboxItem) throws -> Data {
        try encode(OutboxItemResponse(item))
    }

    /// `POST /api/v1/outbox/retry-dead`.
    public static func retried(_ count: Int) throws -> Data {
        try encode(OutboxController.Retried(retried: count))
    }

    /// `GET /api/v1/inventory`.
    public static func inventory(_ items: [InventoryItem], page: Int, perPage: Int, total: Int) throws -> Data {
        try encode(
            ListResponse(items: items.map(InventoryController.Item.init), page: page, perPage: perPage, total: total))
    }

    /// `PUT /api/v1/inventory/{sku}`.
    public static func inventoryItem(_ item: InventoryItem) throws -> Data {
        try encode(InventoryController.Item(item))
    }

    private static func encode(_ value: some Encodable) throws -> Data {
        try AppRequestContext.encoder.encode(value)
    }
}
