import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import NIOSSL
import Pacing
import Synchronization

/// Sends ``WooRequest``s to one store: adds authentication, enforces timeouts, applies the ``RetryPolicy``
/// and turns every failure into a ``WooCommerceError``.
///
/// The only place that does I/O for the client; everything above it works with decoded values.
final class WooTransport: Sendable {
    let endpoint: StoreEndpoint
    let configuration: WooCommerceConfiguration
    /// The HTTP client: a shared one, or the transport's own — made at once, or, when the configuration
    /// decides addresses, at the first request, pinned to the address decided then.
    private let client: Mutex<ClientState>
    private let clientConfiguration: HTTPClient.Configuration
    private let tlsConfiguration: TLSConfiguration?
    private let negotiation: Mutex<AuthNegotiation>
    private let requestCounter = Atomic<Int>(0)
    private let hasSucceeded = Atomic<Bool>(false)
    let logger: Logger
    /// The logger handed to AsyncHTTPClient, never below `info`: at trace and debug it logs request and
    /// response heads, and with them the query string (OAuth keys), `Link` headers that echo it, and
    /// `Authorization` — secrets that must never reach a log.
    let httpLogger: Logger

    init(configuration: WooCommerceConfiguration, httpClient: HTTPClient?, logger: Logger) throws {
        let endpoint = try StoreEndpoint(configuration.storeURL)
        self.endpoint = endpoint
        self.configuration = configuration
        self.negotiation = Mutex(AuthNegotiation(configured: configuration.authentication, isHTTPS: endpoint.isHTTPS))
        var logger = logger
        logger[metadataKey: "woo.store"] = .string(endpoint.homeURL)
        self.logger = logger
        var httpLogger = logger
        httpLogger.logLevel = max(logger.logLevel, .info)
        self.httpLogger = httpLogger

        if let pem = configuration.trustedCertificateAuthoritiesPEM {
            do {
                let certificates = try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
                guard !certificates.isEmpty else {
                    throw WooCommerceError.invalidConfiguration(
                        "no certificate in the trusted CA PEM", store: endpoint.homeURL)
                }
                var tls = TLSConfiguration.makeClientConfiguration()
                tls.additionalTrustRoots = [.certificates(certificates)]
                self.tlsConfiguration = tls
            } catch let error as WooCommerceError {
                throw error
            } catch {
                throw WooCommerceError.invalidConfiguration(
                    "unreadable trusted CA PEM: \(error)", store: endpoint.homeURL)
            }
        } else {
            self.tlsConfiguration = nil
        }

        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.timeout.connect = TimeAmount(configuration.connectTimeout)
        // Our RetryPolicy decides about connect failures; the pool must not retry them silently until
        // the deadline.
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        clientConfiguration.decompression = .enabled(limit: .size(configuration.maximumResponseBytes))
        // A redirect could lead anywhere, past the address decision: the 3xx is answered to the caller.
        clientConfiguration.redirectConfiguration = .disallow
        self.clientConfiguration = clientConfiguration
        if let httpClient {
            // A shared client resolves names itself: the address decision could not hold.
            guard configuration.addressDecision == nil else {
                throw WooCommerceError.invalidConfiguration(
                    "an address decision needs the client's own HTTPClient", store: endpoint.homeURL)
            }
            self.client = Mutex(.shared(httpClient))
        } else if configuration.addressDecision == nil {
            self.client = Mutex(
                .owned(HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)))
        } else {
            self.client = Mutex(.undecided)
        }
    }

    /// What the transport holds of its HTTP client.
    private enum ClientState {
        case shared(HTTPClient)
        case owned(HTTPClient)
        /// The address is decided at the first request.
        case undecided
        case shutDown
    }

    /// The client for the next request; the first call with an address decision asks it, then pins the
    /// client's connections to the decided address (`dnsOverride`: TLS still uses the host name).
    private func httpClient(for request: WooRequest) async throws -> HTTPClient {
        if let ready = client.withLock({ state -> HTTPClient? in
            switch state {
            case .shared(let client), .owned(let client): return client
            case .undecided, .shutDown: return nil
            }
        }) {
            return ready
        }
        guard let decide = configuration.addressDecision else {
            throw WooCommerceError.invalidConfiguration("the client was shut down", store: endpoint.homeURL)
        }
        var pinned = clientConfiguration
        switch await decide(endpoint.host, endpoint.port) {
        case .resolveNormally:
            break
        case .connect(let address):
            // An IP literal in the URL is connected to as it is; a name is pinned to the decided address.
            if (try? SocketAddress(ipAddress: endpoint.host, port: 0)) == nil {
                pinned.dnsOverride = [endpoint.host: address]
            }
        case .unresolved(let reason):
            throw WooCommerceError(
                kind: .transport, store: endpoint.homeURL, method: request.method.rawValue, path: request.path,
                detail: reason)
        case .refused(let reason):
            throw WooCommerceError(
                kind: .addressRefused, store: endpoint.homeURL, method: request.method.rawValue, path: request.path,
                detail: reason)
        }
        let made = HTTPClient(eventLoopGroupProvider: .singleton, configuration: pinned)
        let (chosen, spare) = client.withLock { state -> (HTTPClient?, HTTPClient?) in
            switch state {
            case .shared(let client), .owned(let client): return (client, made)
            case .undecided:
                state = .owned(made)
                return (made, nil)
            case .shutDown: return (nil, made)
            }
        }
        // Two first requests at once: the one that lost the race closes the client it made.
        if let spare { try? await spare.shutdown() }
        guard let chosen else {
            throw WooCommerceError.invalidConfiguration("the client was shut down", store: endpoint.homeURL)
        }
        return chosen
    }

    /// Requests sent so far, retries included.
    var requestCount: Int { requestCounter.load(ordering: .relaxed) }

    /// The mode that has worked with this store: the fixed one once any request succeeded, or what `auto`
    /// settled on.
    var provenAuthenticationMode: WooAuthenticationMode? {
        negotiation.withLock { $0.provenMode }
            ?? (hasSucceeded.load(ordering: .relaxed) ? currentAuthenticationMode : nil)
    }

    /// The mode the next authenticated request will use.
    var currentAuthenticationMode: WooAuthenticationMode { negotiation.withLock { $0.currentMode } }

    func shutdown() async throws {
        // A shared client stays open for its owner; an own one is closed, and none is made after this.
        let owned = client.withLock { state -> HTTPClient? in
            switch state {
            case .shared: return nil
            case .owned(let client):
                state = .shutDown
                return client
            case .undecided, .shutDown:
                state = .shutDown
                return nil
            }
        }
        try await owned?.shutdown()
    }

    /// Sends `request`, retrying as the policy allows; returns only 2xx answers.
    ///
    /// - Parameter wanted: asked once the pacer lets an attempt go, just before it is sent: `false` gives the
    ///   turn back and throws `CancellationError` without sending (a listing's page found to lie past the end
    ///   while it waited). Cancelling a request already sent would free its turn while the store still works on
    ///   it.
    func send(_ request: WooRequest, wanted: (@Sendable () -> Bool)? = nil) async throws -> WooResponse {
        let policy = configuration.retryPolicy
        var attempt = 0
        var authenticationOverride: WooAuthenticationMode?
        while true {
            attempt += 1
            let mode: WooAuthenticationMode? =
                request.isAuthenticated ? (authenticationOverride ?? currentAuthenticationMode) : nil
            authenticationOverride = nil
            let httpRequest = try makeHTTPRequest(request, mode: mode)

            let status: Int
            let headers: HTTPHeaders
            let body: Data
            let httpClient = try await self.httpClient(for: request)
            // Every attempt waits its turn at the store's pacer (one per store, shared with the other work on
            // the store), and tells it how the store answered.
            let ticket = try await configuration.pacer?.admit()
            if let wanted, !wanted() {
                if let ticket {
                    configuration.pacer?.finish(ticket, .abandoned, requestClass: request.pacingClass(responseBytes: 0))
                }
                throw CancellationError()
            }
            do {
                requestCounter.add(1, ordering: .relaxed)
                let response = try await httpClient.execute(
                    httpRequest, timeout: TimeAmount(configuration.requestTimeout), logger: httpLogger)
                let buffer = try await response.body.collect(upTo: configuration.maximumResponseBytes)
                status = Int(response.status.code)
                headers = response.headers
                body = Data(buffer: buffer)
            } catch is CancellationError {
                if let ticket {
                    configuration.pacer?.finish(
                        ticket, .abandoned, requestClass: request.pacingClass(responseBytes: 0))
                }
                throw CancellationError()
            } catch {
                let classified = TransportFailure(error)
                if let ticket {
                    configuration.pacer?.finish(
                        ticket, classified.isRetryable ? .overloaded : .abandoned,
                        requestClass: request.pacingClass(responseBytes: 0))
                }
                if classified.isRetryable, policy.isRetryable(classified.failure, idempotent: request.isIdempotent),
                    let delay = policy.delay(afterAttempt: attempt, retryAfter: nil, random: .random(in: 0..<1))
                {
                    logger.debug(
                        "retrying after transport failure",
                        metadata: ["woo.path": .string(request.path), "woo.error": .string("\(error)")])
                    try await configuration.clock.sleep(for: delay)
                    continue
                }
                throw WooCommerceError(
                    kind: classified.kind, store: endpoint.homeURL, method: request.method.rawValue,
                    path: request.path, detail: classified.detail, attempts: attempt)
            }

            let retryAfter = headers.first(name: "Retry-After").flatMap {
                RetryAfter.parse($0, now: configuration.clock.now())
            }
            if let ticket {
                configuration.pacer?.finish(
                    ticket, Self.pacingOutcome(status: status, retryAfter: retryAfter),
                    requestClass: request.pacingClass(responseBytes: body.count))
            }

            if (200..<300).contains(status) {
                if let mode {
                    negotiation.withLock { $0.succeeded(with: mode) }
                    hasSucceeded.store(true, ordering: .relaxed)
                }
                return WooResponse(
                    status: status, headers: headers, body: body, authenticationMode: mode, attempts: attempt)
            }

            let errorBody = try? WooJSON.decoder.decode(WooErrorBody.self, from: body)
            if let mode {
                let reaction = negotiation.withLock {
                    $0.refused(with: mode, status: status, code: errorBody?.code)
                }
                if case .retry(let next) = reaction {
                    logger.info(
                        "store ignored Basic credentials; trying the query string",
                        metadata: ["woo.path": .string(request.path)])
                    authenticationOverride = next
                    attempt -= 1
                    continue
                }
            }

            if policy.isRetryable(.status(status), idempotent: request.isIdempotent) {
                if let delay = policy.delay(afterAttempt: attempt, retryAfter: retryAfter, random: .random(in: 0..<1)) {
                    logger.debug(
                        "retrying after HTTP \(status)",
                        metadata: ["woo.path": .string(request.path), "woo.delay": .string("\(delay)")])
                    try await configuration.clock.sleep(for: delay)
                    continue
                }
            }
            throw WooCommerceError(
                kind: .http, store: endpoint.homeURL, method: request.method.rawValue, path: request.path,
                status: status, wooCode: errorBody?.code, wooMessage: errorBody?.message,
                detail: errorBody == nil ? Self.snippet(body, headers: headers) : nil, attempts: attempt,
                retryAfter: retryAfter,
                redirectLocation: (300..<400).contains(status)
                    ? headers.first(name: "Location").map { String($0.prefix { $0 != "?" && $0 != "#" }) } : nil)
        }
    }

    /// What an answer tells the pacer: 429 asks for less, a 5xx may mean an overloaded host (501 is an answer
    /// like a 4xx: the server cannot do it at all).
    static func pacingOutcome(status: Int, retryAfter: Duration?) -> PacingOutcome {
        switch status {
        case 429: .throttled(retryAfter: retryAfter)
        case 500...599 where status != 501: .overloaded
        default: .answered
        }
    }

    /// Decodes a 2xx body, turning a mismatch into a ``WooCommerceError`` naming the request.
    func decode<T: Decodable>(_ type: T.Type, from response: WooResponse, for request: WooRequest) throws -> T {
        try decode(T.self, from: response, for: request) { try WooJSON.decoder.decode(T.self, from: $0) }
    }

    /// Decodes a 2xx body with `decodeBody` — a faster reader with `JSONDecoder`'s results, such as
    /// ``WooOrder/decodeList(from:)`` — mapping its errors exactly as above.
    func decode<T>(
        _ type: T.Type, from response: WooResponse, for request: WooRequest, using decodeBody: (Data) throws -> T
    ) throws -> T {
        do {
            return try decodeBody(response.body)
        } catch {
            throw WooCommerceError(
                kind: .decoding, store: endpoint.homeURL, method: request.method.rawValue, path: request.path,
                status: response.status, detail: "\(T.self): \(WooJSON.describe(error))", attempts: response.attempts)
        }
    }

    // MARK: - Building the wire request

    private func makeHTTPRequest(_ request: WooRequest, mode: WooAuthenticationMode?) throws -> HTTPClientRequest {
        let resourceURL = endpoint.apiRoot + (request.path.isEmpty ? "" : "/" + request.path)
        var query = request.query
        var headers = HTTPHeaders()
        headers.add(name: "User-Agent", value: configuration.userAgent)
        headers.add(name: "Accept", value: "application/json")

        switch mode {
        case .none:
            break
        case .basic:
            let token = Data(
                "\(configuration.credentials.consumerKey):\(configuration.credentials.consumerSecret)".utf8)
            headers.add(name: "Authorization", value: "Basic " + token.base64EncodedString())
        case .queryString:
            query.append(WooQueryItem("consumer_key", configuration.credentials.consumerKey))
            query.append(WooQueryItem("consumer_secret", configuration.credentials.consumerSecret))
        case .oauth1, .auto:
            let signer = OAuth1Signer(
                credentials: configuration.credentials, signatureMethod: configuration.oauthSignatureMethod)
            let timestamp = Int(configuration.clock.now().timeIntervalSince1970)
            query += signer.oauthParameters(
                method: request.method.rawValue, url: resourceURL, parameters: request.query,
                nonce: OAuth1Signer.makeNonce(), timestamp: timestamp)
        }

        var httpRequest = HTTPClientRequest(
            url: query.isEmpty ? resourceURL : resourceURL + "?" + PercentEncoding.queryString(query))
        httpRequest.method = request.method
        if let body = request.body {
            headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            httpRequest.body = .bytes(ByteBuffer(bytes: body))
        }
        httpRequest.headers = headers
        httpRequest.tlsConfiguration = tlsConfiguration
        return httpRequest
    }

    /// A non-JSON answer described, never quoted: an HTML page in an error message helps nobody.
    private static func snippet(_ body: Data, headers: HTTPHeaders) -> String? {
        guard !body.isEmpty else { return nil }
        let type = headers.first(name: "Content-Type").map { String($0.prefix { $0 != ";" }) } ?? "unknown type"
        return "non-JSON body: \(type), \(body.count) bytes"
    }
}

