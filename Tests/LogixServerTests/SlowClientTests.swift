import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import Testing

@testable import LogixServer

/// Clients that hold connections without finishing requests, over real TCP: each is cut off within the
/// request bound, and one address cannot hold more than its share of connections.
@Suite struct SlowClientTests {
    @Test func aClientThatSendsHeadersAndNoBodyIsDisconnectedWithinTheBound() async throws {
        let shortBound: @Sendable (inout ServerConfiguration) -> Void = { $0.requestTimeout = .seconds(1) }
        try await ServerHarness.with(store: false, live: true, configure: shortBound) { server in
            let port = try #require(server.client.port)
            let headersOnly = try RawConnection(port: port)
            try headersOnly.send(
                "POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"email\":")
            let trickled = try RawConnection(port: port)
            try trickled.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            let started = ContinuousClock.now
            // Far longer than the bound, far shorter than the 70 s such a client was once held.
            #expect(await headersOnly.readUntilClosed(timeout: 15) != nil)
            #expect(await trickled.readUntilClosed(timeout: 15) != nil)
            #expect(ContinuousClock.now - started < .seconds(10))

            // A client that finishes its request in time is answered.
            let prompt = try RawConnection(port: port)
            try prompt.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let answer = await prompt.readUntilClosed(timeout: 15)
            #expect(answer?.hasPrefix("HTTP/1.1 200") == true, "\(answer ?? "still open")")
        }
    }

    @Test func oneAddressCannotHoldMoreThanItsShareOfConnections() async throws {
        let limit = 3
        let capped: @Sendable (inout ServerConfiguration) -> Void = { $0.maxConnectionsPerClient = limit }
        try await ServerHarness.with(store: false, live: true, configure: capped) { server in
            let port = try #require(server.client.port)
            // The test client holds one connection from 127.0.0.1 (a request makes sure it is open); the rest,
            // one at a time, each answered before the next opens, so they are admitted in this order.
            #expect(try await server.request(.get, "/health", token: nil).status == .ok)
            var held: [RawConnection] = []
            for _ in 1..<limit {
                let connection = try RawConnection(port: port)
                try connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                let answer = await connection.readSome(timeout: 15)
                #expect(answer?.hasPrefix("HTTP/1.1 200") == true, "connection \(held.count): \(answer ?? "no answer")")
                held.append(connection)
            }
            let refused = try RawConnection(port: port)
            try? refused.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let refusal = await refused.readUntilClosed(timeout: 15)
            #expect(refusal == "", "the connection over the limit got \(refusal ?? "no close")")
            let last = try #require(held.last)
            try last.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let answer = await last.readUntilClosed(timeout: 15)
            #expect(answer?.hasPrefix("HTTP/1.1 200") == true, "\(answer ?? "still open")")
            #expect(try await server.request(.get, "/health", token: nil).status == .ok)
        }
    }
}
