import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// The load balancer in front of a chaos run's servers, as an operator runs several `logix serve` behind one
/// address: the store's webhooks and the API client reach whichever server is up.
///
/// Round robin over the servers marked up. A server is marked down before it is killed, and a request whose
/// connection is refused (the server died in between) goes to the next one: nothing was sent, so that is safe.
/// A request that reached a server which then died is answered 502, as a real balancer does; it is not resent,
/// because the server may have acted on it. Each forwarded request uses its own connection (`Connection:
/// close`), so a killed server's pooled connection never swallows the next request.
final class LoadBalancer: Sendable {
    /// Set on the balancer's own 503 when no server is up: the request reached none.
    static let noBackendHeader = "X-Chaos-No-Server"

    private let client: HTTPClient
    private let servers = Mutex<[Int: String]>([:])
    private let turn = Atomic<Int>(0)

    init(client: HTTPClient) {
        self.client = client
    }

    func markUp(_ server: LogixProcess) {
        servers.withLock { $0[server.number] = server.baseURL }
    }

    func markDown(_ server: LogixProcess) {
        _ = servers.withLock { $0.removeValue(forKey: server.number) }
    }

    /// Serves on 127.0.0.1 at a port the kernel picks until cancelled; `onListening` gets the base URL.
    func run(logger: Logger, onListening: @escaping @Sendable (String) async -> Void) async throws {
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            try await self.forward(request)
        }
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "chaos-balancer"),
            onServerRunning: { channel in
                await onListening("http://127.0.0.1:\(channel.localAddress?.port ?? 0)")
            },
            logger: logger)
        try await app.runService()
    }

    private func forward(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 << 20)
        let candidates = servers.withLock { servers in servers.sorted { $0.key < $1.key }.map(\.value) }
        guard !candidates.isEmpty else { return Self.noServer() }
        let start = turn.add(1, ordering: .relaxed).newValue
        for offset in 0..<candidates.count {
            let base = candidates[(start + offset) % candidates.count]
            var outgoing = HTTPClientRequest(url: base + request.uri.description)
            outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
            for field in request.headers where !Self.hopByHop.contains(field.name.canonicalName) {
                outgoing.headers.add(name: field.name.rawName, value: field.value)
            }
            outgoing.headers.add(name: "Connection", value: "close")
            outgoing.body = .bytes(body)
            let response: HTTPClientResponse
            do {
                response = try await client.execute(outgoing, timeout: .seconds(90))
            } catch  where Self.isRefused(error) {
                continue
            } catch {
                return Response(status: .badGateway, body: .init(byteBuffer: ByteBuffer(string: "\(error)")))
            }
            let bytes: ByteBuffer
            do {
                bytes = try await response.body.collect(upTo: 64 << 20)
            } catch {
                return Response(status: .badGateway, body: .init(byteBuffer: ByteBuffer(string: "\(error)")))
            }
            var headers = HTTPFields()
            for (name, value) in response.headers {
                guard let field = HTTPField.Name(name), !Self.hopByHop.contains(field.canonicalName) else { continue }
                headers.append(HTTPField(name: field, value: value))
            }
            return Response(
                status: .init(code: Int(response.status.code)), headers: headers, body: .init(byteBuffer: bytes))
        }
        return Self.noServer()
    }

    private static let hopByHop: Set<String> = [
        "host", "connection", "keep-alive", "transfer-encoding", "content-length", "te", "upgrade",
    ]

    private static func noServer() -> Response {
        var headers = HTTPFields()
        headers[HTTPField.Name(noBackendHeader)!] = "1"
        headers[.retryAfter] = "1"
        return Response(
            status: .serviceUnavailable, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "no server up")))
    }

    /// A connection that was never made: nothing reached the server.
    private static func isRefused(_ error: any Error) -> Bool {
        if let error = error as? HTTPClientError, error == .connectTimeout { return true }
        let text = String(describing: error).lowercased()
        return text.contains("connection refused") || text.contains("econnrefused")
    }
}
