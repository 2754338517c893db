import Crypto
import Foundation
import JWTKit

/// Issues and checks the API's bearer tokens: HS256 JWTs naming the user (`sub`) with an expiry (`exp`).
public struct TokenIssuer: Sendable {
    private let keys: JWTKeyCollection
    public let lifetime: Duration

    /// The claims of a token.
    struct Claims: JWTPayload {
        var sub: SubjectClaim
        var exp: ExpirationClaim
        var iat: IssuedAtClaim

        func verify(using algorithm: some JWTAlgorithm) throws {
            try exp.verifyNotExpired()
        }
    }

    /// - Parameter secret: the HMAC key, at least 32 bytes.
    public init(secret: [UInt8], lifetime: Duration) async {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(key: SymmetricKey(data: secret)), digestAlgorithm: .sha256)
        self.keys = keys
        self.lifetime = lifetime
    }

    /// A token for `userID`, valid from `now` for ``lifetime``.
    public func issue(userID: Int64, now: Date) async throws -> (token: String, expiresAt: Date) {
        let expiresAt = now.addingTimeInterval(TimeInterval(lifetime.components.seconds))
        let token = try await keys.sign(
            Claims(
                sub: SubjectClaim(value: String(userID)), exp: ExpirationClaim(value: expiresAt),
                iat: IssuedAtClaim(value: now)))
        return (token, expiresAt)
    }

    /// The user a token names and when it was issued, or why it is refused. Whether that user may still use
    /// it is ``UserAccess``'s question.
    public func verify(_ token: String) async throws(APIError) -> (userID: Int64, issuedAt: Date) {
        let claims: Claims
        do {
            claims = try await keys.verify(token, as: Claims.self)
        } catch let error as JWTError where error.errorType == .claimVerificationFailure {
            throw APIError.unauthorized("the token has expired", code: "token_expired")
        } catch {
            throw APIError.unauthorized("the token is not valid", code: "invalid_token")
        }
        guard let userID = Int64(claims.sub.value) else {
            throw APIError.unauthorized("the token is not valid", code: "invalid_token")
        }
        return (userID, claims.iat.value)
    }
}
