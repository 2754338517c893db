import Foundation
import SQLKit

/// A Logix user: owns integrations and sees only their own data.
public struct StoredUser: Sendable, Hashable, Codable {
    public var id: Int64
    public var email: String
    /// A bcrypt hash; never the password.
    public var passwordHash: String
    public var createdAt: Date
    /// When the user was disabled: they cannot sign in and their tokens are refused. `nil` while enabled.
    public var disabledAt: Date? = nil
    /// Tokens issued before this are refused (a password change sets it); the epoch for users without one.
    public var tokensValidFrom = Date(timeIntervalSince1970: 0)
}

/// The `users` table.
public struct UserRecords: Sendable {
    public init() {}

    private struct Row: Decodable {
        var id: Int64
        var email: String
        var passwordHash: String
        var createdAt: Int64
        var disabledAt: Int64?
        var tokensValidFrom: Int64

        enum CodingKeys: String, CodingKey {
            case id, email
            case passwordHash = "password_hash"
            case createdAt = "created_at"
            case disabledAt = "disabled_at"
            case tokensValidFrom = "tokens_valid_from"
        }

        static let columns = ["id", "email", "password_hash", "created_at", "disabled_at", "tokens_valid_from"]

        var user: StoredUser {
            StoredUser(
                id: id, email: email, passwordHash: passwordHash,
                createdAt: Date(timeIntervalSince1970: TimeInterval(createdAt)),
                disabledAt: disabledAt.map { Date(timeIntervalSince1970: TimeInterval($0)) },
                tokensValidFrom: Date(timeIntervalSince1970: TimeInterval(tokensValidFrom)))
        }
    }

    /// The form an email is stored and looked up in: trimmed, lower-cased (emails are unique case-insensitively).
    static func normalized(_ email: String) -> String { email.trimmingCharacters(in: .whitespaces).lowercased() }

    /// Creates a user; fails with ``StorageError/Kind/conflict`` if the email is taken (case-insensitively).
    public func create(
        email: String, passwordHash: String, at date: Date, on sql: DatabaseSession
    ) async throws -> StoredUser {
        let normalized = Self.normalized(email)
        let created = Int64(date.timeIntervalSince1970)
        let existing = try await sql.select().column("id").from("users").where("email", .equal, normalized)
            .first()
        guard existing == nil else { throw StorageError(.conflict, "a user with email \(normalized) exists") }
        let id = try await sql.insert(into: "users")
            .columns("email", "password_hash", "created_at")
            .values(SQLBind(normalized), SQLBind(passwordHash), SQLBind(created))
            .returning("id")
            .first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StorageError(.query, "inserting a user returned no id") }
        return StoredUser(
            id: id, email: normalized, passwordHash: passwordHash,
            createdAt: Date(timeIntervalSince1970: TimeInterval(created)))
    }

    public func find(email: String, on sql: DatabaseSession) async throws -> StoredUser? {
        try await sql.select().columns(Row.columns).from("users")
            .where("email", .equal, Self.normalized(email)).first(decoding: Row.self)?.user
    }

    public func find(id: Int64, on sql: DatabaseSession) async throws -> StoredUser? {
        try await sql.select().columns(Row.columns).from("users")
            .where("id", .equal, id).first(decoding: Row.self)?.user
    }

    /// Disables the user at `date` (`nil`: enables them again). Returns whether the user exists.
    @discardableResult
    public func setDisabled(id: Int64, at date: Date?, on sql: DatabaseSession) async throws -> Bool {
        try await sql.update("users").set("disabled_at", to: SQLBind(date.map { Int64($0.timeIntervalSince1970) }))
            .where("id", .equal, id).returning("id").first() != nil
    }

    /// Replaces the user's password hash and refuses the tokens issued before `date`. Returns whether the user
    /// exists.
    @discardableResult
    public func setPasswordHash(
        id: Int64, _ passwordHash: String, tokensValidFrom date: Date, on sql: DatabaseSession
    ) async throws -> Bool {
        try await sql.update("users").set("password_hash", to: SQLBind(passwordHash))
            .set("tokens_valid_from", to: SQLBind(Int64(date.timeIntervalSince1970.rounded(.down))))
            .where("id", .equal, id).returning("id").first() != nil
    }

    /// Deletes the user and, by the schema's cascades, everything they own. Returns whether the user existed.
    @discardableResult
    public func delete(id: Int64, on sql: DatabaseSession) async throws -> Bool {
        try await sql.delete(from: "users").where("id", .equal, id).returning("id").first() != nil
    }

    /// How many users there are (disabled ones included).
    public func count(on sql: DatabaseSession) async throws -> Int {
        let row = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users")
            .first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }
}
