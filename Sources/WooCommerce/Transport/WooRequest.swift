import Foundation
import NIOHTTP1

/// One REST call, described before authentication is added.
struct WooRequest: Sendable {
    var method: HTTPMethod
    /// Below the API root, without a leading slash: `orders/109/notes`.
    var path: String
    var query: [WooQueryItem]
    /// A JSON body.
    var body: Data?
    /// Safe to send twice. `GET`, `PUT` and `DELETE` are; a `POST` only when the caller says so (a batch
    /// that sets absolute stock values), never one that creates something.
    var isIdempotent: Bool
    /// `false` for the route index, which WooCommerce serves without credentials.
    var isAuthenticated: Bool

    init(
        _ method: HTTPMethod,
        _ path: String,
        query: [WooQueryItem] = [],
        body: Data? = nil,
        idempotent: Bool? = nil,
        authenticated: Bool = true
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.isIdempotent = idempotent ?? (method == .GET || method == .HEAD || method == .PUT || method == .DELETE)
        self.isAuthenticated = authenticated
    }

    /// A request with a JSON-encoded body.
    static func json<Body: Encodable>(
        _ method: HTTPMethod,
        _ path: String,
        body: Body,
        query: [WooQueryItem] = [],
        idempotent: Bool? = nil
    ) throws -> WooRequest {
        let data = try WooJSON.encoder.encode(body)
        return WooRequest(method, path, query: query, body: data, idempotent: idempotent)
    }
}

/// A store's answer: status, headers and the whole body.
struct WooResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: Data
    /// The authentication mode the successful attempt used.
    var authenticationMode: WooAuthenticationMode?
    /// How many attempts it took.
    var attempts: Int
}
