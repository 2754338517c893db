import Foundation
import LogixCore
import Storage

/// Whether a signed token still speaks for its user: the user exists, is not disabled, and the token was
/// issued after their last password change. Checked on every authenticated request, so each user's standing
/// is cached for ``lifetime``; a change made through ``Users`` in this process evicts it at once, and one made
/// by another process (`logix users …`, another server on the same database) is seen within ``lifetime``.
public actor UserAccess {
    private struct Entry {
        var user: StoredUser?
        var loadedAt: Date
    }

    /// Why a token no longer speaks for its user.
    public enum Refusal: Error, Sendable, Equatable {
        /// The user does not exist (never did, or was deleted).
        case unknownUser
        /// The user is disabled.
        case disabled
        /// The token was issued before the user's password changed.
        case superseded
    }

    private let database: LogixDatabase
    private let clock: any LogixClock
    /// How long a user's standing is trusted without a read: the bound for a change by another process.
    public nonisolated let lifetime: TimeInterval
    private var entries: [Int64: Entry] = [:]

    public init(database: LogixDatabase, clock: any LogixClock, lifetime: TimeInterval = 5) {
        self.database = database
        self.clock = clock
        self.lifetime = lifetime
    }

    /// Accepts a token naming `userID` issued at `issuedAt` and returns the user as cached, or throws the
    /// ``Refusal``.
    @discardableResult
    public func check(userID: Int64, issuedAt: Date) async throws -> StoredUser {
        let user = try await user(userID)
        guard let user else { throw Refusal.unknownUser }
        guard user.disabledAt == nil else { throw Refusal.disabled }
        // Whole seconds, as tokens carry them: a token issued in the second of the change is still accepted.
        guard issuedAt.timeIntervalSince1970.rounded(.down) >= user.tokensValidFrom.timeIntervalSince1970 else {
            throw Refusal.superseded
        }
        return user
    }

    /// Forgets what is known of `userID`: the next check reads the database.
    public func evict(_ userID: Int64) {
        entries[userID] = nil
    }

    private func user(_ userID: Int64) async throws -> StoredUser? {
        let now = clock.now()
        if let entry = entries[userID], abs(now.timeIntervalSince(entry.loadedAt)) < lifetime {
            return entry.user
        }
        let user = try await database.read { sql in try await UserRecords().find(id: userID, on: sql) }
        // Bounded: ids from forged tokens cannot get here (the signature is checked first), but be safe.
        if entries.count > 10_000 { entries.removeAll() }
        entries[userID] = Entry(user: user, loadedAt: now)
        return user
    }
}
