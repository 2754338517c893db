import Crypto
import Foundation

/// Signs requests with OAuth 1.0a one-legged signatures, computed exactly as WooCommerce verifies them
/// (`WC_REST_Authentication::check_oauth_signature`).
///
/// WooCommerce only accepts OAuth 1.0a over plain http. The signature covers the method, the URL without its
/// query string, and every query parameter plus the `oauth_*` ones; a JSON body is never signed.
///
/// The signer is a pure value: give it the same nonce and timestamp and it reproduces a signature exactly,
/// which is how the known-answer tests check it against requests a real store accepted.
public struct OAuth1Signer: Sendable {
    /// The HMAC used for the signature. WooCommerce accepts exactly these two names.
    public enum SignatureMethod: String, Sendable, CaseIterable {
        case hmacSHA1 = "HMAC-SHA1"
        case hmacSHA256 = "HMAC-SHA256"
    }

    public var credentials: WooCredentials
    public var signatureMethod: SignatureMethod

    public init(credentials: WooCredentials, signatureMethod: SignatureMethod = .hmacSHA256) {
        self.credentials = credentials
        self.signatureMethod = signatureMethod
    }

    /// The `oauth_*` parameters for one request, signature included, in the order they should be sent.
    ///
    /// - Parameters:
    ///   - method: the HTTP method, e.g. `GET`.
    ///   - url: scheme, host, port and path of the request, without a query string — it must match the store's
    ///     home URL, because that is what WooCommerce rebuilds on its side.
    ///   - parameters: the request's query parameters (raw, not encoded).
    ///   - nonce: a value never used before by this key within 15 minutes.
    ///   - timestamp: seconds since 1970; the store refuses one more than 15 minutes off.
    public func oauthParameters(
        method: String,
        url: String,
        parameters: [WooQueryItem],
        nonce: String,
        timestamp: Int
    ) -> [WooQueryItem] {
        var oauth = [
            WooQueryItem("oauth_consumer_key", credentials.consumerKey),
            WooQueryItem("oauth_timestamp", String(timestamp)),
            WooQueryItem("oauth_nonce", nonce),
            WooQueryItem("oauth_signature_method", signatureMethod.rawValue),
        ]
        let signature = self.signature(method: method, url: url, parameters: parameters + oauth)
        oauth.append(WooQueryItem("oauth_signature", signature))
        return oauth
    }

    /// The base64 signature over `parameters` (which must already include the `oauth_*` ones, less the signature).
    public func signature(method: String, url: String, parameters: [WooQueryItem]) -> String {
        let base = Self.signatureBaseString(method: method, url: url, parameters: parameters)
        let key = SymmetricKey(data: Data((credentials.consumerSecret + "&").utf8))
        let message = Data(base.utf8)
        switch signatureMethod {
        case .hmacSHA1:
            return Data(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key)).base64EncodedString()
        case .hmacSHA256:
            return Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).base64EncodedString()
        }
    }

    /// `METHOD&enc(url)&enc(sorted, encoded k=v pairs joined by &)`.
    ///
    /// Parameters are sorted by their raw key in byte order (PHP's `uksort` with `strcmp`). A key given twice
    /// keeps its last value, as PHP's `$_GET` does.
    static func signatureBaseString(method: String, url: String, parameters: [WooQueryItem]) -> String {
        var lastValue: [String: String] = [:]
        for item in parameters where item.name != "oauth_signature" {
            lastValue[item.name] = item.value
        }
        let sortedKeys = lastValue.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let pairs = sortedKeys.map {
            PercentEncoding.rawURLEncode($0) + "=" + PercentEncoding.rawURLEncode(lastValue[$0]!)
        }
        let parameterString = pairs.joined(separator: "&")
        return method.uppercased() + "&" + PercentEncoding.rawURLEncode(url) + "&"
            + PercentEncoding.rawURLEncode(parameterString)
    }

    /// A fresh random nonce: 32 hex digits.
    public static func makeNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdef")
        return String((0..<32).map { _ in hex[Int(generator.next() % 16)] })
    }
}
