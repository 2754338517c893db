import Foundation
import Pacing

/// Everything a ``WooCommerceClient`` needs to reach one store.
public struct WooCommerceConfiguration: Sendable {
    /// The store's home URL as WordPress knows it, e.g. `https://shop.example.com` (a sub-folder install keeps
    /// its path: `https://example.com/shop`). OAuth 1.0a signatures cover this URL, so it must match the store's
    /// own home URL.
    public var storeURL: String
    /// The REST API key pair.
    public var credentials: WooCredentials
    /// How to authenticate; ``WooAuthenticationMode/auto`` picks by scheme.
    public var authentication: WooAuthenticationMode
    /// The HMAC for OAuth 1.0a signatures (plain http only).
    public var oauthSignatureMethod: OAuth1Signer.SignatureMethod
    /// How long to wait for a TCP (and TLS) connection, when the client creates its own `HTTPClient`.
    public var connectTimeout: Duration
    /// How long one attempt may take from sending to the last byte of the answer.
    public var requestTimeout: Duration
    /// When to try again.
    public var retryPolicy: RetryPolicy
    /// PEM of extra certificate authorities to trust for this store (a private CA, or a test store's own).
    /// Verification is never switched off: a store with a certificate no trusted CA signed is refused.
    public var trustedCertificateAuthoritiesPEM: String?
    /// The largest response body accepted; bigger answers fail instead of exhausting memory.
    public var maximumResponseBytes: Int
    /// Sent as `User-Agent`.
    public var userAgent: String
    /// The clock for OAuth timestamps and back-off sleeps.
    public var clock: any WooClock
    /// How order bodies are decoded.
    public var orderDecoding: WooOrderDecoding
    /// Decides, from the store's host and port, the one address every connection of the client goes to; `nil`
    /// resolves as usual. Asked once, before the first request; the client must own its `HTTPClient`.
    public var addressDecision: (@Sendable (_ host: String, _ port: Int) async -> WooAddressDecision)?
    /// The store's pacer, shared by every client of the same store, that every request waits on; `nil` sends
    /// at once (callers then bound their own concurrency, as a listing's `concurrency` does).
    public var pacer: StorePacer?

    public init(
        storeURL: String,
        credentials: WooCredentials,
        authentication: WooAuthenticationMode = .auto,
        oauthSignatureMethod: OAuth1Signer.SignatureMethod = .hmacSHA256,
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(60),
        retryPolicy: RetryPolicy = .default,
        trustedCertificateAuthoritiesPEM: String? = nil,
        maximumResponseBytes: Int = 64 * 1024 * 1024,
        userAgent: String = "Logix-WooCommerce/1.0",
        clock: any WooClock = SystemWooClock(),
        orderDecoding: WooOrderDecoding = .reader,
        addressDecision: (@Sendable (_ host: String, _ port: Int) async -> WooAddressDecision)? = nil,
        pacer: StorePacer? = nil
    ) {
        self.storeURL = storeURL
        self.credentials = credentials
        self.authentication = authentication
        self.oauthSignatureMethod = oauthSignatureMethod
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.retryPolicy = retryPolicy
        self.trustedCertificateAuthoritiesPEM = trustedCertificateAuthoritiesPEM
        self.maximumResponseBytes = maximumResponseBytes
        self.userAgent = userAgent
        self.clock = clock
        self.orderDecoding = orderDecoding
        self.addressDecision = addressDecision
        self.pacer = pacer
    }
}

/// A store URL checked and split into what the client needs.
struct StoreEndpoint: Sendable, Hashable {
    /// `scheme://host[:port][/path]`, lowercase scheme and host, no default port, no trailing slash.
    let homeURL: String
    let isHTTPS: Bool
    /// The host as the URL names it (an IPv6 literal without brackets) and the port connections go to.
    let host: String
    let port: Int

    /// The REST root, `homeURL + /wp-json/wc/v3`.
    var apiRoot: String { homeURL + "/wp-json/wc/v3" }

    init(_ raw: String) throws(WooCommerceError) {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            throw .invalidConfiguration("store URL must be an absolute http(s) URL with a host", store: trimmed)
        }
        guard components.query == nil, components.fragment == nil, components.user == nil else {
            throw .invalidConfiguration("store URL must not carry a query, fragment or user info", store: trimmed)
        }
        let hostPart = host.contains(":") ? "[\(host.lowercased())]" : host.lowercased()
        var url = scheme + "://" + hostPart
        if let port = components.port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) {
            url += ":\(port)"
        }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        self.homeURL = url + path
        self.isHTTPS = scheme == "https"
        self.host = host.trimmingCharacters(in: ["[", "]"]).lowercased()
        self.port = components.port ?? (scheme == "https" ? 443 : 80)
    }
}
