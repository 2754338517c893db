import ArgumentParser
import Foundation
import Logging
import LogixServer
import Storage
import Sync

/// One operator command's run: the server's parts opened from the same settings and files as `logix serve`
/// (so the use cases are built exactly as the API's are), and the user it acts for.
struct OperatorSession {
    let services: ServerServices
    let user: StoredUser
    /// Whether to answer with one JSON document instead of text.
    let json: Bool

    var userID: Int64 { user.id }

    /// The user's integration (another user's id is `not_found`, like one that does not exist).
    func integration(_ id: Int64) async throws -> IntegrationRecord {
        try await services.integrations.find(id: id, userID: userID)
    }

    /// Runs `body` against the integration's store, so that a failure names the store.
    func atStore<T>(_ store: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreScopedError {
            throw error
        } catch {
            throw StoreScopedError(store: store, underlying: error)
        }
    }

    /// Prints a JSON document (the API's bytes) as the command's one line of output.
    func printJSON(_ data: Data) {
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}

extension OperatorOptions {
    /// Opens the database and the credential vault as `logix serve` does, finds the user, runs `body`, and
    /// closes everything. A failure is one line on standard error and exit status 1 (2 for bad usage): never
    /// a backtrace, never a secret.
    func run(_ command: String, _ body: (OperatorSession) async throws -> Void) async throws {
        var logger = Logger(label: "logix.operator")
        // The command prints what matters itself; the server's log lines are for `logix serve`.
        logger.logLevel =
            ProcessInfo.processInfo.environment["LOGIX_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        do {
            let email = try email()
            let configuration: ServerConfiguration
            do {
                configuration = try self.configuration()
            } catch {
                throw OperatorFailure(
                    StartupFailure(configuration: error).description, exitCode: OperatorFailure.badUsage)
            }
            let services: ServerServices
            do {
                services = try await ServerServices.open(configuration: configuration, logger: logger)
            } catch {
                throw OperatorFailure(error.description)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                // The database handle and the sync jobs live for the command, as services do for the server.
                group.addTask { await services.database.run() }
                group.addTask { await services.syncJobs.run() }
                defer { group.cancelAll() }
                guard let user = try await services.users.find(email: email) else {
                    throw OperatorFailure("there is no user with e-mail \(email) (add one with `logix users add`)")
                }
                guard user.disabledAt == nil else {
                    throw OperatorFailure("user \(email) is disabled (`logix users enable` enables them)")
                }
                try await body(OperatorSession(services: services, user: user, json: json))
            }
        } catch let failure as OperatorFailure {
            StandardError.write("logix \(command): \(failure)")
            throw ExitCode(failure.exitCode)
        } catch let error as StoreScopedError {
            let failure = OperatorFailure(error.underlying, store: error.store, logger: logger)
            StandardError.write("logix \(command): \(failure)")
            throw ExitCode(failure.exitCode)
        } catch let error as ValidationError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            let failure = OperatorFailure(error, logger: logger)
            StandardError.write("logix \(command): \(failure)")
            throw ExitCode(failure.exitCode)
        }
    }
}
