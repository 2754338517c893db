import Foundation
import Logging
import PostgresNIO
import SQLKit
import Spawn
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
/// The script runs on a serial dispatch queue, never on a thread of Swift's cooperative pool: starting a
/// server takes seconds, and blocking the pool's few threads (two on a 2-core machine) meanwhile stalled every
/// test in the process. Its errors go to a file rather than a pipe, which a chatty tool could fill.
final class ScriptOutputs: @unchecked Sendable {
    private let queue = DispatchQueue(label: "logix.tests.postgres-script")
    /// Read and written only on ``queue``.
    private var outputs: [[String]: String] = [:]

    func output(of arguments: [String]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try self.run(arguments) }) }
        }
    }

    private func run(_ arguments: [String]) throws -> String {
        if let output = outputs[arguments] { return output }
        let errorsFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "logix-test-postgres-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorsFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorsFile) }
        let output = Pipe()
        let errors = try FileHandle(forWritingTo: errorsFile)
        defer { try? errors.close() }
        let process = try ChildProcess(
            executable: URL(fileURLWithPath: "/bin/bash"),
            arguments: [TestDatabases.repositoryRoot.appendingPathComponent("scripts/test-postgres.sh").path]
                + arguments,
            output: .pipe(output), error: .file(errors))
        // Read to the end before waiting, so the script never blocks on a full pipe.
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // This queue's thread may block; the child's own reaper thread sees its end.
        while process.isRunning { Thread.sleep(forTimeInterval: 0.01) }
        guard process.termination?.status == 0, process.termination?.bySignal == false else {
            let reason = (try? String(contentsOf: errorsFile, encoding: .utf8)) ?? ""
            throw TestDatabaseError("no PostgreSQL for the tests: \(reason)")
        }
        let made = text.trimmingCharacters(in: .whitespacesAndNewlines)
        outputs[arguments] = made
        return made
    }
}
