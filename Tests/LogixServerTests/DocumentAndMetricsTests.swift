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
                }
                // The dashboard's pages are HTML for people, not API: the document describes the rest.
                .filter { route in
                    ["/api/", "/health", "/metrics", "/openapi.json"].contains { route.contains(" \($0)") }
                })
            #expect(
                documented == served,
                "only documented: \(documented.subtracting(served)), only served: \(served.subtracting(documented))")
        }
    }

    /// Every body is described, every `$ref` resolves, every schema is used, every error is the one shape.
    @Test func everyBodyAndErrorIsDescribed() throws {
        let document = try JSONValue(parsing: try APIDocument.json())
        let validator = try SchemaValidator(document: document)
        var references: Set<String> = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if let reference = members["$ref"]?.string { references.insert(reference) }
                members.values.forEach(collect)
            case .array(let items):
                items.forEach(collect)
            default:
                break
            }
        }
        collect(document)
        for reference in references.sorted() {
            #expect(validator.resolve(reference) != nil, "\(reference) does not resolve")
        }
        for name in validator.schemas.keys.sorted() {
            #expect(references.contains("#/components/schemas/\(name)"), "\(name) is never used")
        }

        let paths = try #require(document["paths"]?.object)
        var operations = 0
        for (path, methods) in paths.sorted(by: { $0.key < $1.key }) {
            for (method, operation) in try #require(methods.object) {
                operations += 1
                let name = "\(method.uppercased()) \(path)"
                if let body = operation["requestBody"] {
                    #expect(body["content"]?["application/json"]?["schema"]?["$ref"] != nil, "\(name): request")
                }
                let declared = Set(
                    (operation["parameters"]?.array ?? []).filter { $0["in"] == .string("path") }
                        .compactMap { $0["name"]?.string })
                let inPath = Set(
                    path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
                #expect(declared == inPath, "\(name): path parameters")
                let responses = try #require(operation["responses"]?.object)
                #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(name): no success")
                for (status, response) in responses {
                    let code = try #require(Int(status))
                    let schema = response["content"]?["application/json"]?["schema"]
                    switch code {
                    case 204:
                        #expect(response["content"] == nil, "\(name) \(status)")
                    case 200..<300 where path == "/metrics":
                        #expect(response["content"]?["text/plain"] != nil, "\(name) \(status)")
                    case 200..<300 where path == "/openapi.json":
                        #expect(schema != nil, "\(name) \(status)")
                    default:
                        let expected = code >= 400 && !(path == "/health" && code == 503) ? "Error" : nil
                        let reference = schema?["$ref"]?.string
                        #expect(reference != nil, "\(name) \(status): no schema")
                        if let expected {
                            #expect(reference == "#/components/schemas/\(expected)", "\(name) \(status)")
                        }
                    }
                }
            }
        }
        #expect(operations == APIDocument.operations.count)
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
