import ArgumentParser
import Foundation
import Hummingbird
import Logging
import LogixServer
import NIOCore
import NIOHTTP1
import Storage
import Sync
import WooCommerce

/// `logix bench webhooks`: distinct signed WooCommerce order deliveries (about 2.5 KB each) sent over many
/// keep-alive connections to a receiver, timed; then, when the receiver is a Logix server, the time until its
/// inbox applier has applied everything (read from its `/metrics`).
///
/// With `--target` it loads any running receiver; without, a server started in this process on a fresh SQLite
/// file, with the inbox applier working beside the receiver as in `logix serve`.
struct BenchWebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "Send signed webhook deliveries to a receiver (a running one, or one in this process) and time them.",
        discussion: """
            Against a running server: logix bench webhooks --target http://127.0.0.1:8080 --integration 1 \
              --secret WEBHOOK_SECRET --seconds 15
            """)

    @Option(
        help: ArgumentHelp(
            "A running receiver's base URL (http); its deliveries go to the WooCommerce receiver's path, unless the URL has a path of its own.",
            valueName: "url"))
    var target: String?
    @Option(help: "With --target: the integration id the deliveries are for.") var integration: Int64?
    @Option(help: "With --target: the integration's webhook secret, to sign the deliveries with.") var secret: String?
    @Option(help: "Deliveries to send (default 50000, unless --seconds is given).") var deliveries: Int?
    @Option(help: "Send for this many seconds instead of a number of deliveries.") var seconds: Double?
    @Option(help: "Requests in flight at once (one connection each).") var concurrency: Int = 64
    @Option(
        help: ArgumentHelp(
            "Deliveries to sign before the clock starts, as wrk's script does (default: all of --deliveries, or 10,000 for each second of --seconds; about 2.7 KB each); the rest are signed as they are sent.",
            valueName: "n"))
    var signAhead: Int?
    @Option(help: "How the applier decodes delivered orders: the hand-written reader or JSONDecoder (reader|codable).")
    var decoder: WooOrderDecoding = .reader
    @Option(
        name: .customLong("sqlite-synchronous"),
        help: "How SQLite commits reach the disk: full (durable across power loss, the default) or normal.")
    var synchronous: String = SQLiteSynchronous.default.rawValue

    func validate() throws {
        if let deliveries { guard deliveries > 0 else { throw ValidationError("--deliveries must be positive") } }
        if let seconds { guard seconds > 0 else { throw ValidationError("--seconds must be positive") } }
        guard deliveries == nil || seconds == nil else {
            throw ValidationError("give --deliveries or --seconds, not both")
        }
        guard (1...1024).contains(concurrency) else { throw ValidationError("--concurrency must be within 1…1024") }
        if let signAhead { guard signAhead >= 0 else { throw ValidationError("--sign-ahead must not be negative") } }
        guard SQLiteSynchronous(rawValue: synchronous) != nil else {
            throw ValidationError("--sqlite-synchronous must be full or normal")
        }
        if let target {
            guard let url = URLComponents(string: target), url.scheme == "http", url.host != nil else {
                throw ValidationError("--target must be an http:// URL, e.g. http://127.0.0.1:8080")
            }
            guard secret != nil else { throw ValidationError("--target needs --secret, the webhook secret") }
            guard integration != nil || !url.path.isEmpty && url.path != "/" else {
                throw ValidationError("--target needs --integration, the integration id")
            }
        } else {
            guard integration == nil, secret == nil else {
                throw ValidationError("--integration and --secret go with --target")
            }
        }
    }

    private var limit: WebhookLoad.Limit {
        if let seconds { return .duration(.milliseconds(Int64(seconds * 1000))) }
        return .deliveries(deliveries ?? 50_000)
    }

    func run() async throws {
        if let target, let secret {
            try await load(target: target, integration: integration, secret: secret, local: nil)
        } else {
            try await runInProcess()
        }
    }

    /// Loads the receiver at `target` and prints the figures; `local` adds what only an in-process server shows.
    private func load(target: String, integration: Int64?, secret: String, local: ServerServices?) async throws {
        guard let url = URLComponents(string: target), let host = url.host else {
            throw ValidationError("--target \(target) has no host")
        }
        let generator = WebhookLoadGenerator(host: host, port: url.port ?? 80)
        let path =
            url.path.isEmpty || url.path == "/"
            ? "/api/v1/woocommerce/webhooks/receive?integration=\(integration ?? 0)"
            : url.path + (url.query.map { "?\($0)" } ?? "")
        let gauge = LogixInboxGauge(generator: generator)
        let before = await gauge.read()
        let ahead: Int
        switch limit {
        case .deliveries(let count): ahead = signAhead ?? count
        case .duration(let duration): ahead = signAhead ?? Int(duration.seconds * 10_000)
        }
        let signing = ContinuousClock.now
        let load = await WebhookLoad(
            generator: generator, path: path,
            deliveries: try WooOrderDeliveries(secret: secret, source: "https://shop.example.test/"),
            concurrency: concurrency, limit: limit
        ).signingAhead(ahead)
        if ahead > 0 {
            print(
                "signed \(ahead) deliveries ahead in "
                    + String(format: "%.1f", signing.duration(to: .now).seconds) + " s")
        }
        let result = try await load.run()
        // Answers of any status are figures to print (a 401 says the secret is wrong); none at all is an error.
        guard result.accepted + result.errors > result.errorStatuses[0, default: 0] else {
            throw ValidationError(
                "no delivery reached \(target)\(path): every connection was refused or closed "
                    + "(\(result.errors) attempts); is the receiver running there?")
        }
        // The applier's backlog: how long after the last answer until nothing is left pending.
        let drain = before == nil ? nil : try await gauge.waitUntilDrained()
        let after = await gauge.read()

        print(
            "sent \(result.latencies.count) deliveries in \(String(format: "%.2f", result.elapsed.seconds)) s over "
                + "\(concurrency) connections to \(target)\(path); errors: \(Self.describe(result.errorStatuses))")
        if let before, let after {
            print(
                "inbox before: \(Self.describe(before.byState)); after: \(Self.describe(after.byState))"
                    + (drain == nil ? "; not drained within 120 s" : ""))
        } else {
            print("the target shows no Logix inbox on /metrics: no drain time")
        }
        var applied = -1
        if let local {
            applied = try await local.database.read {
                try await OrderRecords().count(integrationID: integration ?? 0, on: $0)
            }
        }
        BenchReport.printJSON([
            "target": local == nil ? target : "in-process",
            "deliveries": result.latencies.count,
            "accepted": result.accepted,
            "errors": result.errors,
            "per_s": result.perSecond,
            "p50_ms": result.percentile(0.50),
            "p99_ms": result.percentile(0.99),
            "drain_s": drain?.seconds ?? -1,
            "stored": (after?.total ?? 0) - (before?.total ?? 0),
            "processed": (after?.byState["processed"] ?? 0) - (before?.byState["processed"] ?? 0),
            "pending": after?.pending ?? -1,
            "applied_orders": applied,
            "concurrency": concurrency,
            "seconds": result.elapsed.seconds,
            "decoder": local == nil ? "the target's" : decoder.rawValue,
            "sqlite_synchronous": local == nil ? "the target's" : synchronous,
            "peak_rss_mb": ProcessMemory.peakResidentMegabytes() ?? -1,
        ])
    }

    /// "none", or "0: 3, 500: 2".
    private static func describe(_ counts: [some Comparable & CustomStringConvertible: Int]) -> String {
        counts.isEmpty
            ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    /// A server in this process on a fresh SQLite file, with an integration whose webhook secret is known.
    private func runInProcess() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("logix-bench-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "logix.bench")
        logger.logLevel = .warning
        var configuration = try ServerConfiguration(environment: [
            "LOGIX_DATABASE_URL": directory.appendingPathComponent("logix.sqlite").path,
            "LOGIX_DATA_DIR": directory.path, "LOGIX_PORT": "0", "LOGIX_ALLOW_PRIVATE_STORES": "1",
            "LOGIX_SQLITE_SYNCHRONOUS": synchronous,
        ])
        // One address sends everything here, more connections at once than a client is allowed in service.
        configuration.maxConnectionsPerClient = 0
        configuration.webhookRateLimit = TokenBucket.Rule(perSecond: 1_000_000, burst: 1_000_000)
        configuration.orderDecoding = decoder
        let services = try await ServerServices.open(configuration: configuration, logger: logger)

        // The application runs the database, as in `logix serve`: the records are made once it serves.
        let app = buildApplication(services: services)
        let serverTask = Task { try await app.runService() }
        let baseURL = try await waitForPort(services)
        let secret = "bench-webhook-secret"
        let user = try await services.database.transaction {
            try await UserRecords().create(
                email: "bench@example.test", passwordHash: "-", at: Date(), on: $0)
        }
        let integration = try await IntegrationCredentials(vault: services.vault, database: services.database).create(
            NewIntegration(
                userID: user.id, platform: "woocommerce", storeURL: "http://127.0.0.1:9", name: "bench",
                createdAt: Date()),
            credentials: StoreCredentials(
                consumerKey: Secret("ck_bench"), consumerSecret: Secret("cs_bench"), webhookSecret: Secret(secret)))
        try await load(target: baseURL, integration: integration.id, secret: secret, local: services)
        serverTask.cancel()
        _ = try? await serverTask.value
    }

    private func waitForPort(_ services: ServerServices) async throws -> String {
        for _ in 0..<200 {
            let url = services.publicURL.value
            if !url.hasSuffix(":0") { return url }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ValidationError("the server did not start")
    }
}
