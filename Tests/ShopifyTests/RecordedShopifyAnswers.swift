import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOFoundationCompat
import Synchronization

/// A loopback HTTP server that answers the client's GraphQL posts with a script of recorded answers shaped like
/// the fact sheet's (not a simulated shop: it does not read the query, it replays what it is given, in order),
/// and records every request it got. Tests of the transport — retries, throttling, errors — run over it until
/// ShopifySim exists.
final class RecordedShopifyAnswers: Sendable {
    struct Answer: Sendable {
        var status: Int
        var headers: [String: String]
        var body: String

        /// A 200 GraphQL answer with `data` and a cost extension.
        static func data(
            _ data: String, requested: Int = 10, actual: Int? = 10, available: Double = 990, maximum: Double = 1000,
            restoreRate: Double = 50, requestID: String = "req-1"
        ) -> Answer {
            Answer(
                status: 200, headers: ["X-Request-Id": requestID],
                body:
                    #"{"data":\#(data),"extensions":{"cost":{"requestedQueryCost":\#(requested),"actualQueryCost":\#(actual.map(String.init) ?? "null"),"throttleStatus":{"maximumAvailable":\#(maximum),"currentlyAvailable":\#(available),"restoreRate":\#(restoreRate)}}}}"#
            )
        }

        /// The fact sheet's THROTTLED answer: HTTP 200, no `data`.
        static func throttled(requested: Int, available: Double, maximum: Double = 1000, restoreRate: Double = 50)
            -> Answer
        {
            Answer(
                status: 200, headers: ["X-Request-Id": "req-throttled"],
                body:
                    #"{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED","documentation":"https://shopify.dev/api/usage/rate-limits"}}],"extensions":{"cost":{"requestedQueryCost":\#(requested),"actualQueryCost":null,"throttleStatus":{"maximumAvailable":\#(maximum),"currentlyAvailable":\#(available),"restoreRate":\#(restoreRate)}}}}"#
            )
        }

        static let unauthorized = Answer(
            status: 401,
            headers: [
                "X-Request-Id": "req-401", "WWW-Authenticate": #"Basic Realm="Shopify API Authentication""#,
            ],
            body: #"{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}"#)

        static let unavailableShop = Answer(
            status: 402, headers: ["X-Request-Id": "req-402"], body: #"{"errors":"Unavailable Shop"}"#)

        static func htmlError(_ status: Int) -> Answer {
            Answer(
                status: status, headers: ["Content-Type": "text/html; charset=utf-8", "X-Request-Id": "req-\(status)"],
                body: "<!DOCTYPE html><html><body><h1>There was a problem loading this website</h1></body></html>")
        }

        static func tooManyRequests(retryAfter: String) -> Answer {
            Answer(
                status: 429, headers: ["Retry-After": retryAfter, "X-Request-Id": "req-429"],
                body:
                    #"{"errors":"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."}"#
            )
        }
    }

    struct Received: Sendable {
        var path: String
        /// By lower-case name.
        var headers: [String: String]
        var body: Data

        /// The JSON body's `operationName`, `query` and `variables`.
        var request: GraphQLBody? { try? JSONDecoder().decode(GraphQLBody.self, from: body) }
    }

    /// What the client posted, read back for assertions.
    struct GraphQLBody: Decodable {
        var query: String
        var operationName: String?
        var variables: [String: JSONValue]?
    }

    private let script: Mutex<[Answer]>
    private let received = Mutex<[Received]>([])
    private let task: Mutex<Task<Void, any Error>?> = Mutex(nil)
    let port: Int

    private init(script: [Answer], port: Int) {
        self.script = Mutex(script)
        self.port = port
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var requests: [Received] { received.withLock { $0 } }

    /// Starts a server that will give `script`'s answers in order (a 500 "unscripted" once they run out).
    static func start(_ script: [Answer]) async throws -> RecordedShopifyAnswers {
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let box = Mutex<RecordedShopifyAnswers?>(nil)
        let router = Router()
        router.post("/admin/api/:version/graphql.json") { request, context -> Response in
            let body = try await request.body.collect(upTo: 10 * 1024 * 1024)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            guard let server = box.withLock({ $0 }) else { return Response(status: .serviceUnavailable) }
            server.received.withLock {
                $0.append(Received(path: request.uri.path, headers: headers, body: Data(buffer: body)))
            }
            let answer = server.script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            guard let answer else {
                return Response(
                    status: .internalServerError, body: .init(byteBuffer: ByteBuffer(string: "unscripted request")))
            }
            var fields = HTTPFields()
            fields[.contentType] = "application/json; charset=utf-8"
            for (name, value) in answer.headers {
                if let fieldName = HTTPField.Name(name) { fields[fieldName] = value }
            }
            return Response(
                status: HTTPResponse.Status(code: answer.status), headers: fields,
                body: .init(byteBuffer: ByteBuffer(string: answer.body)))
        }
        var logger = Logger(label: "RecordedShopifyAnswers")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let task = Task { try await app.run() }
        var iterator = portStream.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw CancellationError()
        }
        let server = RecordedShopifyAnswers(script: script, port: port)
        box.withLock { $0 = server }
        server.task.withLock { $0 = task }
        return server
    }

    /// Answers still unused.
    var remaining: Int { script.withLock { $0.count } }

    func stop() async {
        let task = self.task.withLock { $0 }
        task?.cancel()
        _ = try? await task?.value
    }
}

/// Any JSON value, for reading back the variables the client sent.
enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }
}
