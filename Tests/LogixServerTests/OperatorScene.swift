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
            OperatorBodies.Integration.self,
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

/// The API's bodies as `--json` prints them, typed for the tests.
enum OperatorBodies {
    struct Page<Item: Decodable>: Decodable {
        var items: [Item]
        var page: Int
        var perPage: Int
        var total: Int
        enum CodingKeys: String, CodingKey {
            case items, page, total
            case perPage = "per_page"
        }
    }

    struct Integration: Decodable {
        struct Health: Decodable {
            var outboxPending: Int
            var outboxDead: Int
            enum CodingKeys: String, CodingKey {
                case outboxPending = "outbox_pending"
                case outboxDead = "outbox_dead"
            }
        }
        var id: Int64
        var storeURL: String
        var integrationName: String
        var consumerKeyLast4: String
        var hasWebhookSecret: Bool
        var status: String
        var health: Health?
        enum CodingKeys: String, CodingKey {
            case id, status, health
            case storeURL = "store_url"
            case integrationName = "integration_name"
            case consumerKeyLast4 = "consumer_key_last4"
            case hasWebhookSecret = "has_webhook_secret"
        }
    }

    struct ConnectionTest: Decodable {
        var ok: Bool
        var storeURL: String
        var authMode: String
        var canWrite: Bool?
        enum CodingKeys: String, CodingKey {
            case ok
            case storeURL = "store_url"
            case authMode = "auth_mode"
            case canWrite = "can_write"
        }
    }

    struct Webhooks: Decodable {
        struct Hook: Decodable {
            var id: Int
            var topic: String
            var status: String
            var action: String
        }
        var deliveryURL: String
        var webhooks: [Hook]
        enum CodingKeys: String, CodingKey {
            case webhooks
            case deliveryURL = "delivery_url"
        }
    }

    struct Sync: Decodable {
        struct Counts: Decodable {
            var total: Int
            var created: Int
        }
        struct Run: Decodable {
            var id: Int64
            var state: String
            var pagesDone: Int
            var totalPages: Int?
            var counts: Counts
            enum CodingKeys: String, CodingKey {
                case id, state, counts
                case pagesDone = "pages_done"
                case totalPages = "total_pages"
            }
        }
        var jobID: Int64
        var resumed: Bool
        var run: Run?
        enum CodingKeys: String, CodingKey {
            case resumed, run
            case jobID = "job_id"
        }
    }

    struct Order: Decodable {
        var id: Int64
        var integrationID: Int64
        var number: String
        var status: String
        enum CodingKeys: String, CodingKey {
            case id, number, status
            case integrationID = "integration_id"
        }
    }

    struct OutboxItem: Decodable {
        var id: Int64
        var integrationID: Int64
        var kind: String
        var payload: String
        var state: String
        enum CodingKeys: String, CodingKey {
            case id, kind, payload, state
            case integrationID = "integration_id"
        }
    }

    struct Retried: Decodable { var retried: Int }

    struct InventoryItem: Decodable {
        struct Store: Decodable {
            var integrationID: Int64
            var managesStock: Bool
            enum CodingKeys: String, CodingKey {
                case integrationID = "integration_id"
                case managesStock = "manages_stock"
            }
        }
        var sku: String
        var onHand: Int
        var available: Int
        var stores: [Store]
        enum CodingKeys: String, CodingKey {
            case sku, available, stores
            case onHand = "on_hand"
        }
    }

    struct Deleted: Decodable {
        var id: Int64
        var deleted: Bool
    }
}
