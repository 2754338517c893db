import Foundation
import Hummingbird
import Logging

/// Requires `Authorization: Bearer <token>` and sets the caller on the context.
public struct BearerAuthMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let tokens: TokenIssuer

    public init(tokens: TokenIssuer) { self.tokens = tokens }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw APIError.unauthorized()
        }
        var context = context
        let userID = try await tokens.verify(
            String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces))
        context.userID = userID
        context.logger[metadataKey: "user"] = "\(userID)"
        return try await next(request, context)
    }
}
