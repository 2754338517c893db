/// An error from talking to a Shopify shop's Admin GraphQL API.
///
/// Names the shop, the GraphQL operation, and what the shop said: the HTTP status, the GraphQL `errors`
/// (with their `extensions.code`, e.g. `THROTTLED`, `ACCESS_DENIED`, `MAX_COST_EXCEEDED`), a mutation's
/// `userErrors`, and the `X-Request-Id` Shopify support asks for. Never the access token.
///
/// A struct around a private code, like ``Kind``, so new kinds can be added without breaking callers; compare
/// with the static members (`error.kind == .unauthorized`).
public struct ShopifyError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, broadly.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Code: String, Hashable, Sendable {
            case http
            case unauthorized
            case shopUnavailable = "shop_unavailable"
            case throttled
            case graphQL = "graphql"
            case userErrors = "user_errors"
            case transport
            case timeout
            case decoding
            case invalidRequest = "invalid_request"
            case invalidConfiguration = "invalid_configuration"
        }
        fileprivate let code: Code

        /// The shop answered with a status outside 2xx not covered by a kind of its own (404, 5xx, 429, …).
        public static let http = Kind(code: .http)
        /// 401: the access token is wrong or revoked (or the app was uninstalled).
        public static let unauthorized = Kind(code: .unauthorized)
        /// 402 (unpaid, frozen), 423 (locked) or a 403 "Unavailable Shop": the shop refuses every call for now.
        public static let shopUnavailable = Kind(code: .shopUnavailable)
        /// THROTTLED answers until the retry policy gave up.
        public static let throttled = Kind(code: .throttled)
        /// HTTP 200 with GraphQL `errors` (access denied, cost too high, a field the version lacks, …).
        public static let graphQL = Kind(code: .graphQL)
        /// A mutation answered with `userErrors`: Shopify refused it (see ``userErrors``).
        public static let userErrors = Kind(code: .userErrors)
        /// The connection failed or dropped before a whole answer arrived.
        public static let transport = Kind(code: .transport)
        /// No answer within the configured timeout.
        public static let timeout = Kind(code: .timeout)
        /// The answer could not be read into the expected model.
        public static let decoding = Kind(code: .decoding)
        /// Refused locally before anything was sent (bad arguments, a query over the cost limit).
        public static let invalidRequest = Kind(code: .invalidRequest)
        /// The client configuration is unusable (bad base URL, empty token).
        public static let invalidConfiguration = Kind(code: .invalidConfiguration)

        public var description: String { code.rawValue }
    }

    /// One entry of a GraphQL answer's `errors`.
    public struct GraphQLError: Sendable, Hashable, Codable {
        public var message: String
        /// `extensions.code`: `THROTTLED`, `ACCESS_DENIED`, `MAX_COST_EXCEEDED`, `undefinedField`, …
        public var code: String?
        /// Where in the answer it applies, as field names and indices.
        public var path: [String]?

        public init(message: String, code: String? = nil, path: [String]? = nil) {
            self.message = message
            self.code = code
            self.path = path
        }
    }

    /// One entry of a mutation's `userErrors`.
    public struct UserError: Sendable, Hashable, Codable {
        /// The input path it is about, e.g. `["input", "quantities", "3", "changeFromQuantity"]`.
        public var field: [String]?
        public var message: String
        /// The typed code where the payload has one, e.g. `CHANGE_FROM_QUANTITY_STALE`.
        public var code: String?

        public init(field: [String]?, message: String, code: String? = nil) {
            self.field = field
            self.message = message
            self.code = code
        }
    }

    public let kind: Kind
    /// The shop's base URL, e.g. `https://example.myshopify.com`.
    public let shop: String
    /// The GraphQL operation name, e.g. `OrdersChanged`.
    public let operation: String
    /// The HTTP status when the shop answered.
    public let status: Int?
    /// The GraphQL `errors` of the answer (on a 401 or 402, its `errors` string as the one message).
    public let errors: [GraphQLError]
    /// A mutation's `userErrors`.
    public let userErrors: [UserError]
    /// The answer's `X-Request-Id`.
    public let requestID: String?
    /// A human-readable detail (the transport failure, the decoding failure, …).
    public let detail: String?
    /// Attempts made before giving up.
    public let attempts: Int
    /// How long the shop asked to wait (`Retry-After`, or the bucket's refill time for THROTTLED), for
    /// callers that retry later themselves.
    public let retryAfter: Duration?

    init(
        kind: Kind, shop: String, operation: String, status: Int? = nil, errors: [GraphQLError] = [],
        userErrors: [UserError] = [], requestID: String? = nil, detail: String? = nil, attempts: Int = 1,
        retryAfter: Duration? = nil
    ) {
        self.kind = kind
        self.shop = shop
        self.operation = operation
        self.status = status
        self.errors = errors
        self.userErrors = userErrors
        self.requestID = requestID
        self.detail = detail
        self.attempts = attempts
        self.retryAfter = retryAfter
    }

    /// The `extensions.code`s and user-error codes, for matching (`error.codes.contains("ACCESS_DENIED")`).
    public var codes: [String] { errors.compactMap(\.code) + userErrors.compactMap(\.code) }

    /// Whether the token was refused (401), or the app lacks a scope (`ACCESS_DENIED`).
    public var isAuthenticationFailure: Bool {
        kind == .unauthorized || status == 403 && kind != .shopUnavailable || codes.contains("ACCESS_DENIED")
    }

    /// Whether trying the same call again later cannot succeed without someone changing something: a refused
    /// token, a shop that is frozen, a query Shopify rejects as written, a mutation's user errors (except a
    /// concurrent-request one), a bad argument. Throttling, 5xx, 429 and transport failures are not permanent.
    public var isPermanent: Bool {
        switch kind {
        case .unauthorized, .shopUnavailable, .graphQL, .decoding, .invalidRequest, .invalidConfiguration:
            // INTERNAL_SERVER_ERROR inside a 200 is Shopify's, and may pass.
            return !codes.contains("INTERNAL_SERVER_ERROR")
        case .userErrors:
            return !codes.contains("IDEMPOTENCY_CONCURRENT_REQUEST")
        case .http:
            guard let status else { return false }
            return (400..<500).contains(status) && status != 429 && status != 408
        default:
            return false
        }
    }

    public var description: String {
        var text = "Shopify \(kind) error from \(shop): \(operation)"
        if let status { text += " → HTTP \(status)" }
        for error in errors {
            text += " [\(error.code ?? "error")] \(error.message)"
        }
        for error in userErrors {
            let field = error.field.map { " (\($0.joined(separator: ".")))" } ?? ""
            text += " [\(error.code ?? "userError")]\(field) \(error.message)"
        }
        if let detail { text += " (\(detail))" }
        if attempts > 1 { text += " after \(attempts) attempts" }
        if let requestID { text += " request \(requestID)" }
        return text
    }
}

extension ShopifyError {
    static func invalidConfiguration(_ detail: String, shop: String) -> ShopifyError {
        ShopifyError(kind: .invalidConfiguration, shop: shop, operation: "-", detail: detail)
    }
}
