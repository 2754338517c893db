/// A WooCommerce REST API key pair (`ck_…` / `cs_…`).
///
/// The secret is never printed: `description` and `debugDescription` show only the key's last four characters,
/// so a credentials value can be logged or interpolated into an error without leaking anything.
public struct WooCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The consumer key, `ck_` followed by 40 hex digits on a real store.
    public var consumerKey: String
    /// The consumer secret, `cs_` followed by 40 hex digits on a real store. Also the OAuth 1.0a HMAC key.
    public var consumerSecret: String

    public init(consumerKey: String, consumerSecret: String) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
    }

    /// The consumer key reduced to its last four characters, e.g. `…cafe`.
    public var redactedKey: String { "…" + String(consumerKey.suffix(4)) }

    public var description: String { "WooCredentials(key: \(redactedKey), secret: <redacted>)" }
    public var debugDescription: String { description }
}

/// How the client proves who it is to the store.
///
/// WooCommerce accepts three ways, and which one works depends on the scheme and on the host in front of it:
/// Basic and the query string are honoured only over https, OAuth 1.0a only over plain http.
public enum WooAuthenticationMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// `Authorization: Basic base64(ck:cs)`, https only.
    case basic
    /// `?consumer_key=…&consumer_secret=…`, https only; for hosts that strip the `Authorization` header.
    case queryString = "query_string"
    /// OAuth 1.0a one-legged signatures (HMAC-SHA256), the only way over plain http.
    case oauth1
    /// Choose by scheme: OAuth 1.0a over http; over https Basic, falling back to the query string when the
    /// host turns out to strip `Authorization`, remembering what worked.
    case auto
}
