import Foundation
import HummingbirdTesting
import Logging
import LogixTestSupport
import Testing

@testable import LogixServer

/// Requests the HTTP parser refuses, over real TCP: answered 400, and logged as the client's mistake (info or
/// below, no error, no parser exception dumped), never as the server's fault.
@Suite struct MalformedRequestTests {
    @Test func malformedRequestsAreAnswered400AndNotLoggedAsErrors() async throws {
        let lines = LogLines()
        let logger = Logger(label: "logix.captured") { label in
            var handler = CapturingLogHandler(label: label, lines: lines)
            handler.logLevel = .trace
            return handler
        }
        try await ServerHarness.with(store: false, live: true, logger: logger) { server in
            let port = try #require(server.client.port)
            let requests = [
                // A header of 1 MB: over the parser's limit before any route sees it.
                "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + String(repeating: "a", count: 1 << 20)
                    + "\r\n\r\n",
                // A body the parser refuses while the route reads it.
                "POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
            ]
            for request in requests {
                let connection = try RawConnection(port: port)
                try? connection.send(request)
                let answer = await connection.readUntilClosed(timeout: 15)
                #expect(answer?.hasPrefix("HTTP/1.1 400") == true, "\(answer ?? "still open")")
            }
        }
        let loud = lines.all.filter { $0.contains(" error ") || $0.contains(" critical ") }
            .filter { !$0.contains("Waiting on child channel: CancellationError") }  // Hummingbird's, at shutdown
        #expect(loud.isEmpty, "\(loud)")
        #expect(
            !lines.all.contains { $0.contains("HTTPParserError") && !$0.contains(" debug ") && !$0.contains(" info ") })
    }
}
