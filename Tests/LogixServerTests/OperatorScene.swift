import Foundation
import LogixTestSupport
import Storage
import Testing
import WooSim

/// What the operator commands act on in a test: a folder with an SQLite file and the master key, two users
/// (Ann and Bob), and a WooSim store over loopback; `logix …` run as the real binary against them.
struct OperatorScene {
    static let ann = "ann@example.test"
    static let bob = "bob@example.test"

    let folder: URL
    let sim: WooSim
    /// The database: an SQLite file in the folder, or a fresh database on the test PostgreSQL server.
    let location: DatabaseLocation
    private let removeDatabase: @Sendable () async throws -> Void

    /// What `--database-url` and `LOGIX_DATABASE_URL` take.
    var databaseURL: String {
        switch location {
        case .sqlite(let path): path
        case .postgres(let url): url
        }
    }

    /// The settings `logix serve` would read, acting for Ann unless told otherwise.
    var environment: [String: String] {
        [
            "LOGIX_DATABASE_URL": databaseURL, "LOGIX_DATA_DIR": folder.path, "LOGIX_ALLOW_PRIVATE_STORES": "1",
            "LOGIX_USER": Self.ann,
        ]
    }

    static func start(
        orders: Int = 250, faults: WooSimFaults = .none, engine: TestEngine = .sqlite
    ) async throws -> OperatorScene {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "logix-operator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (location, removeDatabase): (DatabaseLocation, @Sendable () async throws -> Void) =
            switch engine {
            case .sqlite: (.sqlite(path: folder.appendingPathComponent("logix.sqlite").path), {})
            case .postgres: try await TestDatabases.makeLocation(.postgres)
            }
        var configuration = WooSimConfiguration()
        configuration.orderCount = orders
        let sim = try await WooSim.start(configuration)
        await sim.setFaults(faults)
        let scene = OperatorScene(folder: folder, sim: sim, location: location, removeDatabase: removeDatabase)
        for email in [ann, bob] {
            let added = try await LogixProcess.run(
                ["users", "add", email, "--database-url", scene.databaseURL], in: folder,
                input: "a long enough password\n")
            try #require(added.status == 0, "\(added)")
        }
        return scene
    }

    /// A scene for `body`, stopped and removed afterwards whatever happens.
    static func with(
        orders: Int = 250, faults: WooSimFaults = .none, engine: TestEngine = .sqlite,
        _ body: (OperatorScene) async throws -> Void
    ) async throws {
        let scene = try await start(orders: orders, faults: faults, engine: engine)
        do {
            try await body(scene)
        } catch {
            await scene.stop()
            throw error
        }
        await scene.stop()
    }

    func stop() async {
        await sim.stop()
        try? await removeDatabase()
        try? FileManager.default.removeItem(at: folder)
    }

    /// `logix arguments` acting for `user` (`nil`: no user given at all).
    func logix(
        _ arguments: [String], as user: String? = ann, environment extra: [String: String] = [:], input: String = "",
        timeout: TimeInterval = 120
    ) async throws -> LogixProcess.Outcome {
        var environment = self.environment
        environment["LOGIX_USER"] = user
        environment.merge(extra) { _, new in new }
        return try await LogixProcess.run(
            arguments, in: folder, environment: environment, input: input, timeout: timeout)
    }

    /// `logix arguments --json`, which must succeed with exactly one JSON document on stdout and nothing on
    /// stderr, decoded.
    func json<Value: Decodable>(
        _ type: Value.Type, _ arguments: [String], as user: String = ann, environment extra: [String: String] = [:]
    ) async throws -> Value {
        let outcome = try await logix(arguments + ["--json"], as: user, environment: extra)
        try #require(outcome.status == 0, "\(outcome)")
        #expect(outcome.standardError.isEmpty, "\(outcome)")
        let lines = outcome.standardOutput.split(separator: "\n")
        #expect(lines.count == 1, "one document on one line: \(outcome.standardOutput)")
        return try JSONDecoder().decode(Value.self, from: Data(outcome.standardOutput.utf8))
    }

    /// Connects the store for `user` and returns the integration's id.
    func connect(as user: String = ann) async throws -> Int64 {
        let keys = sim.readWriteKeys
        let added = try await json(
            APIAnswers.Integration.self,
            ["integrations", "add", "--store-url", sim.baseURL, "--consumer-key", keys.consumerKey, "--name", "Sim"],
            as: user, environment: ["WOOCOMMERCE_CONSUMER_SECRET": keys.consumerSecret])
        return added.id
    }

    /// Runs `body` on the scene's database (for what no command can do: making a store update dead).
    func withDatabase<T>(_ body: (LogixDatabase) async throws -> T) async throws -> T {
        try await LogixDatabase.withOpen(location, logger: TestDatabases.logger) { database in
            try await body(database)
        }
    }
}
