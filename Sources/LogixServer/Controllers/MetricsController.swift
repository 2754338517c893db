import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SQLKit
import Storage

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
        let (inbox, orders) = try await services.database.read { sql in
            let inbox = try await WebhookInboxRecords().countByState(on: sql)
            let orders =
                try await sql.select().column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"))
                .from("orders").first(decodingColumn: "n", as: Int.self) ?? 0
            return (inbox, orders)
        }
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
