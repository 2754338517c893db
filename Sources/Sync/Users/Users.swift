import Foundation
import LogixCore
import Storage

/// The use cases of Logix's users: create one (the command line), find one to sign in. Passwords arrive here
/// already hashed: hashing and tokens belong to the server's authentication.
public struct Users: Sendable {
    let database: LogixDatabase
    let clock: any LogixClock

    public init(database: LogixDatabase, clock: any LogixClock) {
        self.database = database
        self.clock = clock
    }

    /// Creates a user; `StorageError` `.conflict` if the email is taken (case-insensitively).
    public func create(email: String, passwordHash: String) async throws -> StoredUser {
        let now = clock.now()
        return try await database.transaction { sql in
            try await UserRecords().create(email: email, passwordHash: passwordHash, at: now, on: sql)
        }
    }

    /// The user with `email`, if any.
    public func find(email: String) async throws -> StoredUser? {
        try await database.read { sql in try await UserRecords().find(email: email, on: sql) }
    }
}
