import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Sync

/// `POST /api/v1/woocommerce/webhooks/receive?integration={id}` and
/// `POST /api/v1/shopify/webhooks/receive?integration={id}`: the stores' deliveries, each platform's through
/// its own ``Sync/WebhookInbox`` (its headers, its signature, its integrations only).
///
/// The flow, top-down: find the integration → verify the signature over the raw body with its webhook secret
/// → store the delivery in the inbox (once: a duplicate of topic, resource and body is recognised) → answer
/// 200 → the inbox applier applies it. A ping is answered 200 and stored nowhere. Bad or missing signature,
/// unknown integration: 401, nothing stored. A validly signed body that is not JSON is stored as failed, with
/// its error, and answered 200 so the store does not count a failure and disable the webhook.
struct WebhookReceiverController {
    let services: ServerServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("woocommerce/webhooks/receive") { request, context in
            try await receive(request, context: context, inbox: services.webhookInbox)
        }
        group.post("shopify/webhooks/receive") { request, context in
            try await receive(request, context: context, inbox: services.shopifyWebhookInbox)
        }
    }

    /// The answer: `{"ok": true}` for a ping, with `"duplicate"` for a delivery. Three fixed bodies, written
    /// once: the receiver answers thousands of times a second and a JSON encoder per answer showed in profiles.
    enum Received {
        case ping, stored, duplicate

        private static let bodies: [Received: ByteBuffer] = [
            .ping: ByteBuffer(string: #"{"ok":true}"#),
            .stored: ByteBuffer(string: #"{"duplicate":false,"ok":true}"#),
            .duplicate: ByteBuffer(string: #"{"duplicate":true,"ok":true}"#),
        ]

        var response: Response {
            let body = Self.bodies[self] ?? ByteBuffer()
            return Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: body))
        }
    }

    @Sendable func receive(_ request: Request, context: AppRequestContext, inbox: WebhookInbox) async throws
        -> Response
    {
        // An unknown integration is refused before its body is read.
        guard let id = request.uri.queryParameters["integration"].flatMap({ Int64($0) }) else {
            throw APIError.unauthorized("unknown integration", code: "unknown_integration")
        }
        let recipient = try await inbox.recipient(integrationID: id)
        let buffer = try await request.body.collect(upTo: services.configuration.webhookBodyLimit)
        let headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        let received: WebhookInbox.Received
        do {
            received = try await inbox.receive(
                recipient, headers: headers, body: Data(buffer.readableBytesView))
        } catch let error as SyncError where error.code == "invalid_signature" {
            services.metrics.increment("logix_webhook_deliveries_total", labels: "outcome=\"refused\"")
            throw error
        }
        switch received {
        case .ping:
            return Received.ping.response
        case .stored, .malformed, .duplicate:
            if received == .malformed {
                context.logger.warning("webhook body is not JSON", metadata: ["integration": "\(id)"])
            }
            services.metrics.increment("logix_webhook_deliveries_total", labels: "outcome=\"\(received)\"")
            return (received == .duplicate ? Received.duplicate : .stored).response
        }
    }
}
