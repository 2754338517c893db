/// An error of a sales channel, readable by the engines without knowing the platform: every channel's own
/// error type (``WooCommerce/WooCommerceError`` today) conforms, so the error keeps its platform's message —
/// store, request, the platform's code, never a secret — while the engines decide retries, circuit breakers
/// and health codes from ``channelFailure`` alone.
public protocol ChannelError: Error, Sendable, CustomStringConvertible {
    /// The failure in the seam's terms.
    var channelFailure: ChannelFailure { get }
}

/// What a channel error means to the engines: who failed, whether trying again can help, how long the store
/// asked to wait, and the platform's own code.
public struct ChannelFailure: Sendable, Hashable {
    /// Where the failure happened, broadly.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Code: String, Hashable, Sendable {
            case answered
            case unreachable
            case local
        }
        fileprivate let code: Code

        /// The store answered, and refused the request (an HTTP status outside 2xx, an error in the answer).
        public static let answered = Kind(code: .answered)
        /// No full answer came: the connection failed, dropped or timed out. Says the store may be unwell.
        public static let unreachable = Kind(code: .unreachable)
        /// Our side: the request was refused before it was sent (bad arguments or configuration), or the answer
        /// could not be read. Says nothing about the store's health.
        public static let local = Kind(code: .local)

        public var description: String { code.rawValue }
    }

    public var platform: ChannelPlatform
    public var kind: Kind
    /// The HTTP status, when the store answered.
    public var status: Int?
    /// The platform's own error code (`woocommerce_rest_invalid_id`, `THROTTLED`, …), when it sent one.
    public var platformCode: String?
    /// The wait the store asked for (`Retry-After`, a throttle's refill time).
    public var retryAfter: Duration?
    /// Whether sending the same request again can never succeed (a refusal, an unreadable answer), as opposed
    /// to a failure that may heal (a 5xx, a 429, a timeout). Judged for a request that is safe to repeat.
    public var isPermanent: Bool
    /// Whether the store said the resource does not exist.
    public var isNotFound: Bool
    /// A stable code for health records and logs: the platform's code, else `http_<status>`, else
    /// `store_<what failed>`.
    public var code: String
    /// Whether the store refused a write because the keys may only read: every write fails until the keys
    /// change, which the integration's health must say.
    public var isWritePermissionRefused: Bool

    public init(
        platform: ChannelPlatform, kind: Kind, status: Int? = nil, platformCode: String? = nil,
        retryAfter: Duration? = nil, isPermanent: Bool, isNotFound: Bool = false, code: String,
        isWritePermissionRefused: Bool = false
    ) {
        self.platform = platform
        self.kind = kind
        self.status = status
        self.platformCode = platformCode
        self.retryAfter = retryAfter
        self.isPermanent = isPermanent
        self.isNotFound = isNotFound
        self.code = code
        self.isWritePermissionRefused = isWritePermissionRefused
    }
}
