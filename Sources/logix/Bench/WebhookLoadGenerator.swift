import NIOCore
import NIOHTTP1
import NIOPosix

/// The receiver a load is sent to, and plain HTTP/1.1 requests to it on a connection of their own (the inbox
/// gauge's `GET /metrics`); the load's own connections are ``WebhookLoadConnection``s.
///
/// Sharing two cores with the server it measures, AsyncHTTPClient's per-request state machines, pool and tracing
/// took as much CPU as the receiver itself; the stores that send real deliveries run on their own machines.
struct WebhookLoadGenerator: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

    /// A response: its status and body.
    struct Answer: Sendable {
        var status: Int
        var body: ByteBuffer
    }

    let host: String
    let port: Int

    /// Opens one connection and runs `body` with a function that sends a request and returns the answer (status
    /// 0 when the server closed the connection before answering), then closes it.
    func withConnection<T: Sendable>(
        _ body: (_ send: (HTTPRequestHead, ByteBuffer?) async throws -> Answer) async throws -> T
    ) async throws -> T {
        let connection = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        return try await connection.executeThenClose { inbound, outbound in
            var answers = inbound.makeAsyncIterator()
            return try await body { head, payload in
                if let payload {
                    try await outbound.write(contentsOf: [.head(head), .body(.byteBuffer(payload)), .end(nil)])
                } else {
                    try await outbound.write(contentsOf: [.head(head), .end(nil)])
                }
                var answer = Answer(status: 0, body: ByteBuffer())
                while let part = try await answers.next() {
                    switch part {
                    case .head(let response): answer.status = Int(response.status.code)
                    case .body(var bytes): answer.body.writeBuffer(&bytes)
                    case .end: return answer
                    }
                }
                return Answer(status: 0, body: ByteBuffer())  // the server closed the connection
            }
        }
    }

    /// `GET path` on a connection of its own: the answer, or `nil` when the server could not be reached.
    func get(_ path: String) async -> Answer? {
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path)
        head.headers.add(name: "Host", value: "\(host):\(port)")
        return try? await withConnection { send in try await send(head, nil) }
    }
}
