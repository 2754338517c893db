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

/// `logix bench webhooks`: signed deliveries over loopback into a running server (a fresh SQLite file), with
/// the inbox applier working beside the receiver as in `logix serve`.
struct BenchWebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks", abstract: "Send signed webhook deliveries to an in-process server and time them.")

    @Option(help: "Deliveries to send.") var deliveries: Int = 50_000
    @Option(help: "Requests in flight at once.") var concurrency: Int = 64
    @Option(help: "How the applier decodes delivered orders: the hand-written reader or JSONDecoder (reader|codable).")
    var decoder: WooOrderDecoding = .reader
    @Option(
        name: .customLong("sqlite-synchronous"),
        help: "How SQLite commits reach the disk: full (durable across power loss, the default) or normal.")
    var synchronous: String = SQLiteSynchronous.default.rawValue

    func validate() throws {
        guard deliveries > 0 else { throw ValidationError("--deliveries must be positive") }
        guard (1...1024).contains(concurrency) else { throw ValidationError("--concurrency must be within 1…1024") }
        guard SQLiteSynchronous(rawValue: synchronous) != nil else {
            throw ValidationError("--sqlite-synchronous must be full or normal")
        }
    }

    func run() async throws {
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
        let integrationID = integration.id
        // One connection per sender, as a store's PHP workers each open their own.
        guard let components = URLComponents(string: baseURL), let host = components.host, let port = components.port
        else { throw ValidationError("the server's URL \(baseURL) has no host and port") }
        let generator = WebhookLoadGenerator(host: host, port: port)
        let path = "/api/v1/woocommerce/webhooks/receive?integration=\(integrationID)"
        let count = deliveries
        let results = Results()
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            let next = Counter()
            for _ in 0..<concurrency {
                group.addTask {
                    try await generator.withConnection { send in
                        while let index = await next.take(below: count) {
                            let body = Self.orderBody(id: index + 1)
                            var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
                            head.headers.add(name: "Host", value: "\(host):\(port)")
                            head.headers.add(name: "Content-Type", value: "application/json")
                            head.headers.add(name: "Content-Length", value: "\(body.count)")
                            head.headers.add(name: "X-WC-Webhook-Topic", value: "order.updated")
                            head.headers.add(name: "X-WC-Webhook-Resource", value: "order")
                            head.headers.add(name: "X-WC-Webhook-Event", value: "updated")
                            head.headers.add(name: "X-WC-Webhook-ID", value: "1")
                            head.headers.add(name: "X-WC-Webhook-Delivery-ID", value: "bench-\(index)")
                            head.headers.add(
                                name: "X-WC-Webhook-Signature",
                                value: WooWebhookSignature.sign(body: body, secret: secret))
                            let sent = clock.now
                            let status = (try? await send(head, ByteBuffer(bytes: body))) ?? 0
                            await results.record(accepted: status == 200, latency: sent.duration(to: clock.now))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = start.duration(to: clock.now)
        // Let the applier finish, then count what the inbox holds. `drain()` returns once nothing is left to
        // claim, while the server's own applier may still hold a claimed batch: wait for that batch too, or its
        // deliveries would be counted as pending (they are not lost).
        try await services.inboxApplier.drain()
        let settleDeadline = clock.now.advanced(by: .seconds(120))
        while clock.now < settleDeadline {
            let states = try await services.database.read { sql in try await WebhookInboxRecords().countByState(on: sql)
            }
            if (states[.pending] ?? 0) == 0 { break }
            try await Task.sleep(for: .milliseconds(50))
            try await services.inboxApplier.drain()
        }
        let drained = start.duration(to: clock.now) - elapsed
        let inbox = try await services.database.read { sql in try await WebhookInboxRecords().countByState(on: sql) }
        let orders = try await services.database.read {
            try await OrderRecords().count(integrationID: integrationID, on: $0)
        }
        serverTask.cancel()
        _ = try? await serverTask.value

        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let latencies = await results.latencies.sorted()
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            return latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] * 1000
        }
        let stored = inbox.values.reduce(0, +)
        print(
            "inbox: \(inbox.map { "\($0.key.rawValue) \($0.value)" }.sorted().joined(separator: ", ")); orders \(orders)"
        )
        BenchReport.printJSON([
            "deliveries": count,
            "accepted": await results.accepted,
            "per_s": Double(count) / max(seconds, 0.000_001),
            "p50_ms": percentile(0.50),
            "p99_ms": percentile(0.99),
            "drain_s": Double(drained.components.seconds) + Double(drained.components.attoseconds) / 1e18,
            "stored": stored,
            "applied_orders": orders,
            "concurrency": concurrency,
            "decoder": decoder.rawValue,
            "sqlite_synchronous": synchronous,
            "peak_rss_mb": ProcessMemory.peakResidentMegabytes() ?? -1,
        ])
    }

    private func waitForPort(_ services: ServerServices) async throws -> String {
        for _ in 0..<200 {
            let url = services.publicURL.value
            if !url.hasSuffix(":0") { return url }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ValidationError("the server did not start")
    }

    /// A small but complete order body, distinct per id.
    static func orderBody(id: Int) -> Data {
        let modified = 1_790_000_000 + id
        let date = Date(timeIntervalSince1970: TimeInterval(modified)).ISO8601Format().dropLast()
        return Data(
            """
            {"id":\(id),"number":"\(id)","status":"processing","currency":"EUR","total":"24.90",\
            "date_created_gmt":"\(date)","date_modified_gmt":"\(date)",\
            "billing":{"first_name":"Ada","last_name":"Lovelace","email":"ada@example.test","country":"GB"},\
            "shipping":{"first_name":"Ada","last_name":"Lovelace","address_1":"1 Bench Road","city":"London",\
            "postcode":"N1 1AA","country":"GB"},\
            "line_items":[{"id":\(id * 10),"name":"Mug","product_id":10,"variation_id":0,"quantity":1,\
            "sku":"MUG","total":"24.90","subtotal":"24.90"}],"shipping_lines":[],"fee_lines":[],"refunds":[]}
            """.utf8)
    }
}

/// Hands out delivery indexes to the senders.
private actor Counter {
    private var next = 0
    func take(below limit: Int) -> Int? {
        guard next < limit else { return nil }
        defer { next += 1 }
        return next
    }
}

/// Latencies and acceptances of the deliveries.
private actor Results {
    private(set) var latencies: [Double] = []
    private(set) var accepted = 0

    func record(accepted ok: Bool, latency: Duration) {
        if ok { accepted += 1 }
        latencies.append(Double(latency.components.seconds) + Double(latency.components.attoseconds) / 1e18)
    }
}
