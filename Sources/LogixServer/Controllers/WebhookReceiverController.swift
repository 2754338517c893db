import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Storage
import Sync
import WooCommerce

/// `POST /api/v1/woocommerce/webhooks/receive?integration={id}`: the store's deliveries.
///
/// The flow, top-down: find the integration → verify the signature over the raw body with its webhook secret
/// → store the delivery in the inbox (once: a duplicate of topic, resource and body is recognised) → answer
/// 200 → the inbox applier applies it. A ping is answered 200 and stored nowhere. Bad or missing signature,
/// unknown integration: 401, nothing stored. A validly signed body that is not JSON is stored as failed, with
/// its error, and answered 200 so the store does not count a failure and disable the webhook.
struct WebhookReceiverController {
    let services: ServerServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("woocommerce/webhooks/receive", use: receive)
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

    @Sendable func receive(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = request.uri.queryParameters["integration"].flatMap({ Int64($0) }),
            case .some(let secret) = try await services.webhookSecrets.secret(for: id)
        else { throw APIError.unauthorized("unknown integration", code: "unknown_integration") }
        let buffer = try await request.body.collect(upTo: services.configuration.webhookBodyLimit)
        let body = Data(buffer.readableBytesView)
        let headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }

        switch WooWebhookMessage.classify(headers: headers, body: body) {
        case .ping:
            return Received.ping.response
        case nil:
            throw APIError.unauthorized("not a signed WooCommerce delivery", code: "invalid_signature")
        case .delivery(let delivery):
            guard let secret, delivery.verify(body: body, secret: secret.revealed) else {
                services.metrics.increment("logix_webhook_deliveries_total", labels: "outcome=\"refused\"")
                throw APIError.unauthorized("the signature does not match", code: "invalid_signature")
            }
            var stored = InboxDelivery(
                integrationID: id, deliveryKey: "", deliveryID: delivery.deliveryID, topic: delivery.topic,
                resourceID: nil, body: body, receivedAt: Date())
            do {
                stored.resourceID = try WooWebhookDelivery.resourceID(in: body)
            } catch {
                stored.state = .failed
                stored.lastError = "malformed JSON body: \(error)"
                context.logger.warning("webhook body is not JSON", metadata: ["integration": "\(id)"])
            }
            stored.deliveryKey = Self.deliveryKey(topic: delivery.topic, resourceID: stored.resourceID, body: body)
            let isNew = try await services.inboxWriter.store(stored)
            if isNew && stored.state == .pending { services.webhookSignal.notify() }
            services.metrics.increment(
                "logix_webhook_deliveries_total",
                labels: "outcome=\"\(isNew ? (stored.state == .pending ? "stored" : "malformed") : "duplicate")\"")
            return (isNew ? Received.stored : .duplicate).response
        }
    }

    /// Two deliveries are the same when topic, resource and body are: SHA-256 over the three.
    static func deliveryKey(topic: String, resourceID: Int64?, body: Data) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("\(topic)\n\(resourceID.map(String.init) ?? "-")\n".utf8))
        hasher.update(data: body)
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in hasher.finalize() {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
