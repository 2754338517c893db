import Crypto
import Foundation

/// The `X-WC-Webhook-Signature` scheme: base64 of HMAC-SHA256 over the raw body bytes, keyed with the
/// webhook's secret.
///
/// Verify over the bytes exactly as received — re-encoding parsed JSON changes them. Note that the store signs
/// with the HTML-entity-decoded secret, so secrets should be letters and digits only.
public enum WooWebhookSignature {
    /// The signature WooCommerce would send for `body`.
    public static func sign(body: some DataProtocol, secret: String) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        return Data(HMAC<SHA256>.authenticationCode(for: body, using: key)).base64EncodedString()
    }

    /// Whether `signature` is the valid signature of `body`, compared in constant time.
    public static func isValid(signature: String, body: some DataProtocol, secret: String) -> Bool {
        // Foundation's trimming took as long as the HMAC itself; a header the store wrote has no spaces to trim.
        let untrimmed = signature.utf8.first.map { $0 > 0x20 } == true && signature.utf8.last.map { $0 > 0x20 } == true
        let trimmed = untrimmed ? signature : signature.trimmingCharacters(in: .whitespaces)
        guard let received = Data(base64Encoded: trimmed),
            received.count == SHA256.byteCount
        else { return false }
        let key = SymmetricKey(data: Data(secret.utf8))
        return HMAC<SHA256>.isValidAuthenticationCode(received, authenticating: body, using: key)
    }
}
