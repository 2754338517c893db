import ArgumentParser
import Foundation
import Logging
import LogixCore
import LogixServer
import Storage
import Sync

/// `logix users …`: the people who use the API.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage API users.",
        subcommands: [
            UsersAddCommand.self, UsersPasswordCommand.self, UsersDisableCommand.self, UsersEnableCommand.self,
            UsersDeleteCommand.self,
        ])
}

/// `logix users add EMAIL`: a user with a bcrypt-hashed password read from a prompt or stdin.
struct UsersAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a user; the password comes from a prompt (asked twice), or stdin when piped.")

    @Argument(help: "The user's email, their login.") var email: String
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        let trimmed = email.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains("@"), !trimmed.hasPrefix("@"), !trimmed.hasSuffix("@"), trimmed.count <= 254 else {
            throw ValidationError("\(email) is not an email address")
        }
    }

    func run() async throws {
        let hash = try await PasswordHasher().hash(try NewPassword.read(for: email))
        try await database.withMigratedDatabase(logger: UsersLogger.logger) { database, _ in
            do {
                let user = try await Users(database: database, clock: SystemClock()).create(
                    email: email, passwordHash: hash)
                print("added user \(user.id) \(user.email)")
            } catch let error as StorageError where error.kind == .conflict {
                // The data says no, not the usage: exit 1, one line (a script tells it from a typo by the status).
                StandardError.write("logix users add: a user with email \(email) exists already")
                throw ExitCode.failure
            }
        }
    }
}

/// `logix users password EMAIL`: a new password; the user's tokens issued before it stop working.
struct UsersPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "password",
        abstract: "Change a user's password (prompt asked twice, or stdin); their earlier tokens stop working.")

    @Argument(help: "The user's email.") var email: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let hash = try await PasswordHasher().hash(try NewPassword.read(for: email))
        try await UsersLogger.change(email: email, database: database, done: "changed the password of") {
            try await $0.changePassword(email: email, passwordHash: hash)
        }
    }
}

/// `logix users disable EMAIL`: the user can no longer sign in, and their tokens are refused.
struct UsersDisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Disable a user: no sign-in, tokens refused (by a running server within 5 seconds).")

    @Argument(help: "The user's email.") var email: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await UsersLogger.change(email: email, database: database, done: "disabled") {
            try await $0.disable(email: email)
        }
    }
}

/// `logix users enable EMAIL`: a disabled user may sign in again.
struct UsersEnableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable", abstract: "Enable a disabled user again.")

    @Argument(help: "The user's email.") var email: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await UsersLogger.change(email: email, database: database, done: "enabled") {
            try await $0.enable(email: email)
        }
    }
}

/// `logix users delete EMAIL --yes`: the user and everything they own.
struct UsersDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a user and everything they own (integrations, orders, stock); asks for --yes.")

    @Argument(help: "The user's email.") var email: String
    @Flag(help: "Confirm: the user's integrations and orders are deleted with them.") var yes = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard yes else {
            throw ValidationError("deleting \(email) deletes their integrations and orders too; add --yes to confirm")
        }
    }

    func run() async throws {
        try await UsersLogger.change(email: email, database: database, done: "deleted") {
            try await $0.delete(email: email)
        }
    }
}

/// What the `users` subcommands share: a quiet logger, and a change to one user reported in one line.
enum UsersLogger {
    static var logger: Logger {
        var logger = Logger(label: "logix.users")
        logger.logLevel = .warning
        return logger
    }

    static func change(
        email: String, database: DatabaseOptions, done: String, _ body: (Users) async throws -> StoredUser
    ) async throws {
        try await database.withMigratedDatabase(logger: logger) { database, _ in
            do {
                let user = try await body(Users(database: database, clock: SystemClock()))
                print("\(done) user \(user.id) \(user.email)")
            } catch let error as SyncError where error.kind == .notFound {
                StandardError.write("logix users: there is no user with email \(email)")
                throw ExitCode.failure
            }
        }
    }
}

/// A new password, as the `users` commands read it: from a prompt asked twice, or from stdin when piped (the
/// first line; a second line, if there is one, is its confirmation and must match).
enum NewPassword {
    static let minimumLength = 10

    static func read(for email: String) throws -> String {
        let password: String
        if isatty(STDIN_FILENO) != 0 {
            guard let first = getpass("Password for \(email): ").map({ String(cString: $0) }),
                let again = getpass("Again: ").map({ String(cString: $0) })
            else { throw ValidationError("no password given") }
            guard first == again else { throw ValidationError("the two passwords differ; nothing was changed") }
            password = first
        } else {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("no password on stdin")
            }
            if let confirmation = readLine(strippingNewline: true), confirmation != line {
                throw ValidationError("the password and its confirmation (the second line) differ; nothing was changed")
            }
            password = line
        }
        try validate(password)
        return password
    }

    /// Refuses passwords that guard nothing: short ones, counting neither leading nor trailing spaces, and so
    /// ones of spaces alone.
    static func validate(_ password: String) throws {
        guard password.trimmingCharacters(in: .whitespacesAndNewlines).count >= minimumLength else {
            throw ValidationError(
                "the password must have at least \(minimumLength) characters, not counting spaces at either end")
        }
    }
}
