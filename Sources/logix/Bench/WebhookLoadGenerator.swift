import NIOCore
import NIOHTTP1
import NIOPosix

/// Keep-alive HTTP/1.1 connections that send requests one after another and read each answer: a minimal load
/// generator, as `wrk` is, so `bench webhooks` measures the server and not a full client's bookkeeping.
///
/// Sharing two cores with the server it measures, AsyncHTTPClient's per-request state machines, pool and tracing
/// took as much CPU as the receiver itself; the stores that send real deliveries run on their own machines.
struct WebhookLoadGenerator: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

    let host: String
    let port: Int

    /// Opens one connection and runs `body` with a function that sends a request and returns the answer's
    /// status, then closes it.
    func withConnection(
        _ body: (_ send: (HTTPRequestHead, ByteBuffer) async throws -> Int) async throws -> Void
    ) async throws {
        let connection = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        try await connection.executeThenClose { inbound, outbound in
            var answers = inbound.makeAsyncIterator()
            try await body { head, payload in
                try await outbound.write(contentsOf: [.head(head), .body(.byteBuffer(payload)), .end(nil)])
                var status = 0
                while let part = try await answers.next() {
                    switch part {
                    case .head(let response): status = Int(response.status.code)
                    case .body: continue
                    case .end: return status
                    }
                }
                return status  // the server closed the connection
            }
        }
    }
}