/// A transport-level failure sorted into what the retry policy and the error need to know.
struct TransportFailure {
    let failure: RetryPolicy.Failure
    let kind: WooCommerceError.Kind
    /// False for failures that cannot heal by waiting (a certificate nobody trusts).
    let isRetryable: Bool
    let detail: String

    init(_ error: any Error) {
        detail = String(describing: error)
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                (failure, kind, isRetryable) = (.connect, .timeout, true)
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                (failure, kind, isRetryable) = (.transport, .timeout, true)
            case .remoteConnectionClosed, .cancelled:
                (failure, kind, isRetryable) = (.transport, .transport, true)
            case .invalidURL, .emptyHost, .emptyScheme, .bodyLengthMismatch:
                (failure, kind, isRetryable) = (.transport, .invalidRequest, false)
            default:
                (failure, kind, isRetryable) = (.transport, .transport, true)
            }
        } else if error is NIOConnectionError {
            (failure, kind, isRetryable) = (.connect, .transport, true)
        } else if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            (failure, kind, isRetryable) = (.connect, .timeout, true)
        } else if error is NIOSSLError || error is BoringSSLError {
            (failure, kind, isRetryable) = (.transport, .transport, false)
        } else if let error = error as? IOError, [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH].contains(error.errnoCode) {
            (failure, kind, isRetryable) = (.connect, .transport, true)
        } else {
            (failure, kind, isRetryable) = (.transport, .transport, true)
        }
    }
}
