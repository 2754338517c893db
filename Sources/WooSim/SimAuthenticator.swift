import Foundation

/// An API key the store knows, with WooCommerce's permissions: `read`, `write` or `read_write`.
struct SimAPIKey: Sendable, Equatable {
    var keys: WooSimKeys
    var canRead: Bool = true
    var canWrite: Bool
}

/// Who a request runs as. An unknown key is not an error: the request runs anonymous and then fails the
/// route's permission check (`woocommerce_rest_cannot_view`), exactly as WooCommerce behaves.
enum SimPrincipal: Sendable, Equatable {
    case anonymous
    case key(SimAPIKey)
}

/// What a route needs; anonymous callers get the matching WooCommerce 401.
enum SimPermission: Sendable {
    case list, view, create, edit, delete, batch

    var anonymousError: WooSimError {
        switch self {
        case .list: return .cannotList
        case .view: return .cannotView
        case .create: return .cannotCreate
        case .edit: return .cannotEdit
        case .delete: return .cannotDelete
        case .batch: return .cannotBatch
        }
    }
}

/// WooCommerce's authentication: Basic or `consumer_key`/`consumer_secret` only over https (the query wins),
/// then OAuth 1.0a one-legged from the query, a form body or an `Authorization: OAuth` header.
struct SimAuthenticator: Sendable {
    let keys: [String: SimAPIKey]
    let isTLS: Bool
    let stripsAuthorizationHeader: Bool
    let homeURL: String
    let oauth: OAuth1Verifier

    static let oauthParameterNames = [
        "oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature", "oauth_signature_method",
    ]

    func authenticate(
        method: String, rawPath: String, query: PHPParameters, form: PHPParameters?, authorization: String?,
        now: Int64
    ) throws(WooSimError) -> SimPrincipal {
        let authorization = self.stripsAuthorizationHeader ? nil : authorization
        var pendingError: WooSimError?
        if self.isTLS {
            var credentials: (String, String)?
            if let key = query["consumer_key"], let secret = query["consumer_secret"], !PHP.isEmpty(key),
                !PHP.isEmpty(secret)
            {
                credentials = (key, secret)
            } else if let basic = SimAuthenticator.basicCredentials(authorization), !PHP.isEmpty(basic.0),
                !PHP.isEmpty(basic.1)
            {
                credentials = basic
            }
            if let (consumerKey, secret) = credentials, let key = self.keys[consumerKey] {
                if OAuth1Verifier.constantTimeEqual(key.keys.consumerSecret, secret) { return .key(key) }
                pendingError = .consumerSecretInvalid
            }
        }

        var parameters = query.merging(form ?? PHPParameters())
        if let authorization, authorization.trimmingWhitespace().lowercased().hasPrefix("oauth ") {
            for (name, value) in SimAuthenticator.oauthHeaderParameters(authorization) {
                parameters.set(name, value)
            }
        }
        let missing = SimAuthenticator.oauthParameterNames.filter { PHP.isEmpty(parameters[$0] ?? "") }
        if missing.count == SimAuthenticator.oauthParameterNames.count {
            if let pendingError { throw pendingError }
            return .anonymous
        }
        guard missing.isEmpty else { throw WooSimError.missingOAuthParameters(missing) }
        guard let key = self.keys[parameters["oauth_consumer_key"]!] else { throw WooSimError.consumerKeyInvalid }
        if let error = self.oauth.verify(
            method: method, url: self.homeURL + rawPath, parameters: parameters, secret: key.keys.consumerSecret,
            consumerKey: key.keys.consumerKey, now: now)
        {
            throw error
        }
        return .key(key)
    }

    static func basicCredentials(_ header: String?) -> (String, String)? {
        guard let header, header.lowercased().hasPrefix("basic ") else { return nil }
        let encoded = header.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// WooCommerce's `parse_header`: `oauth_x="v"` pairs, each value `urldecode`d.
    static func oauthHeaderParameters(_ header: String) -> [(String, String)] {
        let body = header.trimmingWhitespace().dropFirst(6)
        var result: [(String, String)] = []
        for piece in body.split(separator: ",") {
            let parts = piece.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = String(parts[0]).trimmingWhitespace()
            guard name.hasPrefix("oauth_") else { continue }
            var value = String(parts[1]).trimmingWhitespace()
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            result.append((name, PHPParameters.decode(Substring(value))))
        }
        return result
    }
}

/// PHP semantics the authenticator needs.
enum PHP {
    /// `empty()`: "" and "0" are empty.
    static func isEmpty(_ value: String) -> Bool {
        value.isEmpty || value == "0"
    }
}
