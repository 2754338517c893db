import Foundation
import Hummingbird
import Logging
import NIOCore

/// Per-request state: the request id, and after authentication, the caller.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``RequestIDMiddleware``; echoed in `X-Request-ID` and in every log line of the request.
    public var requestID = ""
    /// Set by ``BearerAuthMiddleware``: the authenticated user.
    public var userID: Int64?
    /// Set by the dashboard's session middleware: the signed-in session (its forms' CSRF token, the user's
    /// e-mail for the page header).
    var dashboard: DashboardIdentity?
    /// The client's address, for rate limits.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// JSON out: keys sorted, `/` unescaped, dates in ISO 8601 — stable bytes a client can diff.
    public var responseEncoder: JSONEncoder { Self.encoder }
    /// JSON in: dates in ISO 8601.
    public var requestDecoder: JSONDecoder { Self.decoder }

    /// Shared with ``APIBodies``: the command line's `--json` prints the very bytes a route answers.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// Request bodies are JSON and small; a larger body is refused with 413 before it is read.
    public var maxUploadSize: Int { 2 * 1024 * 1024 }

    /// The authenticated user's id; throws 401 on a route the auth middleware did not guard.
    public func requireUser() throws -> Int64 {
        guard let userID else { throw APIError.unauthorized() }
        return userID
    }
}
