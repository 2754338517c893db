import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import LogixServer

/// `/openapi.json` lists exactly the routes the router serves; `/metrics` counts what happened.
@Suite struct DocumentAndMetricsTests {
    @Test func theDocumentAndTheRouterServeTheSameRoutes() async throws {
        try await ServerHarness.with(store: false) { server in
            let response = try await server.request(.get, "/openapi.json", token: nil)
            #expect(response.status == .ok)
            let document = try response.json()
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented: Set<String> = []
            for (path, operations) in paths {
                for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            let served = Set(
                buildRouter(services: server.services).routes.map { route in
                    let path = route.path.description.split(separator: "/").map { component in
                        component.hasPrefix(":") ? "{\(component.dropFirst())}" : String(component)
                    }
                    return "\(route.method.rawValue) /" + path.joined(separator: "/")
                })
            #expect(
                documented == served,
                "only documented: \(documented.subtracting(served)), only served: \(served.subtracting(documented))")
        }
    }

    @Test func metricsCountResponsesAndShowTheInbox() async throws {
        try await ServerHarness.with(store: false) { server in
            _ = try await server.request(.get, "/api/v1/orders", token: server.alice)
            _ = try await server.request(.get, "/api/v1/orders", token: nil)
            let metrics = try await server.request(.get, "/metrics", token: nil)
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = metrics.text
            #expect(text.contains(#"logix_http_responses_total{method="GET",status="200"} 1"#))
            #expect(text.contains(#"logix_http_responses_total{method="GET",status="401"} 1"#))
            #expect(text.contains(#"logix_webhook_inbox{state="pending"} 0"#))
            #expect(text.contains("logix_orders 0"))
        }
    }
}
