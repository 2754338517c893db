import Crypto
import Foundation

/// The `X-Shopify-Hmac-Sha256` scheme: base64 of HMAC-SHA256 over the raw body bytes, keyed with the app's
/// client secret.
///
/// Verify the bytes exactly as received: re-encoding parsed JSON changes them. While a secret is rotated,
/// deliveries may be signed with either: pass both. (Test deliveries sent from the shop admin's
/// Notifications page are signed with another key and fail, as they should.)
public enum ShopifyWebhookSignature {
    /// The signature Shopify would send for `body`.
    public static func sign(body: some DataProtocol, secret: String) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        return Data(HMAC<SHA256>.authenticationCode(for: body, using: key)).base64EncodedString()
    }

    /// Whether `signature` is `body`'s signature under `secret`, compared in constant time.
    public static func isValid(signature: String, body: some DataProtocol, secret: String) -> Bool {
        isValid(signature: signature, body: body, secrets: [secret])
    }

    /// Whether `signature` is `body`'s signature under any of `secrets` (current and previous while rotating).
    /// Every secret is tried, so the time taken does not say which matched.
    public static func isValid(signature: String, body: some DataProtocol, secrets: [String]) -> Bool {
        guard let received = Data(base64Encoded: signature.trimmingCharacters(in: .whitespaces)),
            received.count == SHA256.byteCount
        else { return false }
        var matched = false
        for secret in secrets where !secret.isEmpty {
            let key = SymmetricKey(data: Data(secret.utf8))
            // HMAC's own check compares in constant time.
            if HMAC<SHA256>.isValidAuthenticationCode(received, authenticating: body, using: key) { matched = true }
        }
        return matched
    }
}
