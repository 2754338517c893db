import Foundation
import LogixCore
import Storage

/// The use cases of Logix's users: create, disable, enable, delete one and change their password (the command
/// line), find one to sign in. Passwords arrive here already hashed: hashing and tokens belong to the server's
/// authentication.
public struct Users: Sendable {
    let database: LogixDatabase
    let clock: any LogixClock
    /// This process's cache of users' standing, evicted by every change here; `nil` where nothing caches it.
    let access: UserAccess?

    public init(database: LogixDatabase, clock: any LogixClock, access: UserAccess? = nil) {
        self.database = database
        self.clock = clock
        self.access = access
    }

    /// Creates a user; `StorageError` `.conflict` if the email is taken (case-insensitively).
    public func create(email: String, passwordHash: String) async throws -> StoredUser {
        let now = clock.now()
        return try await database.transaction { sql in
            try await UserRecords().create(email: email, passwordHash: passwordHash, at: now, on: sql)
        }
    }

    /// How many users there are: none means a newcomer's first start, who is told how to add one.
    public func count() async throws -> Int {
        try await database.read { sql in try await UserRecords().count(on: sql) }
    }

    /// The user with `id`, if any.
    public func find(id: Int64) async throws -> StoredUser? {
        try await database.read { sql in try await UserRecords().find(id: id, on: sql) }
    }

    /// The user with `email`, if any.
    public func find(email: String) async throws -> StoredUser? {
        try await database.read { sql in try await UserRecords().find(email: email, on: sql) }
    }

    /// Disables the user with `email`: they cannot sign in, and their tokens are refused. `SyncError.notFound`
    /// if there is none.
    @discardableResult
    public func disable(email: String) async throws -> StoredUser {
        let now = clock.now()
        return try await change(email: email) { user, sql in
            _ = try await UserRecords().setDisabled(id: user.id, at: user.disabledAt ?? now, on: sql)
        }
    }

    /// Enables a disabled user again.
    @discardableResult
    public func enable(email: String) async throws -> StoredUser {
        try await change(email: email) { user, sql in
            _ = try await UserRecords().setDisabled(id: user.id, at: nil, on: sql)
        }
    }

    /// Sets a new password hash; the tokens issued before now are refused from then on.
    @discardableResult
    public func changePassword(email: String, passwordHash: String) async throws -> StoredUser {
        let now = clock.now()
        return try await change(email: email) { user, sql in
            _ = try await UserRecords().setPasswordHash(id: user.id, passwordHash, tokensValidFrom: now, on: sql)
        }
    }

    /// Deletes the user and everything they own (integrations, orders, stock maps: the schema's cascades).
    @discardableResult
    public func delete(email: String) async throws -> StoredUser {
        try await change(email: email) { user, sql in
            _ = try await UserRecords().delete(id: user.id, on: sql)
        }
    }

    private func change(
        email: String, _ body: @escaping @Sendable (StoredUser, DatabaseSession) async throws -> Void
    ) async throws -> StoredUser {
        let user = try await database.transaction { sql in
            guard let user = try await UserRecords().find(email: email, on: sql) else {
                throw SyncError(.notFound, "no user with email \(email)", code: "user")
            }
            try await body(user, sql)
            return user
        }
        await access?.evict(user.id)
        return user
    }
}
