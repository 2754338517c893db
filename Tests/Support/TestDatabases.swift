import Foundation
import Logging
import PostgresNIO
import SQLKit
import Storage
import Testing

/// The two engines every storage test runs on.
public enum TestEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    public var testDescription: String { rawValue }
}

/// Fresh, empty, migrated databases for tests: a new SQLite file, or a new database on the test PostgreSQL
/// server (from `LOGIX_TEST_POSTGRES_URL`, else a private server started by `scripts/test-postgres.sh`).
/// A PostgreSQL that cannot be had fails the test — it is never skipped.
public enum TestDatabases {
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `body` with a fresh migrated database of `engine`, then removes it.
    public static func with<T>(
        _ engine: TestEngine, migrate: Bool = true, _ body: (LogixDatabase) async throws -> T
    ) async throws -> T {
        let (location, cleanup) = try await makeLocation(engine)
        do {
            let result = try await LogixDatabase.withOpen(location, logger: logger) { database in
                if migrate { try await Migrator(database: database).migrate() }
                return try await body(database)
            }
            try await cleanup()
            return result
        } catch {
            try? await cleanup()
            throw error
        }
    }

    public static var logger: Logger {
        var logger = Logger(label: "logix.storage.tests")
        logger.logLevel = .warning
        return logger
    }

    public static func makeLocation(_ engine: TestEngine) async throws -> (
        DatabaseLocation, @Sendable () async throws -> Void
    ) {
        switch engine {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "logix-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("logix.sqlite").path
            return (.sqlite(path: path), { try? FileManager.default.removeItem(at: directory) })
        case .postgres:
            let admin = try await PostgresServer.adminURL()
            let name = "logix_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try await PostgresServer.execute("CREATE DATABASE \(name)", adminURL: admin)
            guard var components = URLComponents(string: admin) else { throw TestDatabaseError("bad admin URL") }
            components.path = "/" + name
            let url = components.string!
            return (
                .postgres(url: url),
                { try await PostgresServer.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", adminURL: admin) }
            )
        }
    }
}

public struct TestDatabaseError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The PostgreSQL server the tests use.
public enum PostgresServer {
    private static let script = ScriptOutputs()

    /// `LOGIX_TEST_POSTGRES_URL`, or the private server `scripts/test-postgres.sh` starts.
    public static func adminURL() async throws -> String {
        if let url = ProcessInfo.processInfo.environment["LOGIX_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        return try await script.output(of: [])
    }

    /// The server `scripts/test-postgres.sh` starts, which speaks TLS, and the folder of the certificates the
    /// script made for it: `ca.crt`, the CA that signed the server's certificate (for 127.0.0.1 and localhost),
    /// and `other-ca.crt`, a CA that signed nothing. Always the script's server, whatever
    /// `LOGIX_TEST_POSTGRES_URL` says: only its certificates are known.
    public static func withTLS() async throws -> (adminURL: String, certificates: URL) {
        let admin = try await script.output(of: [])
        return (admin, URL(fileURLWithPath: try await script.output(of: ["--tls-dir"]), isDirectory: true))
    }

    /// A second server the script starts, with TLS off.
    public static func withoutTLS() async throws -> String {
        try await script.output(of: ["--without-tls"])
    }

    /// Runs one statement on the server's admin database.
    public static func execute(_ statement: String, adminURL: String) async throws {
        try await LogixDatabase.withOpen(.postgres(url: adminURL), logger: TestDatabases.logger) { database in
            try await database.read { sql in try await sql.raw(SQLQueryString(statement)).run() }
        }
    }
}

/// What `scripts/test-postgres.sh` prints, run once per process for each set of arguments, one run at a time:
/// two runs at once could both start the same server.
///
/// Nothing here blocks a thread: starting a server takes seconds, and blocking the cooperative pool's few
/// threads (two on a 2-core machine) meanwhile stalled every test in the process. A run that failed is kept
/// too, so every test that needs the server reports the same reason without starting the script again.
actor ScriptOutputs {
    private var runs: [[String]: Task<String, any Error>] = [:]
    /// The run started last: the next waits for it to end.
    private var last: Task<String, any Error>?

    func output(of arguments: [String]) async throws -> String {
        if let run = runs[arguments] { return try await run.value }
        let previous = last
        let run = Task {
            _ = await previous?.result
            return try await Self.run(arguments)
        }
        runs[arguments] = run
        last = run
        return try await run.value
    }

    private static func run(_ arguments: [String]) async throws -> String {
        let outcome = try await CapturedRun.run(
            URL(fileURLWithPath: "/bin/bash"),
            [TestDatabases.repositoryRoot.appendingPathComponent("scripts/test-postgres.sh").path] + arguments,
            label: "test-postgres.sh", environment: nil, in: nil, scratch: FileManager.default.temporaryDirectory,
            timeout: 300)
        guard outcome.status == 0, !outcome.crashed else {
            throw TestDatabaseError("no PostgreSQL for the tests: \(outcome.standardError)")
        }
        return outcome.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
