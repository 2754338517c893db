import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import LogixCore
import LogixTestSupport
import NIOCore
import Storage
import Sync
import Testing
import WooCommerce
import WooSim

@testable import LogixServer

/// Two servers on one PostgreSQL database, as two `logix serve` processes behind a load balancer: each with its
/// own connection pool, receiver, inbox applier, outbox sender and scheduler, sharing only the database (and
/// the master key). The store delivers webhooks to both; both schedulers sync and reconcile the same
/// integration at the same time. Every order is imported exactly once.
@Suite struct TwoNodeTests {
    static let jwtSecret = String(repeating: "s", count: 40)

    static func services(database: LogixDatabase, keyRing: KeyRing) async throws -> ServerServices {
        let environment = ["LOGIX_JWT_SECRET": jwtSecret, "LOGIX_PORT": "0", "LOGIX_ALLOW_PRIVATE_STORES": "1"]
        var configuration = try ServerConfiguration(environment: environment)
        configuration.schedulerEnabled = false  // driven below, on both nodes at once
        var logger = Logger(label: "logix.server.two-nodes")
        logger.logLevel = .warning
        return ServerServices(
            configuration: configuration, database: database, vault: CredentialVault(keyRing: keyRing),
            tokens: await TokenIssuer(secret: Array(jwtSecret.utf8), lifetime: .seconds(3600)),
            passwords: PasswordHasher(cost: 4),
            stores: StoreConnector(
                policy: StoreURLPolicy(allowsPrivateAddresses: true), trustedCertificateAuthoritiesPEM: nil,
                logger: logger),
            syncJobs: SyncJobs(logger: logger), webhookSignal: WebhookSignal(),
            publicURL: PublicURL(configuration.effectivePublicURL), metrics: ServerMetrics(), logger: logger)
    }

    @Test func twoServersOnOnePostgreSQLImportEveryOrderOnce() async throws {
        let sim = try await WooSim.start(.small)
        let (location, cleanup) = try await TestDatabases.makeLocation(.postgres)
        let keyRing = try KeyRing(current: .generate())
        do {
            // A pool for each node, as in two processes.
            try await LogixDatabase.withOpen(location, logger: TestDatabases.logger) { firstDatabase in
                try await LogixDatabase.withOpen(location, logger: TestDatabases.logger) { secondDatabase in
                    let first = try await Self.services(database: firstDatabase, keyRing: keyRing)
                    let second = try await Self.services(database: secondDatabase, keyRing: keyRing)
                    try await Self.serve(first, second, sim: sim)
                }
            }
        } catch {
            await sim.stop()
            try? await cleanup()
            throw error
        }
        await sim.stop()
        try await cleanup()
    }

    static func serve(_ first: ServerServices, _ second: ServerServices, sim: WooSim) async throws {
        try await Migrator(database: first.database).migrate()
        let user = try await first.database.transaction {
            try await UserRecords().create(
                email: "alice@example.test", passwordHash: "x", at: Date(), on: $0)
        }
        let token = try await first.tokens.issue(userID: user.id, now: Date()).token
        try await buildApplication(services: first, closesServicesOnShutdown: false).test(.live) { one in
            try await buildApplication(services: second, closesServicesOnShutdown: false).test(.live) { two in
                try await Self.run(sim: sim, nodes: [(first, one), (second, two)], token: token)
            }
        }
    }

    static func run(sim: WooSim, nodes: [(ServerServices, any TestClientProtocol)], token: String) async throws {
        func request(_ node: Int, _ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil) async throws
            -> TestResponse
        {
            var headers: HTTPFields = [.authorization: "Bearer \(token)"]
            if body != nil { headers[.contentType] = "application/json" }
            return try await nodes[node].1.execute(
                uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        }
        let created = try await request(
            0, .post, "/api/v1/woocommerce/integrations",
            """
            {"store_url": "\(sim.baseURL)", "consumer_key": "\(sim.readWriteKeys.consumerKey)",
             "consumer_secret": "\(sim.readWriteKeys.consumerSecret)", "integration_name": "Shared"}
            """)
        #expect(created.status == .created, "\(created.text)")
        let integration = try #require(try created.json()["id"] as? Int)
        // Each node registers its own delivery URL: the store delivers every event to both.
        for node in nodes.indices {
            let registered = try await request(
                node, .post, "/api/v1/woocommerce/integrations/\(integration)/webhooks", "{}")
            #expect(registered.status == .ok, "\(registered.text)")
        }

        // Orders come in while both schedulers sync and reconcile the integration, again and again.
        let schedulers = nodes.map { $0.0.scheduler(options: .init(concurrency: 2)) }
        let start = Date()
        var placed: [Int] = []
        try await withThrowingTaskGroup(of: Void.self) { group in
            for scheduler in schedulers {
                group.addTask {
                    for round in 0..<6 {
                        try await scheduler.tick(now: start.addingTimeInterval(Double(round) * 86_400))
                    }
                }
            }
            for _ in 0..<20 {
                placed.append(
                    try await sim.placeOrder(WooSimNewOrder(lines: [WooSimOrderLine(sku: "TEA-ROO-100", quantity: 2)])))
            }
            try await group.waitForAll()
        }

        let database = nodes[0].0.database
        func stored() async throws -> [LogixCore.Order] {
            try await database.read { sql in
                try await OrderRecords().list(
                    OrderFilter(integrationIDs: [Int64(integration)]), page: 1, perPage: 10_000, on: sql
                ).orders
            }
        }
        try await waitUntil("every placed order is in Logix and every delivery applied") {
            let external = Set(try await stored().map(\.externalID))
            let inbox = try await database.read { sql in try await WebhookInboxRecords().countByState(on: sql) }
            return placed.allSatisfy { external.contains(Int64($0)) } && (inbox[.pending] ?? 0) == 0
        }

        // Both nodes received deliveries.
        let delivered = await sim.webhookDeliveries.filter { $0.outcome == .delivered && !$0.isPing }
        for node in nodes {
            let base = node.0.publicURL.value
            #expect(delivered.contains { $0.url.hasPrefix(base) }, "node \(base) received deliveries")
        }

        // Exactly once: one row per store order, one pick task per ready order, reservations that add up.
        let orders = try await stored()
        #expect(orders.count == Set(orders.map(\.externalID)).count)
        #expect(orders.count == (await sim.highestOrderId), "every store order once")
        var expectedReserved: [String: Int] = [:]
        for order in orders {
            let tasks = try await database.read { sql in
                try await FulfillmentRecords().tasks(orderID: order.id!, on: sql)
            }
            let picks = tasks.filter { $0.kind == .pick }
            if order.status == .ready {
                #expect(picks.count == 1, "order \(order.externalID): \(tasks)")
                for line in order.lines { expectedReserved[line.sku ?? "", default: 0] += line.quantity }
            }
        }
        let levels = try await database.read { sql in
            let owner = try #require(try await IntegrationRecords().ownerID(integrationID: Int64(integration), on: sql))
            return try await FulfillmentRecords().stockLevels(ownerID: owner, on: sql)
        }
        for (sku, reserved) in expectedReserved where !sku.isEmpty {
            #expect(levels[sku]?.reserved == reserved, "\(sku)")
        }
        for (sku, level) in levels where level.reserved != 0 {
            #expect(expectedReserved[sku] == level.reserved, "\(sku) reserved by no ready order")
        }
        let api = try await request(1, .get, "/api/v1/orders?integration_id=\(integration)&per_page=100")
        #expect(try api.json()["total"] as? Int == orders.count)
    }
}
