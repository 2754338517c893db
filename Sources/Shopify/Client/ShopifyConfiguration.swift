import Foundation
import Logging
import Pacing

/// Everything a ``ShopifyClient`` needs to reach one shop's Admin GraphQL API.
public struct ShopifyConfiguration: Sendable {
    /// The smallest bucket Shopify documents (1,000 points restoring 50 a second), assumed before a shop's first
    /// answer says what its own is.
    public static let smallestBucket = ShopifyThrottleStatus(
        maximumAvailable: 1_000, currentlyAvailable: 1_000, restoreRate: 50)

    /// The API version the client pins unless told otherwise.
    public static let defaultAPIVersion = "2026-04"

    /// The shop's base URL: `https://{shop}.myshopify.com` (the permanent handle, not a custom domain), or
    /// `http://127.0.0.1:{port}` for a simulated shop. Requests go to `{shopURL}/admin/api/{version}/graphql.json`.
    public var shopURL: String
    /// The Admin API access token, sent as `X-Shopify-Access-Token`; never logged, never in an error. An
    /// admin-created custom app's static token; empty when ``clientCredentials`` gets the tokens.
    public var accessToken: String
    /// The app's client credentials, when its tokens come from the client credentials grant (Dev Dashboard
    /// apps, whose tokens last 24 hours): shared by every client of the app at the shop. Takes the place of
    /// ``accessToken``.
    public var clientCredentials: ShopifyAccessTokens?
    /// The pinned API version, e.g. `2026-04`. Shopify serves a retired one with the oldest supported version
    /// without an error; the client logs the version Shopify says it used when it differs.
    public var apiVersion: String
    /// When to try again.
    public var retryPolicy: RetryPolicy
    /// The shop's pacer, shared by every client of the same shop: every attempt waits its turn there and
    /// tells it how the shop answered. `nil` sends at once (the cost bucket still paces).
    public var pacer: StorePacer?
    /// How long to wait for a TCP (and TLS) connection, when the client makes its own `HTTPClient`.
    public var connectTimeout: Duration
    /// How long one attempt may take from sending to the last byte of the answer.
    public var requestTimeout: Duration
    /// The largest answer accepted.
    public var maximumResponseBytes: Int
    /// Sent as `User-Agent`.
    public var userAgent: String
    /// The bucket assumed before the shop's first answer says what it is: Shopify's smallest documented
    /// (1,000 points restoring 50/s), so the first queries of a fresh client cannot overrun any plan's.
    public var assumedBucket: ShopifyThrottleStatus
    /// The shop's bucket model, shared by every client of the same shop (like ``pacer``); `nil` gives the
    /// client one of its own, which is right only while it is the one client of the app at this shop.
    public var costBucket: ShopifyCostBucket?
    /// The clock for waiting on the bucket and backing off.
    public var clock: any ShopifyClock
    /// Where request-level events go; the shop is attached, the token never is.
    public var logger: Logger

    public init(
        shopURL: String,
        accessToken: String,
        clientCredentials: ShopifyAccessTokens? = nil,
        apiVersion: String = ShopifyConfiguration.defaultAPIVersion,
        retryPolicy: RetryPolicy = .default,
        pacer: StorePacer? = nil,
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(60),
        maximumResponseBytes: Int = 32 * 1024 * 1024,
        userAgent: String = "Logix-Shopify/1.0",
        assumedBucket: ShopifyThrottleStatus = ShopifyConfiguration.smallestBucket,
        costBucket: ShopifyCostBucket? = nil,
        clock: any ShopifyClock = SystemShopifyClock(),
        logger: Logger = Logger(label: "shopify")
    ) {
        self.shopURL = shopURL
        self.accessToken = accessToken
        self.clientCredentials = clientCredentials
        self.apiVersion = apiVersion
        self.retryPolicy = retryPolicy
        self.pacer = pacer
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maximumResponseBytes = maximumResponseBytes
        self.userAgent = userAgent
        self.assumedBucket = assumedBucket
        self.costBucket = costBucket
        self.clock = clock
        self.logger = logger
    }

    /// The base URL of a shop named by its domain (`example.myshopify.com`, or a bare handle `example`).
    public static func shopURL(forDomain domain: String) -> String {
        var host = domain.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        for scheme in ["https://", "http://"] where host.hasPrefix(scheme) { host.removeFirst(scheme.count) }
        while host.hasSuffix("/") { host.removeLast() }
        if !host.contains(".") { host += ".myshopify.com" }
        return "https://" + host
    }
}

extension ShopifyConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The shop and version; the token only as `<redacted>`, so printing a configuration never leaks it.
    public var description: String {
        "ShopifyConfiguration(shopURL: \(shopURL), apiVersion: \(apiVersion), accessToken: <redacted>)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "shopURL": shopURL, "apiVersion": apiVersion, "accessToken": "<redacted>", "retryPolicy": retryPolicy,
                "requestTimeout": requestTimeout,
            ])
    }
}

/// A shop base URL checked and normalised.
struct ShopEndpoint: Sendable, Hashable {
    /// `scheme://host[:port]`, lower-case, no trailing slash.
    let baseURL: String

    init(_ raw: String) throws(ShopifyError) {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            throw .invalidConfiguration("shop URL must be an absolute http(s) URL with a host", shop: trimmed)
        }
        guard components.query == nil, components.fragment == nil, components.user == nil,
            components.path.isEmpty || components.path == "/"
        else {
            throw .invalidConfiguration("shop URL must be scheme://host[:port] only", shop: trimmed)
        }
        let hostPart = host.contains(":") ? "[\(host.lowercased())]" : host.lowercased()
        var url = scheme + "://" + hostPart
        if let port = components.port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) {
            url += ":\(port)"
        }
        self.baseURL = url
    }

    func graphQLURL(version: String) -> String { "\(baseURL)/admin/api/\(version)/graphql.json" }
}
