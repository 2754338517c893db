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

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("woocommerce/integrations/:id/webhooks", use: register)
        group.post("shopify/integrations/:id/webhooks", use: register)
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
        var backfillJobID: Int64?
        var backfillDeferred: Bool

        enum CodingKeys: String, CodingKey {
            case deliveryURL = "delivery_url"
            case webhooks
            case backfillJobID = "backfill_job_id"
            case backfillDeferred = "backfill_deferred"
        }

        /// A registration as the API shows it (the command line prints the same body).
        init(_ registered: WebhookRegistration.Registered) {
            deliveryURL = registered.deliveryURL
            webhooks = registered.webhooks.map {
                Hook(id: $0.id, topic: $0.topic, status: $0.status.rawValue, action: $0.action.rawValue)
            }
            backfillJobID = registered.backfill?.runID
            backfillDeferred = registered.backfillDeferred
        }
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> Registered {
        let userID = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("integration") }
        // No body means the default topics; a body that is there must be readable (400 otherwise).
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        let body: Body
        if buffer.readableBytes == 0 {
            body = Body()
        } else {
            do {
                body = try JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
            } catch {
                throw APIError.badRequest("the body is not a webhook registration: \(error.localizedDescription)")
            }
        }
        let registered = try await services.webhookRegistration.register(
            userID: userID, integrationID: id, topics: body.topics)
        let response = Registered(registered)
        context.logger.info(
            "webhooks registered", metadata: ["integration": "\(id)", "count": "\(response.webhooks.count)"])
        return response
    }
}
