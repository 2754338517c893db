import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The harness's client names a request that got no response, with how long it waited.
@Suite struct RequestNamingClientTests {
    /// A client whose every request fails as the live client's does when the server does not answer.
    struct Unanswered: TestClientProtocol {
        var port: Int? { nil }

        func executeRequest(
            uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?
        ) async throws -> TestResponse {
            throw TestClient.Error.readTimeout
        }
    }

    @Test func aFailedRequestIsNamedWithItsWait() async throws {
        let client = RequestNamingClient(client: Unanswered())
        let failure = await #expect(throws: RequestNamingClient.RequestFailure.self) {
            try await client.execute(uri: "/api/v1/orders?page=2", method: .post)
        }
        let description = try #require(failure).description
        #expect(description.hasPrefix("POST /api/v1/orders?page=2 got no response after 0.0 s: "))
        #expect(description.contains("readTimeout"))
    }
}
