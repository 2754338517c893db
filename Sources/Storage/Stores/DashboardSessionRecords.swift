import Foundation
import SQLKit

/// A signed-in dashboard session: whose it is, the token its forms must carry, and until when it holds.
public struct DashboardSession: Sendable, Hashable {
    /// The SHA-256 (hex) of the cookie's token; the token itself is never stored.
    public var tokenHash: String
    public var userID: Int64
    /// Every form of the session carries it; a form without it is refused (cross-site request forgery).
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date
    public var lastSeenAt: Date

    public init(
        tokenHash: String, userID: Int64, csrfToken: String, createdAt: Date, expiresAt: Date, lastSeenAt: Date
    ) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastSeenAt = lastSeenAt
    }
}

/// The `dashboard_sessions` table.
public struct DashboardSessionRecords: Sendable {
    public init() {}

    private struct Row: Decodable {
        var tokenHash: String
        var userID: Int64
        var csrfToken: String
        var createdAt: Int64
        var expiresAt: Int64
        var lastSeenAt: Int64

        enum CodingKeys: String, CodingKey, CaseIterable {
            case tokenHash = "token_hash"
            case userID = "user_id"
            case csrfToken = "csrf_token"
            case createdAt = "created_at"
            case expiresAt = "expires_at"
            case lastSeenAt = "last_seen_at"
        }

        var session: DashboardSession {
            func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
            return DashboardSession(
                tokenHash: tokenHash, userID: userID, csrfToken: csrfToken, createdAt: date(createdAt),
                expiresAt: date(expiresAt), lastSeenAt: date(lastSeenAt))
        }
    }

    public func insert(_ session: DashboardSession, on sql: DatabaseSession) async throws {
        try await sql.insert(into: "dashboard_sessions")
            .columns(Row.CodingKeys.allCases.map(\.rawValue))
            .values(
                SQLBind(session.tokenHash), SQLBind(session.userID), SQLBind(session.csrfToken),
                SQLBind(session.createdAt.unixSeconds), SQLBind(session.expiresAt.unixSeconds),
                SQLBind(session.lastSeenAt.unixSeconds)
            )
            .run()
    }

    /// The session with this token hash, expired or not.
    public func find(tokenHash: String, on sql: DatabaseSession) async throws -> DashboardSession? {
        try await sql.select().columns(Row.CodingKeys.allCases.map(\.rawValue)).from("dashboard_sessions")
            .where("token_hash", .equal, tokenHash)
            .first(decoding: Row.self)?.session
    }

    /// Moves the session's expiry (a session is extended while it is used).
    public func touch(tokenHash: String, lastSeenAt: Date, expiresAt: Date, on sql: DatabaseSession) async throws {
        try await sql.update("dashboard_sessions")
            .set("last_seen_at", to: SQLBind(lastSeenAt.unixSeconds))
            .set("expires_at", to: SQLBind(expiresAt.unixSeconds))
            .where("token_hash", .equal, tokenHash)
            .run()
    }

    public func delete(tokenHash: String, on sql: DatabaseSession) async throws {
        try await sql.delete(from: "dashboard_sessions").where("token_hash", .equal, tokenHash).run()
    }

    /// Removes sessions that ran out before `date`; returns nothing (a sweep, not a report).
    public func deleteExpired(before date: Date, on sql: DatabaseSession) async throws {
        try await sql.delete(from: "dashboard_sessions").where("expires_at", .lessThan, date.unixSeconds).run()
    }
}
