import Foundation
import HTTPTypes
import Hummingbird

/// The one error shape of the API: `{"error": {"code", "message", "fields"?}}` with the right status.
///
/// Handlers throw it; ``ErrorMiddleware`` turns every other error into one, so no response ever carries
/// another shape (or an internal detail).
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    /// A stable machine-readable code: `invalid_body`, `not_found`, or the store's own code
    /// (`woocommerce_rest_authentication_error`).
    public let code: String
    public let message: String
    /// Per-field problems for a 422; for a 409, the facts of the conflict (`current_status`).
    public let fields: [String: String]?
    /// Extra headers, e.g. `Retry-After` on a 429.
    public let headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, code: String, _ message: String, fields: [String: String]? = nil,
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
        self.headers = headers
    }

    public static func badRequest(_ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_body", message)
    }
    public static func unauthorized(
        _ message: String = "a valid bearer token is required", code: String = "unauthorized"
    )
        -> APIError
    {
        APIError(.unauthorized, code: code, message, headers: [.wwwAuthenticate: "Bearer"])
    }
    public static func notFound(_ what: String) -> APIError {
        APIError(.notFound, code: "not_found", "\(what) not found")
    }
    public static func invalid(_ fields: [String: String]) -> APIError {
        APIError(
            .unprocessableContent, code: "invalid_fields",
            "invalid fields: " + fields.keys.sorted().joined(separator: ", "), fields: fields)
    }

    private struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var fields: [String: String]?
        }
        var error: Detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(Body(error: .init(code: code, message: message, fields: fields)))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
