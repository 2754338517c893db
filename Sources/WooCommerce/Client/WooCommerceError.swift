import Foundation

/// An error from talking to a WooCommerce store.
///
/// Every error names the store, the request (method and path, never the query string, which may hold
/// credentials) and, when the store answered, the HTTP status with WooCommerce's own `code` and `message`
/// (for example `woocommerce_rest_authentication_error`). No error ever carries a consumer secret.
///
/// Like AsyncHTTPClient's `HTTPClientError`, this is a struct around a private code so that new kinds of
/// failure can be added without breaking callers; compare with the static members (`error.kind == .http`).
public struct WooCommerceError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, broadly.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Code: String, Hashable, Sendable {
            case http
            case transport
            case timeout
            case decoding
            case invalidRequest = "invalid_request"
            case invalidConfiguration = "invalid_configuration"
            case addressRefused = "address_refused"
        }
        fileprivate let code: Code

        /// The store answered with a status outside 2xx.
        public static let http = Kind(code: .http)
        /// The connection failed or was dropped before a full response arrived.
        public static let transport = Kind(code: .transport)
        /// The request did not complete within the configured timeout.
        public static let timeout = Kind(code: .timeout)
        /// The store's answer could not be decoded into the expected model.
        public static let decoding = Kind(code: .decoding)
        /// The request was refused locally before anything was sent (bad arguments).
        public static let invalidRequest = Kind(code: .invalidRequest)
        /// The client configuration is unusable (bad store URL, bad CA certificate, ...).
        public static let invalidConfiguration = Kind(code: .invalidConfiguration)
        /// The store's address is not one the caller allows (``WooCommerceConfiguration/addressDecision``);
        /// nothing was sent.
        public static let addressRefused = Kind(code: .addressRefused)

        public var description: String { code.rawValue }
    }

    /// What went wrong, broadly.
    public let kind: Kind
    /// The store's home URL (scheme, host, port, path), e.g. `https://shop.example.com`.
    public let store: String
    /// The HTTP method of the failed request, e.g. `GET`.
    public let method: String
    /// The path below the API root, e.g. `orders/109`. Never includes the query string.
    public let path: String
    /// The HTTP status when the store answered.
    public let status: Int?
    /// WooCommerce's own error code, e.g. `woocommerce_rest_cannot_view`.
    public let wooCode: String?
    /// WooCommerce's own error message, e.g. `Consumer secret is invalid.`.
    public let wooMessage: String?
    /// A human readable detail (the transport failure, the decoding failure, ...).
    public let detail: String?
    /// How many attempts were made before giving up.
    public let attempts: Int
    /// The wait the store asked for with `Retry-After` on its last answer (429, 503), for callers that retry
    /// later themselves, such as an outbound queue.
    public let retryAfter: Duration?
    /// Where the store redirected to, for a 3xx answer (clients never follow redirects), without its query.
    public let redirectLocation: String?

    init(
        kind: Kind,
        store: String,
        method: String,
        path: String,
        status: Int? = nil,
        wooCode: String? = nil,
        wooMessage: String? = nil,
        detail: String? = nil,
        attempts: Int = 1,
        retryAfter: Duration? = nil,
        redirectLocation: String? = nil
    ) {
        self.kind = kind
        self.store = store
        self.method = method
        self.path = path
        self.status = status
        self.wooCode = wooCode
        self.wooMessage = wooMessage
        self.detail = detail
        self.attempts = attempts
        self.retryAfter = retryAfter
        self.redirectLocation = redirectLocation
    }

    /// Whether WooCommerce refused the credentials (wrong secret, unknown key, missing permission).
    public var isAuthenticationFailure: Bool {
        guard kind == .http, let status, status == 401 || status == 403 else { return false }
        return true
    }

    /// Whether the store said the resource does not exist.
    public var isNotFound: Bool {
        if status == 404 { return true }
        // WooCommerce answers 400 (not 404) to a PUT on an unknown order id.
        return wooCode?.hasSuffix("_invalid_id") == true
    }

    public var description: String {
        // The API root is the empty path: named, so a message never reads `GET  →`.
        var text = "WooCommerce \(kind) error from \(store): \(method) \(path.isEmpty ? "/wp-json/wc/v3" : path)"
        if let status { text += " → HTTP \(status)" }
        if let wooCode { text += " [\(wooCode)]" }
        if let wooMessage { text += " \(wooMessage)" }
        if let redirectLocation { text += " → \(redirectLocation)" }
        if let detail { text += " (\(detail))" }
        if attempts > 1 { text += " after \(attempts) attempts" }
        return text
    }
}

extension WooCommerceError {
    static func invalidConfiguration(_ detail: String, store: String) -> WooCommerceError {
        WooCommerceError(kind: .invalidConfiguration, store: store, method: "-", path: "-", detail: detail)
    }
}
