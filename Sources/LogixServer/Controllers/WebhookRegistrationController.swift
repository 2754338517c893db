import Crypto
import Foundation
import Hummingbird
import Logging
import Storage
import Sync
import WooCommerce

/// `POST /api/v1/woocommerce/integrations/{id}/webhooks`: registers the webhooks at the store. Running it
/// again repairs — a missing webhook is created, a disabled or paused one re-enabled, a duplicate removed, the
/// secret set again — and never duplicates.
struct WebhookRegistrationController {
    let services: ServerServices

    static let defaultTopics = ["order.created", "order.updated", "order.deleted", "order.restored", "product.updated"]

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("woocommerce/integrations/:id/webhooks", use: register)
    }

    struct Body: Decodable, Sendable {
        var topics: [String]?
    }

    struct Registered: ResponseEncodable, Sendable {
        struct Hook: Encodable, Sendable {
            var id: Int
            var topic: String
            var status: String
            var action: String
        }
        var deliveryURL: String
        var webhooks: [Hook]

        enum CodingKeys: String, CodingKey {
            case deliveryURL = "delivery_url"
            case webhooks
        }
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> Registered {
        let userID = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self),
            var record = try await services.integrations.find(id: id, userID: userID)
        else { throw APIError.notFound("integration") }
        let body = (try? await request.decode(as: Body.self, context: context)) ?? Body()
        let topics = body.topics ?? Self.defaultTopics
        let allowed = Set(Self.defaultTopics + ["product.created", "product.deleted", "order.restored"])
        if let bad = topics.first(where: { !allowed.contains($0) }) {
            throw APIError.invalid(["topics": "unknown topic \(bad)"])
        }

        // One secret per integration, made once and kept sealed; set on every webhook each time.
        let vaulted = IntegrationCredentials(vault: services.vault, database: services.database)
        var credentials = try vaulted.credentials(of: record)
        if credentials.webhookSecret == nil {
            credentials.webhookSecret = Secret(Self.newSecret())
            record = try await vaulted.replace(record, with: credentials)
        }
        guard let secret = credentials.webhookSecret?.revealed else { throw APIError.notFound("integration") }
        let deliveryURL = "\(services.publicURL.value)/api/v1/woocommerce/webhooks/receive?integration=\(id)"

        let hooks = try await services.stores.withClient(storeURL: record.storeURL, credentials: credentials) {
            client -> [Registered.Hook] in
            var existing: [WooWebhook] = []
            for try await hook in client.webhooks().items where hook.deliveryURL == deliveryURL {
                existing.append(hook)
            }
            var result: [Registered.Hook] = []
            for topic in topics {
                let matching = existing.filter { $0.topic == topic }.sorted { $0.id < $1.id }
                if let keep = matching.first {
                    let updated = try await client.updateWebhook(
                        id: keep.id, WooWebhookUpdate(status: .active, secret: secret))
                    result.append(
                        .init(
                            id: updated.id, topic: topic, status: updated.status.rawValue,
                            action: keep.status == .active ? "kept" : "reenabled"))
                    for duplicate in matching.dropFirst() { _ = try await client.deleteWebhook(id: duplicate.id) }
                } else {
                    let created = try await client.createWebhook(
                        WooWebhookCreate(name: "Logix \(topic)", topic: topic, deliveryURL: deliveryURL, secret: secret)
                    )
                    result.append(
                        .init(id: created.id, topic: topic, status: created.status.rawValue, action: "created"))
                }
            }
            return result
        }
        context.logger.info("webhooks registered", metadata: ["integration": "\(id)", "count": "\(hooks.count)"])
        return Registered(deliveryURL: deliveryURL, webhooks: hooks)
    }

    static func newSecret() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
