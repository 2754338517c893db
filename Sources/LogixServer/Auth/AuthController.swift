import Foundation
import Hummingbird

/// `POST /api/v1/auth/token`: email and password for a bearer token.
struct AuthController {
    let signIn: SignIn

    struct TokenRequest: Decodable {
        var email: String
        var password: String
    }

    struct TokenResponse: ResponseEncodable {
        var token: String
        var expiresAt: Date

        enum CodingKeys: String, CodingKey {
            case token
            case expiresAt = "expires_at"
        }
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("auth/token", use: token)
    }

    @Sendable func token(_ request: Request, context: AppRequestContext) async throws -> TokenResponse {
        let body = try await request.decode(as: TokenRequest.self, context: context)
        let issued = try await signIn.token(email: body.email, password: body.password)
        return TokenResponse(token: issued.token, expiresAt: issued.expiresAt)
    }
}
