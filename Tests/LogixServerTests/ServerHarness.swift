import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import LogixCore
import LogixTestSupport
import NIOCore
import ServiceLifecycle
import Storage
import Sync
import Testing
import WooSim

@testable import LogixServer

/// A server over a fresh database of one engine, driven through HummingbirdTesting, with two users and
/// (optionally) a simulated store.
struct ServerHarness: Sendable {
    let services: ServerServices
    let client: any TestClientProtocol
    let sim: WooSim?
    /// Tokens of two users: `alice` owns what the tests make, `bob` must never see it.
    let alice: String
    let bob: String

    static let password = "correct horse battery staple"

    init(
        services: ServerServices, client: any TestClientProtocol, sim: WooSim?, alice: String, bob: String
    ) {
        self.services = services
        self.client = RequestNamingClient(client: client)
        self.sim = sim
        self.alice = alice
        self.bob = bob
    }

    static func with(
        _ engine: TestEngine = .sqlite, store: Bool = true, storeConfiguration: WooSimConfiguration = .init(),
        allowPrivateStores: Bool = true, storePolicy: StoreURLPolicy? = nil, live: Bool = false,
        receiverGate: ReceiverGate? = nil,
        configure: @Sendable (inout ServerConfiguration) -> Void = { _ in }, logger custom: Logger? = nil,
        clock: any LogixClock = SystemClock(),
        _ body: @escaping @Sendable (ServerHarness) async throws -> Void
    ) async throws {
        let sim: WooSim? = store ? try await WooSim.start(storeConfiguration) : nil
        do {
            try await TestDatabases.with(engine) { database in
                var environment = ["LOGIX_JWT_SECRET": String(repeating: "s", count: 40), "LOGIX_PORT": "0"]
                if allowPrivateStores { environment["LOGIX_ALLOW_PRIVATE_STORES"] = "1" }
                var configuration = try ServerConfiguration(environment: environment)
                configure(&configuration)
                var logger = custom ?? Logger(label: "logix.server.tests")
                if custom == nil { logger.logLevel = .warning }
                let services = ServerServices(
                    configuration: configuration, database: database,
                    vault: CredentialVault(keyRing: try KeyRing(current: .generate())),
                    tokens: await TokenIssuer(secret: Array(configuration.jwtSecret!.utf8), lifetime: .seconds(3600)),
                    passwords: PasswordHasher(cost: 4),
                    stores: StoreConnector(
                        policy: storePolicy ?? StoreURLPolicy(allowsPrivateAddresses: allowPrivateStores),
                        trustedCertificateAuthoritiesPEM: nil, logger: logger),
                    clock: clock, syncJobs: SyncJobs(logger: logger), webhookSignal: WebhookSignal(),
                    publicURL: PublicURL(configuration.effectivePublicURL), metrics: ServerMetrics(), logger: logger)
                var tokens: [String] = []
                for email in ["alice@example.test", "bob@example.test"] {
                    let user = try await database.transaction {
                        try await UserRecords().create(
                            email: email, passwordHash: try await services.passwords.hash(password), at: Date(), on: $0)
                    }
                    tokens.append(try await services.tokens.issue(userID: user.id, now: Date()).token)
                }
                let (alice, bob) = (tokens[0], tokens[1])
                if live, let receiverGate {
                    // As below, with the webhook receiver behind a gate the test opens and closes.
                    let app = gatedApplication(services: services, gate: receiverGate)
                    try await app.test(.live) { client in
                        try await body(
                            ServerHarness(services: services, client: client, sim: sim, alice: alice, bob: bob))
                    }
                } else if live {
                    // Real HTTP on a free port, with the background services (the inbox applier) running.
                    let app = buildApplication(services: services, closesServicesOnShutdown: false)
                    try await app.test(.live) { client in
                        try await body(
                            ServerHarness(services: services, client: client, sim: sim, alice: alice, bob: bob))
                    }
                } else {
                    // The router alone, with the services its requests wait on (group commits, sync jobs).
                    let app = Application(router: buildRouter(services: services), logger: logger)
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for service in requestServices(services) { group.addTask { try await service.run() } }
                        try await app.test(.router) { client in
                            try await body(
                                ServerHarness(services: services, client: client, sim: sim, alice: alice, bob: bob))
                        }
                        group.cancelAll()
                    }
                }
            }
        } catch {
            await sim?.stop()
            throw error
        }
        await sim?.stop()
    }

    /// A request with a JSON body, as `token`'s user (`nil`: no Authorization header).
    @discardableResult
    func request(
        _ method: HTTPRequest.Method, _ uri: String, token: String?, json: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await client.execute(
            uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Creates an integration for Alice against the simulated store; returns its id.
    func createIntegration(name: String = "Sim store") async throws -> Int64 {
        let sim = try #require(sim)
        let response = try await request(
            .post, "/api/v1/woocommerce/integrations", token: alice,
            json: """
                {"store_url": "\(sim.baseURL)", "consumer_key": "\(sim.readWriteKeys.consumerKey)",
                 "consumer_secret": "\(sim.readWriteKeys.consumerSecret)", "integration_name": "\(name)"}
                """)
        #expect(response.status == .created, "\(String(buffer: response.body))")
        return try #require(try response.json()["id"] as? Int).int64
    }
}

extension TestResponse {
    /// The body as a JSON object.
    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8)) as? [String: Any])
    }

    /// The `error.code` of an error body.
    var errorCode: String? {
        ((try? json())?["error"] as? [String: Any])?["code"] as? String
    }

    var text: String { String(buffer: body) }
}

extension Int {
    var int64: Int64 { Int64(self) }
}
