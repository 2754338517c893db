import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// A test client that names the request whenever one fails: HummingbirdTesting's live client reports a server
/// that has not answered in 20 s as a bare `readTimeout`, which says neither which request it was nor how long
/// it had waited.
struct RequestNamingClient: TestClientProtocol {
    let client: any TestClientProtocol

    var port: Int? { client.port }

    func executeRequest(
        uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?
    ) async throws -> TestResponse {
        let started = ContinuousClock.now
        do {
            return try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
        } catch {
            throw RequestFailure(method: method, uri: uri, waited: ContinuousClock.now - started, error: error)
        }
    }

    /// A request that got no response, and why.
    struct RequestFailure: Error, CustomStringConvertible {
        let method: HTTPRequest.Method
        let uri: String
        let waited: Duration
        let error: any Error

        var description: String {
            let seconds = Double(waited.components.seconds) + Double(waited.components.attoseconds) / 1e18
            return "\(method) \(uri) got no response after \(String(format: "%.1f", seconds)) s: \(error)"
        }
    }
}
