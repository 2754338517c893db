import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// The chaos run's client of the Logix HTTP API: what an operator's platform sends, through the load
/// balancer, so it meets the same killed servers a real client would.
///
/// Every call answers with the status and body whatever they are; ``decode(_:from:)`` reads a body into one of
/// the `API…` values. Rate limiting (429) and "no server up" (502/503 from the balancer before any server saw
/// the request) are waited out here, so callers see only answers a Logix server gave.
struct LogixAPI: Sendable {
    struct Answer: Sendable {
        var status: Int
        var body: ByteBuffer

        var isSuccess: Bool { (200..<300).contains(status) }
        var text: String { String(buffer: body) }
    }

    let client: HTTPClient
    let baseURL: String
    var token: String?

    /// Sends one request. `retryUnsent` waits out answers that prove the request reached no server (429, and
    /// the balancer's own 503 when no server is up); a request that may have reached a server is not resent.
    func call(
        _ method: HTTPMethod, _ path: String, body: String? = nil, timeout: Duration = .seconds(60)
    ) async throws -> Answer {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            var request = HTTPClientRequest(url: baseURL + path)
            request.method = method
            if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: body))
            }
            let response = try await client.execute(request, timeout: .seconds(60))
            let bytes = try await response.body.collect(upTo: 64 << 20)
            let status = Int(response.status.code)
            let unsent =
                status == 429
                || (status == 503 && response.headers.first(name: LoadBalancer.noBackendHeader) != nil)
            guard unsent, clock.now < deadline else { return Answer(status: status, body: bytes) }
            let wait = response.headers.first(name: "Retry-After").flatMap(Double.init) ?? 0.5
            try await Task.sleep(for: .milliseconds(Int(min(max(wait, 0.1), 5) * 1000)))
        }
    }

    /// Like ``call(_:_:body:timeout:)``, but a status outside 2xx is an error naming the request.
    func expectSuccess(_ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> Answer {
        let answer = try await call(method, path, body: body)
        guard answer.isSuccess else {
            throw ChaosError("\(method.rawValue) \(path) answered \(answer.status): \(answer.text.prefix(300))")
        }
        return answer
    }

    /// Retries a read until a server answers it: reads are safe to repeat, and a killed server's 502 is
    /// expected during a chaos run.
    func read(_ path: String) async throws -> Answer {
        var attempts = 0
        while true {
            attempts += 1
            let answer = try? await call(.GET, path)
            if let answer, answer.isSuccess { return answer }
            if let answer, answer.status < 500, answer.status != 429 {
                throw ChaosError("GET \(path) answered \(answer.status): \(answer.text.prefix(300))")
            }
            guard attempts < 60 else { throw ChaosError("GET \(path) found no server for 30 s") }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// Every item of a paged list.
    func readAll<Item: Decodable>(_ path: String, as: Item.Type) async throws -> [Item] {
        var items: [Item] = []
        var page = 1
        let separator = path.contains("?") ? "&" : "?"
        while true {
            let answer = try await read("\(path)\(separator)page=\(page)&per_page=100")
            let list = try decode(APIList<Item>.self, from: answer)
            items += list.items
            guard !list.items.isEmpty, items.count < list.total else { return items }
            page += 1
        }
    }

    func decode<Value: Decodable>(_ type: Value.Type, from answer: Answer) throws -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: answer.body)
        } catch {
            throw ChaosError("unexpected body for \(Value.self): \(error) in \(answer.text.prefix(300))")
        }
    }
}
