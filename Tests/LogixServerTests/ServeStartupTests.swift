import Foundation
import LogixTestSupport
import SQLKit
import Storage
import Sync
import Testing

/// `logix serve` that cannot start, run as the real binary: every cause ends in one line on stderr that names
/// the setting to change, a non-zero exit status, and no crash (no assertion, no backtrace), and the database
/// is closed on the way out (an SQLite connection left open is an assertion in debug builds).
@Suite struct ServeStartupTests {
    /// A folder of its own for one run: the working directory, the data folder, the SQLite file.
    struct Scene {
        let folder: URL
        var data: URL { folder.appendingPathComponent("data") }
        var databaseFile: String { folder.appendingPathComponent("logix.sqlite").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("logix-serve-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        /// Runs `logix serve` with the scene's folders unless `arguments` say otherwise.
        func serve(_ arguments: [String] = [], port: Int = 0) async throws -> LogixProcess.Outcome {
            var all = ["serve", "--host", "127.0.0.1", "--port", String(port)]
            if !arguments.contains("--data-dir") { all += ["--data-dir", data.path] }
            if !arguments.contains("--database-url") { all += ["--database-url", databaseFile] }
            return try await LogixProcess.run(
                all + arguments, in: folder, environment: ["LOGIX_SCHEDULER": "off"], timeout: 30)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    /// The outcome is a clean refusal: exit status 1, the last line of stderr is the one `logix serve:` line
    /// and names every setting in `settings`, and nothing crashed.
    func expectRefusal(
        _ outcome: LogixProcess.Outcome, saying words: [String], naming settings: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(!outcome.crashed, "\(outcome)", sourceLocation: sourceLocation)
        #expect(outcome.status == 1, "\(outcome)", sourceLocation: sourceLocation)
        let refusals = outcome.errorLines.filter { $0.hasPrefix("logix serve:") }
        #expect(refusals.count == 1, "\(outcome)", sourceLocation: sourceLocation)
        #expect(outcome.errorLines.last == refusals.first, "\(outcome)", sourceLocation: sourceLocation)
        let line = refusals.first ?? ""
        for word in words + settings {
            #expect(line.contains(word), "\(word) missing from: \(line)", sourceLocation: sourceLocation)
        }
        for sign in ["Fatal error", "Assertion failed", "was not closed", "backtrace", "Backtrace", "Error: "] {
            #expect(!outcome.standardError.contains(sign), "\(outcome)", sourceLocation: sourceLocation)
        }
    }

    @Test func aBusyPortIsNamedWithTheSettingToChange() async throws {
        let scene = try Scene()
        defer { scene.remove() }
        let taken = try HeldPort()
        let outcome = try await scene.serve(port: taken.port)
        expectRefusal(outcome, saying: ["port \(taken.port)", "in use"], naming: ["--port", "LOGIX_PORT"])
        withExtendedLifetime(taken) {}
    }

    @Test func aDataFolderThatCannotBeCreatedIsNamed() async throws {
        let scene = try Scene()
        defer { scene.remove() }
        // A folder inside a regular file: not creatable, even for root.
        let file = scene.folder.appendingPathComponent("a-file")
        _ = FileManager.default.createFile(atPath: file.path, contents: Data("x".utf8))
        let outcome = try await scene.serve(["--data-dir", file.appendingPathComponent("data").path])
        expectRefusal(outcome, saying: ["master key"], naming: ["--data-dir", "LOGIX_DATA_DIR"])
    }

    @Test func anUnreadableKeyFileIsNamed() async throws {
        let scene = try Scene()
        defer { scene.remove() }
        try FileManager.default.createDirectory(at: scene.data, withIntermediateDirectories: true)
        // A folder where the key file should be: unreadable as a key, whoever runs the test (root reads any file).
        try FileManager.default.createDirectory(
            at: scene.data.appendingPathComponent("logix-master.key"), withIntermediateDirectories: true)
        let outcome = try await scene.serve()
        expectRefusal(outcome, saying: ["logix-master.key"], naming: ["--data-dir", "LOGIX_DATA_DIR"])
    }

    @Test func anUnreadableTokenKeyFileIsNamed() async throws {
        let scene = try Scene()
        defer { scene.remove() }
        try FileManager.default.createDirectory(at: scene.data, withIntermediateDirectories: true)
        let path = scene.data.appendingPathComponent("logix-jwt.key").path
        _ = FileManager.default.createFile(
            atPath: path, contents: Data("not a key\n".utf8), attributes: [.posixPermissions: 0o600])
        let outcome = try await scene.serve()
        expectRefusal(outcome, saying: ["logix-jwt.key"], naming: ["--data-dir", "LOGIX_DATA_DIR", "LOGIX_JWT_SECRET"])
    }

    @Test(arguments: ["mysql://root@127.0.0.1/logix", "postgres://postgres@127.0.0.1:1/logix"])
    func aBadDatabaseURLIsNamed(url: String) async throws {
        let scene = try Scene()
        defer { scene.remove() }
        let outcome = try await scene.serve(["--database-url", url])
        expectRefusal(outcome, saying: ["database"], naming: ["--database-url", "LOGIX_DATABASE_URL"])
    }

    @Test func anSQLiteFileThatCannotBeOpenedIsNamed() async throws {
        let scene = try Scene()
        defer { scene.remove() }
        let folder = scene.folder.appendingPathComponent("a-folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let outcome = try await scene.serve(["--database-url", folder.path])
        expectRefusal(outcome, saying: ["database"], naming: ["--database-url", "LOGIX_DATABASE_URL"])
    }

    /// A database a newer build migrated: by a version this build does not know, or by a name it does not know
    /// at a version it does.
    @Test(arguments: [false, true])
    func aDatabaseMigratedByANewerBuildIsNamed(renamed: Bool) async throws {
        let scene = try Scene()
        defer { scene.remove() }
        try await LogixDatabase.withOpen(.sqlite(path: scene.databaseFile), logger: TestDatabases.logger) { database in
            try await Migrator(database: database).migrate()
            try await database.read { sql in
                if renamed {
                    try await sql.update("logix_schema_migrations").set("name", to: SQLBind("a newer step"))
                        .where("version", .equal, SQLBind(Migrator.latestVersion)).run()
                } else {
                    try await sql.insert(into: "logix_schema_migrations").columns("version", "name", "applied_at")
                        .values(SQLBind(Migrator.latestVersion + 1), SQLBind("a newer step"), SQLBind(Int64(0))).run()
                }
            }
        }
        let outcome = try await scene.serve()
        expectRefusal(outcome, saying: ["newer"], naming: ["--database-url", "LOGIX_DATABASE_URL"])
    }

    /// A database restored without its key file (or a server pointed at another data folder): the store keys in
    /// it are sealed under a master key the server does not have. Refused at start, naming the key, instead of
    /// a server that answers every store call with a 500.
    @Test func aDatabaseWhoseMasterKeyIsMissingIsRefused() async throws {
        let scene = try Scene()
        defer { scene.remove() }
        let otherKeys = CredentialVault(keyRing: try KeyRing(current: .generate()))
        try await LogixDatabase.withOpen(.sqlite(path: scene.databaseFile), logger: TestDatabases.logger) { database in
            try await Migrator(database: database).migrate()
            let user = try await TestFixtures.user(in: database)
            _ = try await IntegrationCredentials(vault: otherKeys, database: database).create(
                NewIntegration(
                    userID: user.id, platform: "woocommerce", storeURL: "https://shop.example.test", name: "Shop",
                    createdAt: Date()),
                credentials: StoreCredentials(consumerKey: Secret("ck_1"), consumerSecret: Secret("cs_1")))
        }
        let outcome = try await scene.serve()
        expectRefusal(
            outcome, saying: ["master key \(otherKeys.currentKeyID.rawValue)"],
            naming: ["--data-dir", "LOGIX_DATA_DIR", "LOGIX_MASTER_KEY"])
    }

    /// A newcomer's first start says where the server is and what to do next: there is no user yet, and how to
    /// add one. Read from the real binary's standard output while it runs, then stopped with SIGTERM.
    @Test func aFirstStartSaysWhereItListensAndHowToAddAUser() async throws {
        let scene = try Scene()
        defer { scene.remove() }
        let server = try RunningLogixProcess(
            [
                "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", scene.data.path, "--database-url",
                scene.databaseFile,
            ],
            in: scene.folder, environment: ["LOGIX_SCHEDULER": "off"])
        // Lines arrive as the server starts; awaited until the guidance is complete (or the server ends).
        let text = try await server.waitForOutput(containing: "Ctrl-C stops the server", timeout: 60)
        server.interrupt()
        _ = try await server.waitForExit(timeout: 60)
        #expect(text.contains("Logix is ready at http://127.0.0.1:"), "\(text)")
        #expect(!text.contains("http://127.0.0.1:0"), "the real port, not 0: \(text)")
        #expect(text.contains("No user yet: add one with `swift run logix users add"), "\(text)")
        #expect(text.contains("/api/v1/auth/token"), "\(text)")
        #expect(text.contains("/sign-in"), "the dashboard's sign-in page: \(text)")
    }
}
