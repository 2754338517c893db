import Foundation
import Hummingbird
import Logging
import Storage
import Sync

/// `GET /health`: alive, and whether the database answers (503 when it does not).
struct HealthController {
    let services: ServerServices

    struct HealthResponse: ResponseEncodable, Sendable {
        var status: String
        var database: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("health", use: health)
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<
        HealthResponse
    > {
        do {
            try await services.systemStatus.checkReadiness()
            return EditedResponse(status: .ok, response: HealthResponse(status: "ok", database: "ok"))
        } catch {
            context.logger.error("health check: database unavailable")
            return EditedResponse(
                status: .serviceUnavailable, response: HealthResponse(status: "degraded", database: "unavailable"))
        }
    }
}
