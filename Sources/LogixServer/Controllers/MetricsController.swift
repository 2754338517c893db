import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Storage
import Sync

/// `GET /metrics`: the server's counters and the database's queues, in Prometheus' text format.
struct MetricsController {
    let services: ServerServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("metrics", use: metrics)
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        var lines = [
            "# HELP logix_http_responses_total HTTP responses by method and status.",
            "# TYPE logix_http_responses_total counter",
        ]
        lines += services.metrics.lines.filter { $0.hasPrefix("logix_http_") }
        lines += [
            "# HELP logix_webhook_deliveries_total Webhook deliveries by outcome.",
            "# TYPE logix_webhook_deliveries_total counter",
        ]
        lines += services.metrics.lines.filter { $0.hasPrefix("logix_webhook_") }
        let counts = try await services.systemStatus.counts()
        let (inbox, orders) = (counts.inbox, counts.orders)
        lines += ["# HELP logix_webhook_inbox Deliveries in the inbox by state.", "# TYPE logix_webhook_inbox gauge"]
        for state in InboxDelivery.State.allCases {
            lines.append("logix_webhook_inbox{state=\"\(state.rawValue)\"} \(inbox[state] ?? 0)")
        }
        lines += ["# HELP logix_orders Orders Logix holds.", "# TYPE logix_orders gauge", "logix_orders \(orders)"]
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\n") + "\n")))
    }
}
