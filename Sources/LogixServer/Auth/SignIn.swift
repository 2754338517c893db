import Foundation
import LogixCore
import Storage
import Sync

/// Signing in: an email and a password for a bearer token. The server's own use case, because passwords
/// (bcrypt) and tokens (JWT) are the server's; the user is found through the `Users` use case.
struct SignIn: Sendable {
    let users: Users
    let passwords: PasswordHasher
    let tokens: TokenIssuer
    let clock: any LogixClock

    /// A token for the user, or 401 `invalid_credentials` whether the email or the password is wrong.
    func token(email: String, password: String) async throws -> (token: String, expiresAt: Date) {
        let user = try await user(email: email, password: password)
        return try await tokens.issue(userID: user.id, now: clock.now())
    }

    /// The enabled user with this email and password, or 401 `invalid_credentials` whether the email or the
    /// password is wrong (the API's tokens and the dashboard's sessions both start here).
    func user(email: String, password: String) async throws -> StoredUser {
        let user = try await users.find(email: email)
        // Check a decoy for an unknown email, so timing does not tell which emails exist.
        let valid = try await passwords.verify(password, hash: user?.passwordHash ?? PasswordHasher.decoy)
        guard let user, valid else {
            throw APIError.unauthorized("wrong email or password", code: "invalid_credentials")
        }
        // Told only to whoever knows the password.
        guard user.disabledAt == nil else { throw APIError.unauthorized("the user is disabled", code: "user_disabled") }
        return user
    }
}
