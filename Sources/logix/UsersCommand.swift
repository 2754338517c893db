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
        commandName: "users", abstract: "Manage API users.", subcommands: [UsersAddCommand.self])
}

/// `logix users add EMAIL`: a user with a bcrypt-hashed password read from a prompt or stdin.
struct UsersAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a user; the password comes from a prompt, or stdin when piped.")

    @Argument(help: "The user's email, their login.") var email: String
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        let trimmed = email.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains("@"), !trimmed.hasPrefix("@"), !trimmed.hasSuffix("@"), trimmed.count <= 254 else {
            throw ValidationError("\(email) is not an email address")
        }
    }

    func run() async throws {
        let password = try readPassword()
        guard password.count >= 10 else { throw ValidationError("the password must have at least 10 characters") }
        var logger = Logger(label: "logix.users")
        logger.logLevel = .warning
        let hash = try await PasswordHasher().hash(password)
        try await database.withMigratedDatabase(logger: logger) { database, _ in
            do {
                let user = try await Users(database: database, clock: SystemClock()).create(
                    email: email, passwordHash: hash)
                print("added user \(user.id) \(user.email)")
            } catch let error as StorageError where error.kind == .conflict {
                throw ValidationError("a user with email \(email) exists already")
            }
        }
    }

    private func readPassword() throws -> String {
        if isatty(STDIN_FILENO) != 0 {
            guard let pointer = getpass("Password for \(email): ") else { throw ValidationError("no password given") }
            return String(cString: pointer)
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("no password on stdin")
        }
        return line
    }
}
