import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix
import Pacing
import Synchronization

/// Sends ``ShopifyOperation``s to one shop: the token header, timeouts, the cost bucket, the pacer, the
/// ``RetryPolicy``; turns every failure into a ``ShopifyError``. The only place that does I/O for the client.
final class ShopifyTransport: Sendable {
    let endpoint: ShopEndpoint
    let configuration: ShopifyConfiguration
    let throttle: ShopifyCostBucket
    private let client: Mutex<ClientState>
    private let requestCounter = Atomic<Int>(0)
    private let reportedVersion = Mutex<String?>(nil)
    let logger: Logger
    /// AsyncHTTPClient's logger, never below `info`: at debug it logs request heads, and with them the token.
    private let httpLogger: Logger

    private enum ClientState {
        case shared(HTTPClient)
        case owned(HTTPClient)
        case shutDown
    }

    init(configuration: ShopifyConfiguration, httpClient: HTTPClient?) throws {
        let endpoint = try ShopEndpoint(configuration.shopURL)
        guard
            configuration.clientCredentials != nil
                || !configuration.accessToken.trimmingCharacters(in: .whitespaces).isEmpty
        else {
            throw ShopifyError.invalidConfiguration("the access token is empty", shop: endpoint.baseURL)
        }
        guard !configuration.apiVersion.isEmpty,
            configuration.apiVersion.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
        else {
            throw ShopifyError.invalidConfiguration(
                "API version must look like 2026-04, got \(configuration.apiVersion)", shop: endpoint.baseURL)
        }
        self.endpoint = endpoint
        self.configuration = configuration
        self.throttle =
            configuration.costBucket
            ?? ShopifyCostBucket(assumed: configuration.assumedBucket, now: configuration.clock.now())
        var logger = configuration.logger
        logger[metadataKey: "shopify.shop"] = .string(endpoint.baseURL)
        self.logger = logger
        var httpLogger = logger
        httpLogger.logLevel = max(logger.logLevel, .info)
        self.httpLogger = httpLogger
        if let httpClient {
            self.client = Mutex(.shared(httpClient))
        } else {
            var clientConfiguration = HTTPClient.Configuration()
            clientConfiguration.timeout.connect = TimeAmount(configuration.connectTimeout)
            // The retry policy decides about connect failures, not the pool.
            clientConfiguration.connectionPool.retryConnectionEstablishment = false
            clientConfiguration.redirectConfiguration = .disallow
            self.client = Mutex(
                .owned(HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)))
        }
    }

    var requestCount: Int { requestCounter.load(ordering: .relaxed) }

    /// The version Shopify said it served, when it differed from the pinned one (a retired version falls
    /// forward silently).
    var servedVersion: String? { reportedVersion.withLock { $0 } }

    func shutdown() async throws {
        let owned = client.withLock { state -> HTTPClient? in
            defer { if case .owned = state { state = .shutDown } }
            if case .owned(let client) = state { return client }
            return nil
        }
        try await owned?.shutdown()
    }

    private func httpClient(for operation: ShopifyOperation) throws -> HTTPClient {
        let current = client.withLock { state -> HTTPClient? in
            switch state {
            case .shared(let client), .owned(let client): client
            case .shutDown: nil
            }
        }
        guard let current else {
            throw ShopifyError(
                kind: .invalidConfiguration, shop: endpoint.baseURL, operation: operation.name,
                detail: "the client was shut down")
        }
        return current
    }

    /// Sends `operation` until it succeeds or the policy gives up, and decodes `data` as `Payload`.
    func send<Payload: Decodable & Sendable>(_ operation: ShopifyOperation, as type: Payload.Type) async throws
        -> ShopifyAnswer<Payload>
    {
        let policy = configuration.retryPolicy
        let clock = configuration.clock
        let body = try encode(operation)
        let httpClient = try self.httpClient(for: operation)
        var attempt = 0
        var renewedRefusedToken = false
        while true {
            attempt += 1
            let token = try await accessToken(for: operation, httpClient: httpClient)
            // Wait for the bucket to hold what this query is expected to cost.
            let reserved = throttle.expectedCost(of: operation)
            let wait = throttle.reserve(reserved, now: clock.now())
            if wait > .zero {
                logger.debug(
                    "waiting for the cost bucket",
                    metadata: [
                        "shopify.operation": .string(operation.name), "shopify.cost": .stringConvertible(reserved),
                        "shopify.wait": .stringConvertible(wait),
                    ])
                do {
                    try await clock.sleep(for: wait)
                } catch {
                    throttle.release(reserved, spent: false, now: clock.now())
                    throw error
                }
            }
            let ticket: StorePacer.Ticket?
            do {
                ticket = try await configuration.pacer?.admit()
            } catch {
                throttle.release(reserved, spent: false, now: clock.now())
                throw error
            }
            let requestClass = "graphql \(operation.name)"

            let status: Int
            let headers: HTTPHeaders
            let data: Data
            do {
                requestCounter.add(1, ordering: .relaxed)
                let response = try await httpClient.execute(
                    makeRequest(body, token: token), timeout: TimeAmount(configuration.requestTimeout),
                    logger: httpLogger)
                let buffer = try await response.body.collect(upTo: configuration.maximumResponseBytes)
                status = Int(response.status.code)
                headers = response.headers
                data = Data(buffer: buffer)
            } catch is CancellationError {
                if let ticket { configuration.pacer?.finish(ticket, .abandoned, requestClass: requestClass) }
                throttle.release(reserved, spent: true, now: clock.now())
                throw CancellationError()
            } catch {
                let failure = TransportFailure(error)
                if let ticket {
                    configuration.pacer?.finish(
                        ticket, failure.isRetryable ? .overloaded : .abandoned, requestClass: requestClass)
                }
                throttle.release(reserved, spent: failure.failure != .connect, now: clock.now())
                if failure.isRetryable, policy.isRetryable(failure.failure, idempotent: operation.isResendable),
                    let delay = policy.delay(afterAttempt: attempt, retryAfter: nil, random: .random(in: 0..<1))
                {
                    logger.debug(
                        "retrying after a transport failure",
                        metadata: [
                            "shopify.operation": .string(operation.name), "shopify.error": .string(failure.detail),
                        ])
                    try await clock.sleep(for: delay)
                    continue
                }
                throw ShopifyError(
                    kind: failure.kind, shop: endpoint.baseURL, operation: operation.name, detail: failure.detail,
                    attempts: attempt)
            }

            let requestID = headers.first(name: "X-Request-Id")
            noteVersion(headers.first(name: "X-Shopify-API-Version"))
            func failure(
                _ kind: ShopifyError.Kind, errors: [ShopifyError.GraphQLError] = [], detail: String? = nil,
                retryAfter: Duration? = nil
            ) -> ShopifyError {
                ShopifyError(
                    kind: kind, shop: endpoint.baseURL, operation: operation.name, status: status, errors: errors,
                    requestID: requestID, detail: detail, attempts: attempt, retryAfter: retryAfter)
            }

            guard (200..<300).contains(status) else {
                let retryAfter = headers.first(name: "Retry-After").flatMap { RetryAfter.parse($0, now: Date()) }
                if let ticket {
                    configuration.pacer?.finish(
                        ticket, Self.pacingOutcome(status: status, retryAfter: retryAfter), requestClass: requestClass)
                }
                // A 429 or a 5xx page holds no bucket; a 5xx may hide a query that ran.
                throttle.release(reserved, spent: status >= 500, now: clock.now())
                let errorBody = try? JSONDecoder().decode(HTTPErrorBody.self, from: data)
                let errors = errorBody?.errors?.errors ?? []
                let detail = errorBody == nil ? Self.snippet(data, headers: headers) : nil
                switch status {
                case 401 where configuration.clientCredentials != nil && !renewedRefusedToken:
                    // A granted token the shop no longer takes (expired early, revoked): ask for a new one, once.
                    await configuration.clientCredentials?.forget(token)
                    renewedRefusedToken = true
                    continue
                case 401:
                    throw failure(.unauthorized, errors: errors, detail: detail)
                case 402, 423:
                    throw failure(.shopUnavailable, errors: errors, detail: detail)
                case 403 where errors.contains { $0.message.localizedCaseInsensitiveContains("unavailable shop") }:
                    throw failure(.shopUnavailable, errors: errors, detail: detail)
                default:
                    break
                }
                if policy.isRetryable(.status(status), idempotent: operation.isResendable),
                    let delay = policy.delay(afterAttempt: attempt, retryAfter: retryAfter, random: .random(in: 0..<1))
                {
                    logger.debug(
                        "retrying after HTTP \(status)",
                        metadata: [
                            "shopify.operation": .string(operation.name), "shopify.delay": .stringConvertible(delay),
                            "shopify.request_id": .string(requestID ?? "-"),
                        ])
                    try await clock.sleep(for: delay)
                    continue
                }
                throw failure(.http, errors: errors, detail: detail, retryAfter: retryAfter)
            }

            let envelope: GraphQLEnvelope<Payload>
            var decodingFailure: String?
            do {
                envelope = try JSONDecoder().decode(GraphQLEnvelope<Payload>.self, from: data)
            } catch {
                // `data` did not fit the model: the errors and the bucket may still be readable.
                decodingFailure = "\(Payload.self): \(error)"
                let outer = try? JSONDecoder().decode(GraphQLEnvelope<AnyPayload>.self, from: data)
                envelope = GraphQLEnvelope(data: nil, errors: outer?.errors ?? [], extensions: outer?.extensions)
            }
            let isThrottled = envelope.errors.contains { $0.code == "THROTTLED" }
            if let cost = envelope.extensions?.cost {
                throttle.observe(cost, of: operation, reserved: reserved, throttled: isThrottled, now: clock.now())
            } else {
                throttle.release(reserved, spent: !isThrottled, throttled: isThrottled, now: clock.now())
            }
            let refill =
                isThrottled
                ? throttle.wait(
                    forCost: envelope.extensions?.cost?.requestedQueryCost ?? reserved, now: clock.now()) : nil
            if let ticket {
                configuration.pacer?.finish(
                    ticket, isThrottled ? .throttled(retryAfter: refill) : .answered, requestClass: requestClass)
            }
            for search in envelope.extensions?.search ?? [] {
                for warning in search.warnings ?? [] {
                    // A dropped search term widens the result; a caller filtering on it must know.
                    logger.warning(
                        "Shopify ignored a search term",
                        metadata: [
                            "shopify.operation": .string(operation.name),
                            "shopify.field": .string(warning.field ?? "-"),
                            "shopify.message": .string(warning.message ?? "-"),
                        ])
                }
            }

            if isThrottled {
                // Not run: safe to send again whatever the operation. The next turn of the loop waits
                // (requested − available) / restoreRate on the bucket Shopify just reported.
                if attempt < policy.maximumAttempts {
                    logger.info(
                        "THROTTLED; waiting for the bucket",
                        metadata: [
                            "shopify.operation": .string(operation.name),
                            "shopify.request_id": .string(requestID ?? "-"),
                        ])
                    if envelope.extensions?.cost?.throttleStatus == nil,
                        let delay = policy.delay(afterAttempt: attempt, retryAfter: nil, random: .random(in: 0..<1))
                    {
                        try await clock.sleep(for: delay)
                    }
                    continue
                }
                throw failure(.throttled, errors: envelope.errors, retryAfter: refill)
            }
            if let payload = envelope.data {
                logger.debug(
                    "answered",
                    metadata: [
                        "shopify.operation": .string(operation.name), "shopify.request_id": .string(requestID ?? "-"),
                        "shopify.requested_cost": .stringConvertible(
                            envelope.extensions?.cost?.requestedQueryCost ?? -1),
                        "shopify.expected_cost": .stringConvertible(reserved),
                        "shopify.attempts": .stringConvertible(attempt),
                    ])
                if !envelope.errors.isEmpty {
                    // Partial data (a protected field redacted): usable, but worth knowing.
                    logger.warning(
                        "answer with data and errors",
                        metadata: [
                            "shopify.operation": .string(operation.name),
                            "shopify.errors": .string(envelope.errors.map(\.message).joined(separator: "; ")),
                            "shopify.request_id": .string(requestID ?? "-"),
                        ])
                }
                return ShopifyAnswer(
                    data: payload, cost: envelope.extensions?.cost, requestID: requestID, attempts: attempt)
            }
            if !envelope.errors.isEmpty {
                if envelope.errors.contains(where: { $0.code == "INTERNAL_SERVER_ERROR" }), operation.isResendable,
                    let delay = policy.delay(afterAttempt: attempt, retryAfter: nil, random: .random(in: 0..<1))
                {
                    try await clock.sleep(for: delay)
                    continue
                }
                throw failure(.graphQL, errors: envelope.errors)
            }
            throw failure(.decoding, detail: decodingFailure ?? "the answer has neither data nor errors")
        }
    }

    static func pacingOutcome(status: Int, retryAfter: Duration?) -> PacingOutcome {
        switch status {
        case 429: .throttled(retryAfter: retryAfter)
        case 500...599 where status != 501: .overloaded
        default: .answered
        }
    }

    private func encode(_ operation: ShopifyOperation) throws -> Data {
        do {
            return try operation.body()
        } catch {
            throw ShopifyError(
                kind: .invalidRequest, shop: endpoint.baseURL, operation: operation.name,
                detail: "variables not encodable: \(error)")
        }
    }

    private func makeRequest(_ body: Data, token: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: endpoint.graphQLURL(version: configuration.apiVersion))
        request.method = .POST
        request.headers.add(name: "X-Shopify-Access-Token", value: token)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }

    // MARK: - Access tokens

    /// The token to send: the static one, or a granted one still valid, else one asked for now.
    private func accessToken(for operation: ShopifyOperation, httpClient: HTTPClient) async throws -> String {
        guard let credentials = configuration.clientCredentials else { return configuration.accessToken }
        let now = configuration.clock.now()
        if let token = await credentials.token(at: now) { return token }
        let granted = try await requestToken(credentials, httpClient: httpClient)
        await credentials.keep(granted.accessToken, expiresIn: granted.expiresIn ?? 86_399, at: now)
        logger.info(
            "granted a new access token", metadata: ["shopify.client_id": .string(credentials.clientID)])
        return granted.accessToken
    }

    /// `POST /admin/oauth/access_token` with `grant_type=client_credentials`. A refusal is ``ShopifyError/Kind/unauthorized``
    /// with Shopify's OAuth error (`invalid_client`, …); the secret is in no message.
    private func requestToken(_ credentials: ShopifyAccessTokens, httpClient: HTTPClient) async throws
        -> GrantedToken
    {
        let operation = "access token (client credentials)"
        var request = HTTPClientRequest(url: endpoint.baseURL + "/admin/oauth/access_token")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        let grant = [
            "client_id": credentials.clientID, "client_secret": credentials.clientSecret,
            "grant_type": "client_credentials",
        ]
        request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(grant)))
        let status: Int
        let data: Data
        let requestID: String?
        do {
            requestCounter.add(1, ordering: .relaxed)
            let response = try await httpClient.execute(
                request, timeout: TimeAmount(configuration.requestTimeout), logger: httpLogger)
            status = Int(response.status.code)
            requestID = response.headers.first(name: "X-Request-Id")
            data = Data(buffer: try await response.body.collect(upTo: 1024 * 1024))
        } catch {
            let failure = TransportFailure(error)
            throw ShopifyError(kind: failure.kind, shop: endpoint.baseURL, operation: operation, detail: failure.detail)
        }
        guard status == 200, let granted = try? JSONDecoder().decode(GrantedToken.self, from: data),
            !granted.accessToken.isEmpty
        else {
            // Shopify's OAuth code (`invalid_client`) as the error's code, so it reaches the health and the API.
            let refusal = try? JSONDecoder().decode(OAuthError.self, from: data)
            let errors = refusal?.error.map {
                [ShopifyError.GraphQLError(message: refusal?.errorDescription ?? $0, code: $0)]
            }
            throw ShopifyError(
                kind: (400..<500).contains(status) ? .unauthorized : .http, shop: endpoint.baseURL,
                operation: operation, status: status, errors: errors ?? [], requestID: requestID,
                detail: "client id \(credentials.clientID)" + (errors == nil ? ", no token in the answer" : ""))
        }
        return granted
    }

    /// The grant's answer: `{"access_token", "scope", "expires_in"}`.
    private struct GrantedToken: Decodable {
        var accessToken: String
        var expiresIn: Int?
        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case expiresIn = "expires_in"
        }
    }

    /// An OAuth refusal: `{"error": "invalid_client", "error_description": "…"}`.
    private struct OAuthError: Decodable {
        var error: String?
        var errorDescription: String?
        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
        }
    }

    private func noteVersion(_ served: String?) {
        guard let served, served != configuration.apiVersion else { return }
        let changed = reportedVersion.withLock { current -> Bool in
            defer { current = served }
            return current != served
        }
        if changed {
            logger.warning(
                "Shopify served another API version than the pinned one (retired versions fall forward)",
                metadata: ["shopify.pinned": .string(configuration.apiVersion), "shopify.served": .string(served)])
        }
    }

    /// A non-JSON answer described, never quoted: Shopify's 5xx pages are HTML.
    private static func snippet(_ body: Data, headers: HTTPHeaders) -> String? {
        guard !body.isEmpty else { return nil }
        let type = headers.first(name: "Content-Type").map { String($0.prefix { $0 != ";" }) } ?? "unknown type"
        return "non-JSON body: \(type), \(body.count) bytes"
    }
}
