import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// The shop's HTTP surface: `POST /admin/api/{version}/graphql.json` and the sim's `/__sim` control API.
struct ShopifyRoutes: Sendable {
    let store: ShopStore
    let buckets: ThrottleBuckets
    let faults: FaultInjector
    let dispatcher: WebhookDispatcher
    let tokens: Set<String>
    /// Tokens granted to the app by its client credentials.
    let grants: AccessTokenGrants
    /// The app's client secret (its API secret), which the client credentials grant checks.
    let clientSecret: String
    let configuration: ShopifySimConfiguration
    let requests: RequestCounter
    let ledger: CostLedger

    static let unauthorized =
        "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}"

    func makeRouter() -> Router<ShopifyRequestContext> {
        let router = Router(context: ShopifyRequestContext.self)
        router.add(middleware: ControlErrorMiddleware())
        router.post("/admin/api/:version/graphql.json") { request, context -> Response in
            try await self.graphQL(request, context: context)
        }
        self.addOAuthRoutes(to: router)
        self.addControlRoutes(to: router)
        return router
    }

    /// The version that serves a request: the one asked for if supported, else the oldest supported.
    func servedVersion(_ requested: String) -> String {
        if self.configuration.supportedVersions.contains(requested) { return requested }
        return self.configuration.supportedVersions.filter { $0.first?.isNumber == true }.sorted().first ?? requested
    }

    private func graphQL(_ request: Request, context: ShopifyRequestContext) async throws -> Response {
        self.requests.increment()
        let now = self.configuration.clock.nowMilliseconds()
        let version = self.servedVersion(context.parameters.get("version") ?? "")
        let headers: HTTPFields = [
            ShopifyResponse.requestIdName: ShopifyResponse.requestId(now: now), ShopifyResponse.versionName: version,
        ]
        let decision = self.faults.decideRequest()
        if decision.latencyMilliseconds > 0 { try await Task.sleep(for: .milliseconds(decision.latencyMilliseconds)) }
        switch decision.fault {
        case .none, .failAfterHandling: break
        case .drop:
            try? await context.channel.close(mode: .all)
            throw ConnectionDropped()
        case .respond(let status, let retryAfter):
            return Self.failure(status: status, retryAfter: retryAfter, headers: headers)
        }
        let token = request.headers[HTTPField.Name("X-Shopify-Access-Token")!] ?? ""
        let uninstalled = await self.store.isUninstalled
        let granted = self.grants.isValid(token)
        guard self.tokens.contains(token) || granted, !uninstalled else {
            var unauthorized = headers
            unauthorized[HTTPField.Name("WWW-Authenticate")!] = "Basic Realm=\"Shopify API Authentication\""
            return ShopifyResponse.json(Array(Self.unauthorized.utf8), status: 401, headers: unauthorized)
        }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        var bytes = Array(buffer: body)
        if request.headers[.contentType]?.lowercased().hasPrefix("application/graphql") == true {
            // A bare query document, as Shopify also accepts.
            bytes = JSON.object([("query", .string(String(decoding: bytes, as: UTF8.self)))]).bytes
        }
        // Granted tokens are the one app's: they spend from one bucket, as Shopify's is per app and shop.
        let answer = await self.answer(bytes, token: granted ? self.grants.bucketKey : token, version: version)
        if case .failAfterHandling(let status) = decision.fault {
            // The work is done; the answer is lost on the way, as behind a gateway that timed out.
            return ShopifyResponse.html(status: status, headers: headers)
        }
        return ShopifyResponse.json(answer.body, status: answer.status, headers: headers)
    }

    static func failure(status: Int, retryAfter: Int?, headers: HTTPFields) -> Response {
        var headers = headers
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        switch status {
        case 429:
            return ShopifyResponse.json(
                Array(
                    "{\"errors\":\"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.\"}"
                        .utf8), status: 429, headers: headers)
        case 402, 403:
            return ShopifyResponse.json(
                Array("{\"errors\":\"Unavailable Shop\"}".utf8), status: status, headers: headers)
        case 423:
            return ShopifyResponse.json(Array("{\"errors\":\"Shop is locked\"}".utf8), status: 423, headers: headers)
        default:
            return ShopifyResponse.html(status: status, headers: headers)
        }
    }

