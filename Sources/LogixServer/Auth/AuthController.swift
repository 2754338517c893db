import Foundation
import Hummingbird
import Storage

/// `POST /api/v1/auth/token`: email and password for a bearer token.
struct AuthController {
    let users: any UserRepository
    let passwords: PasswordHasher
    let tokens: TokenIssuer

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
        let user = try await users.find(email: body.email.trimmingCharacters(in: .whitespaces).lowercased())
        // Check a decoy for an unknown email, so timing does not tell which emails exist.
        let valid = try await passwords.verify(body.password, hash: user?.passwordHash ?? PasswordHasher.decoy)
        guard let user, valid else {
            throw APIError.unauthorized("wrong email or password", code: "invalid_credentials")
        }
        let issued = try await tokens.issue(userID: user.id)
        return TokenResponse(token: issued.token, expiresAt: issued.expiresAt)
    }
}
