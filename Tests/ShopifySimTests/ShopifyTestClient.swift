import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import Testing

@testable import ShopifySim

/// A raw GraphQL client for the tests (AsyncHTTPClient, not the `Shopify` client module): what goes over the
/// wire is exactly what the test wrote.
struct ShopifyTestClient {
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        var text: String { String(decoding: self.body, as: UTF8.self) }

        func header(_ name: String) -> String? { self.headers.first(name: name) }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try JSONDecoder().decode(type, from: Data(self.body))
        }

        /// The body as a GraphQL answer with `data` of type `T`.
        func answer<T: Decodable>(_ type: T.Type) throws -> GraphQLAnswer<T> {
            try self.decode(GraphQLAnswer<T>.self)
        }

        func object() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(self.body)) as? [String: Any])
        }
    }

    let sim: ShopifySim
    let client: HTTPClient

    init(_ sim: ShopifySim) {
        self.sim = sim
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(60))
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async throws {
        try await self.client.shutdown()
    }

    func send(
        _ method: HTTPMethod = .POST, _ url: String, headers: [(String, String)] = [], body: String? = nil
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.body = .bytes(ByteBuffer(string: body))
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        let response = try await self.client.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 32 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(buffer: buffer))
    }

    /// POSTs `{"query", "variables"}` (variables as raw JSON text) to the GraphQL endpoint.
    func graphQL(
        _ query: String, variables: String = "{}", token: String? = nil, version: String = "2026-04"
    ) async throws -> Reply {
        let body = "{\"query\":\(Self.quoted(query)),\"variables\":\(variables)}"
        return try await self.send(
            .POST, self.sim.graphQLURL(version: version),
            headers: [("X-Shopify-Access-Token", token ?? self.sim.accessToken)], body: body)
    }

    static func quoted(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }
}

/// A GraphQL answer as the tests read it.
struct GraphQLAnswer<T: Decodable>: Decodable {
    var data: T?
    var errors: [GraphQLErrorBody]?
    var extensions: Extensions?

    struct Extensions: Decodable {
        var cost: Cost?
        var search: [SearchWarning]?
    }

    struct Cost: Decodable {
        var requestedQueryCost: Int
        var actualQueryCost: Int?
        var throttleStatus: ShopifySimThrottleStatus
    }

    struct SearchWarning: Decodable {
        var path: [String]
        var query: String
        var warnings: [Warning]

        struct Warning: Decodable {
            var field: String
            var message: String
            var code: String
        }
    }
}

struct GraphQLErrorBody: Decodable {
    var message: String
    var path: [PathElement]?
    var extensions: ErrorExtensions?

    struct ErrorExtensions: Decodable {
        var code: String?
    }

    enum PathElement: Decodable, Equatable {
        case key(String)
        case index(Int)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let index = try? container.decode(Int.self) {
                self = .index(index)
            } else {
                self = .key(try container.decode(String.self))
            }
        }
    }
}

/// Data a test does not look at.
struct AnyData: Decodable {
    init(from decoder: any Decoder) throws {}
}

struct PageInfo: Decodable {
    var hasNextPage: Bool
    var endCursor: String?
}

struct Connection<Node: Decodable>: Decodable {
    var nodes: [Node]
    var pageInfo: PageInfo?
}

struct UserErrorBody: Decodable, Equatable {
    var field: [String]?
    var message: String
    var code: String?
}

/// The tests' store: a fixed history end, then what `configure` changes.
func testConfiguration(_ configure: (inout ShopifySimConfiguration) -> Void = { _ in }) -> ShopifySimConfiguration {
    var configuration = ShopifySimConfiguration()
    configuration.referenceDate = Date(timeIntervalSince1970: 1_796_000_000)
    configure(&configuration)
    return configuration
}

/// Runs `body` against a fresh sim and a client, stopping both after.
func withSim(
    _ configuration: ShopifySimConfiguration = testConfiguration(),
    _ body: (ShopifySim, ShopifyTestClient) async throws -> Void
) async throws {
    let sim = try await ShopifySim.start(configuration)
    let client = ShopifyTestClient(sim)
    do {
        try await body(sim, client)
    } catch {
        try? await client.shutdown()
        await sim.stop()
        throw error
    }
    try await client.shutdown()
    await sim.stop()
}
