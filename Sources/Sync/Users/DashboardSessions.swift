import Crypto
import Foundation
import LogixCore
import Storage

/// The dashboard's sign-in sessions: started after the password was checked, resumed by the cookie's token on
/// every page, ended by signing out. A session ends after ``idleLifetime`` without use and at the latest
/// ``absoluteLifetime`` after sign-in, whatever happens in between.
///
/// Tokens are 256 random bits; only their SHA-256 is stored, so the table cannot be replayed as cookies.
public struct DashboardSessions: Sendable {
    let database: LogixDatabase
    let clock: any LogixClock
    public let idleLifetime: TimeInterval
    public let absoluteLifetime: TimeInterval

    public init(
        database: LogixDatabase, clock: any LogixClock, idleLifetime: TimeInterval = 8 * 3600,
        absoluteLifetime: TimeInterval = 24 * 3600
    ) {
        self.database = database
        self.clock = clock
        self.idleLifetime = idleLifetime
        self.absoluteLifetime = absoluteLifetime
    }

    /// A new session: the token for the cookie, and the session as stored.
    public struct Started: Sendable {
        public let token: String
        public let session: DashboardSession
    }

    /// Starts a session for a user whose password was just checked. Expired sessions are swept here, where
    /// a write happens anyway, rather than by a service of their own.
    public func start(userID: Int64) async throws -> Started {
        let now = clock.now()
        let token = Self.randomToken()
        let session = DashboardSession(
            tokenHash: Self.hash(token), userID: userID, csrfToken: Self.randomToken(), createdAt: now,
            expiresAt: now.addingTimeInterval(min(idleLifetime, absoluteLifetime)), lastSeenAt: now)
        try await database.transaction { sql in
            try await DashboardSessionRecords().deleteExpired(before: now, on: sql)
            try await DashboardSessionRecords().insert(session, on: sql)
        }
        return Started(token: token, session: session)
    }

    /// The live session the token opens, extended by its use; `nil` for an unknown or expired token.
    ///
    /// The expiry moves at most once a minute, so reading pages does not write on every request.
    public func resume(token: String) async throws -> DashboardSession? {
        guard Self.isWellFormed(token) else { return nil }
        let now = clock.now()
        let hash = Self.hash(token)
        guard
            var session = try await database.read({ sql in
                try await DashboardSessionRecords().find(tokenHash: hash, on: sql)
            }), session.expiresAt > now
        else { return nil }
        if now.timeIntervalSince(session.lastSeenAt) >= 60 {
            let expiresAt = min(
                now.addingTimeInterval(idleLifetime), session.createdAt.addingTimeInterval(absoluteLifetime))
            try await database.transaction { sql in
                try await DashboardSessionRecords().touch(
                    tokenHash: hash, lastSeenAt: now, expiresAt: expiresAt, on: sql)
            }
            session.lastSeenAt = now
            session.expiresAt = expiresAt
        }
        return session
    }

    /// Ends the session the token opens (nothing happens for an unknown one).
    public func end(token: String) async throws {
        guard Self.isWellFormed(token) else { return }
        let hash = Self.hash(token)
        try await database.transaction { sql in
            try await DashboardSessionRecords().delete(tokenHash: hash, on: sql)
        }
    }

    /// Whether two secrets are equal, in time that does not depend on where they differ.
    public static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let (left, right) = (Array(lhs.utf8), Array(rhs.utf8))
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// 64 hex digits: anything else is not one of ours and is not looked up.
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 64 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