    /// Everything between an authenticated body and the answer: parse, validate, cost, bucket, execute.
    func answer(_ body: [UInt8], token: String, version: String) async -> (status: Int, body: JSON) {
        guard let request = try? JSONParser.parse(body), let query = request["query"]?.stringValue else {
            return (400, .object([("errors", .object([("query", .string("Required parameter missing or invalid"))]))]))
        }
        let variables = request["variables"].flatMap { $0.isNull ? nil : $0 } ?? .object([])
        guard case .object = variables else {
            return (200, Self.errors([GraphQLError("Variables must be an object")]))
        }
        let document: GraphQLDocument
        do {
            document = try GraphQLParser.parse(query)
        } catch {
            return (200, Self.errors([error]))
        }
        let prepared: PreparedOperation
        do {
            prepared = try OperationAnalyzer.prepare(
                document: document, operationName: request["operationName"]?.stringValue, variables: variables,
                schema: AdminSchema.schema)
        } catch {
            return (200, Self.errors(error.errors, nullData: error.nullData))
        }
        let requested = prepared.requestedCost
        if requested > self.configuration.maximumQueryCost {
            let status = self.buckets.status(token: token)
            return (
                200,
                Self.errors(
                    [
                        GraphQLError(
                            "Query cost is \(requested), which exceeds the single query max cost limit (\(self.configuration.maximumQueryCost)).",
                            code: "MAX_COST_EXCEEDED")
                    ], cost: Self.cost(requested: requested, actual: nil, status: status))
            )
        }
        let (granted, throttled) = self.buckets.take(requested, token: token)
        guard granted else {
            self.ledger.recordThrottled()
            var failure = GraphQLError("Throttled", code: "THROTTLED")
            failure.extensions.append(("documentation", .string("https://shopify.dev/api/usage/rate-limits")))
            return (200, Self.errors([failure], cost: Self.cost(requested: requested, actual: nil, status: throttled)))
        }
        let outcome = await self.store.execute(prepared, document: document, version: version)
        let status = self.buckets.refund(requested - outcome.actualCost, token: token)
        self.ledger.recordCharged(outcome.actualCost, requested: requested)
        self.dispatcher.submit(outcome.events, subscriptions: outcome.webhooks)
        var pairs: [(String, JSON)] = [("data", outcome.data)]
        if !outcome.errors.isEmpty { pairs.append(("errors", .array(outcome.errors.map(\.json)))) }
        var extensions: [(String, JSON)] = [
            ("cost", Self.cost(requested: requested, actual: outcome.actualCost, status: status))
        ]
        if !outcome.searchWarnings.isEmpty { extensions.append(("search", .array(outcome.searchWarnings))) }
        pairs.append(("extensions", .object(extensions)))
        return (200, .object(pairs))
    }

    static func errors(_ errors: [GraphQLError], nullData: Bool = false, cost: JSON? = nil) -> JSON {
        var pairs: [(String, JSON)] = []
        if nullData { pairs.append(("data", .null)) }
        pairs.append(("errors", .array(errors.map(\.json))))
        if let cost { pairs.append(("extensions", .object([("cost", cost)]))) }
        return .object(pairs)
    }

    static func cost(requested: Int, actual: Int?, status: ShopifySimThrottleStatus) -> JSON {
        .object([
            ("requestedQueryCost", .int(requested)), ("actualQueryCost", actual.map { .int($0) } ?? .null),
            (
                "throttleStatus",
                .object([
                    ("maximumAvailable", .number(String(format: "%.1f", status.maximumAvailable))),
                    ("currentlyAvailable", .int(Int(status.currentlyAvailable))),
                    ("restoreRate", .number(String(format: "%.1f", status.restoreRate))),
                ])
            ),
        ])
    }
}

/// Counts API requests (control requests excluded).
final class RequestCounter: Sendable {
    private let count = Atomic<Int>(0)

    func increment() { self.count.add(1, ordering: .relaxed) }

    var value: Int { self.count.load(ordering: .relaxed) }
}

/// Turns a control-API failure into `{"error": …}` with its status.
struct ControlErrorMiddleware: RouterMiddleware {
    typealias Context = ShopifyRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as ShopifySimError {
            return ShopifyResponse.json(.object([("error", .string(error.message))]), status: error.status)
        } catch let error as DecodingError {
            return ShopifyResponse.json(.object([("error", .string("\(error)"))]), status: 400)
        }
    }
}
