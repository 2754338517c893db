import Crypto
import Foundation
import Synchronization

/// OAuth 1.0a one-legged verification exactly as WooCommerce's `WC_REST_Authentication` does it.
///
/// Written here, independently of the client module, so a mistake shared by both cannot hide.
/// Base string: `METHOD&rawurlencode(home URL + path)&` + the parameters sorted by raw key (`strcmp`),
/// each `rawurlencode(rawurlencode(k)=rawurlencode(v))`, joined by `%26`. Key: `secret&`.
/// Checks in WooCommerce's order: signature method, signature, timestamp (±15 min), nonce (15 min).
final class OAuth1Verifier: Sendable {
    static let window: Int64 = 15 * 60

    /// Used nonces per consumer key, keyed by timestamp like WooCommerce's serialized `nonces` column
    /// (so a second nonce in the same second replaces the first, as there).
    private let nonces = Mutex<[String: [Int64: String]]>([:])

    init() {}

    func verify(method: String, url: String, parameters: PHPParameters, secret: String, consumerKey: String, now: Int64)
        -> WooSimError?
    {
        guard let provided = parameters["oauth_signature"], let signatureMethod = parameters["oauth_signature_method"]
        else { return .signatureMismatch }
        var signed = parameters
        signed.remove("oauth_signature")
        let base = OAuth1Verifier.baseString(method: method, url: url, parameters: signed)
        guard signatureMethod == "HMAC-SHA1" || signatureMethod == "HMAC-SHA256" else {
            return .signatureMethodInvalid
        }
        let expected = OAuth1Verifier.sign(base, secret: secret, method: signatureMethod)
        let consumerSignature = OAuth1Verifier.rawURLDecode(provided.replacingOccurrences(of: " ", with: "+"))
        guard OAuth1Verifier.constantTimeEqual(expected, consumerSignature) else { return .signatureMismatch }

        // PHP compares the string with an int: a non-numeric timestamp reads as 0.
        let timestamp = Int64(parameters["oauth_timestamp"] ?? "") ?? 0
        guard timestamp >= now - OAuth1Verifier.window, timestamp <= now + OAuth1Verifier.window else {
            return .invalidTimestamp
        }
        let nonce = parameters["oauth_nonce"] ?? ""
        return self.nonces.withLock { table -> WooSimError? in
            var used = table[consumerKey] ?? [:]
            if used.values.contains(nonce) { return .nonceReused }
            used[timestamp] = nonce
            used = used.filter { $0.key >= now - OAuth1Verifier.window }
            table[consumerKey] = used
            return nil
        }
    }

    static func baseString(method: String, url: String, parameters: PHPParameters) -> String {
        let entries = parameters.entries.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        var pieces: [String] = []
        for entry in entries {
            let key = PHPParameters.rawURLEncode(entry.key)
            switch entry.value {
            case .scalar(let value):
                pieces.append(PHPParameters.rawURLEncode("\(key)=\(PHPParameters.rawURLEncode(value))"))
            case .array(let pairs):
                for pair in pairs {
                    pieces.append(
                        PHPParameters.rawURLEncode("\(key)%5B\(pair.key)%5D=\(PHPParameters.rawURLEncode(pair.value))"))
                }
            }
        }
        return "\(method.uppercased())&\(PHPParameters.rawURLEncode(url))&\(pieces.joined(separator: "%26"))"
    }

    static func sign(_ base: String, secret: String, method: String) -> String {
        let key = SymmetricKey(data: Array((secret + "&").utf8))
        if method == "HMAC-SHA256" {
            return Data(HMAC<SHA256>.authenticationCode(for: Array(base.utf8), using: key)).base64EncodedString()
        }
        return Data(HMAC<Insecure.SHA1>.authenticationCode(for: Array(base.utf8), using: key)).base64EncodedString()
    }

    static func rawURLDecode(_ text: String) -> String {
        // rawurldecode keeps `+`; PHPParameters.decode would turn it into a space.
        PHPParameters.decode(Substring(text.replacingOccurrences(of: "+", with: "%2B")))
    }

    static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
