import Foundation
import Hummingbird
import Logging
import Sync

/// Requires `Authorization: Bearer <token>` for a user who exists, is enabled and has not changed their
/// password since the token was issued, and sets the caller on the context.
public struct BearerAuthMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let tokens: TokenIssuer
    let access: UserAccess

    public init(tokens: TokenIssuer, access: UserAccess) {
        self.tokens = tokens
        self.access = access
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw APIError.unauthorized()
        }
        var context = context
        let (userID, issuedAt) = try await tokens.verify(
            String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces))
        do {
            try await access.check(userID: userID, issuedAt: issuedAt)
        } catch let refusal as UserAccess.Refusal {
            switch refusal {
            case .unknownUser: throw APIError.unauthorized("the token's user does not exist", code: "invalid_token")
            case .disabled: throw APIError.unauthorized("the user is disabled", code: "user_disabled")
            case .superseded:
                throw APIError.unauthorized(
                    "the password changed after this token was issued; sign in again", code: "token_revoked")
            }
        }
        context.userID = userID
        context.logger[metadataKey: "user"] = "\(userID)"
        return try await next(request, context)
    }
}
