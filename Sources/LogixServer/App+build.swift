import Foundation
import Hummingbird
import Logging
import LogixCore
import NIOCore
import ServiceLifecycle
import Storage
import Sync

extension ServerServices {
    /// Opens everything the server needs: the database (migrated; it runs as a service of the application),
    /// the credential vault, the JWT key. The caller closes them with ``close()`` (``ServerResources`` does it
    /// at shutdown). Throws ``StartupFailure``, naming the setting to change; nothing is left open then.
    public static func open(configuration: ServerConfiguration, logger: Logger) async throws(StartupFailure)
        -> ServerServices
    {
        var vaultEnvironment = configuration.environment
        vaultEnvironment[MasterKeyProvider.dataDirectoryVariable] = configuration.dataDirectory
        let vault: CredentialVault
        do {
            vault = try await CredentialVault.load(
                from: try MasterKeyProvider(environment: vaultEnvironment), logger: logger)
        } catch {
            throw StartupFailure("cannot load the master key: \(error)", change: StartupFailure.Setting.masterKey)
        }
        let secret: [UInt8]
        do {
            secret = try JWTSecret.load(configuration: configuration)
        } catch {
            throw StartupFailure("cannot load the token key: \(error)", change: StartupFailure.Setting.jwtKey)
        }
        let caPEM: String?
        do {
            caPEM = try configuration.storeCAFile.map { path in try String(contentsOfFile: path, encoding: .utf8) }
        } catch {
            throw StartupFailure(
                "cannot read \(configuration.storeCAFile ?? ""): \(error.localizedDescription)",
                change: StartupFailure.Setting.storeCAFile)
        }
        // Migrated before anything runs, on a handle of its own for the scope: the background services query
        // the tables as soon as they start, beside the server, and the served handle runs only as a service.
        // `withOpen` closes that handle whatever happens; the served one is opened only when nothing else can
        // fail before the application runs it (a handle dropped unclosed is a crash in SQLite's debug checks).
        let database: LogixDatabase
        do {
            try await LogixDatabase.withOpen(
                configuration.database, logger: logger, synchronous: configuration.sqliteSynchronous
            ) { database in
                try await Migrator(database: database).migrate()
                let missing = try await IntegrationCredentials(vault: vault, database: database).keysMissingFromVault()
                guard missing.isEmpty else { throw StartupFailure.masterKeyMissing(missing) }
            }
            database = try await LogixDatabase.open(
                configuration.database, logger: logger, synchronous: configuration.sqliteSynchronous)
        } catch {
            throw StartupFailure.database(error)
        }
        return ServerServices(
            configuration: configuration, database: database, vault: vault,
            tokens: await TokenIssuer(secret: secret, lifetime: configuration.tokenLifetime),
            passwords: PasswordHasher(cost: configuration.bcryptCost),
            stores: StoreConnector(
                policy: StoreURLPolicy(allowsPrivateAddresses: configuration.allowPrivateStores),
                trustedCertificateAuthoritiesPEM: caPEM, orderDecoding: configuration.orderDecoding, logger: logger),
            clock: SystemClock(), syncJobs: SyncJobs(logger: logger), webhookSignal: WebhookSignal(),
            publicURL: PublicURL(configuration.effectivePublicURL), metrics: ServerMetrics(), logger: logger)
    }

    /// Lets the inbox applier's loop end. The database closes when its service stops, after this.
    public func close() async {
        webhookSignal.finish()
    }
}

/// The router with every route and middleware: what `logix serve` serves and what tests drive.
public func buildRouter(services: ServerServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: MetricsMiddleware(metrics: services.metrics))
    router.add(middleware: ErrorMiddleware())
    HealthController(services: services).addRoutes(to: router)
    MetricsController(services: services).addRoutes(to: router)
    OpenAPIController().addRoutes(to: router)

    let limits = services.configuration
    let limiter = RateLimiter(clock: services.clock)
    let api = router.group("api/v1")
    AuthController(signIn: services.signIn)
        .addRoutes(
            to: api.group()
                .add(
                    middleware: RateLimitMiddleware(limiter: limiter, rule: limits.tokenRateLimit, key: .clientAddress))
        )
    WebhookReceiverController(services: services)
        .addRoutes(
            to: api.group()
                .add(
                    middleware: RateLimitMiddleware(limiter: limiter, rule: limits.webhookRateLimit, key: .integration))
        )
    let authenticated = api.group().add(
        middleware: BearerAuthMiddleware(tokens: services.tokens, access: services.userAccess)
    )
    .add(middleware: RateLimitMiddleware(limiter: limiter, rule: limits.apiRateLimit, key: .user))
    IntegrationController(services: services).addRoutes(to: authenticated)
    WebhookRegistrationController(services: services).addRoutes(to: authenticated)
    OrderStatusController(services: services).addRoutes(to: authenticated)
    OrderController(services: services).addRoutes(to: authenticated)
    FulfillmentController(services: services).addRoutes(to: authenticated)
    InventoryController(services: services).addRoutes(to: authenticated)
    OutboxController(services: services).addRoutes(to: authenticated)
    DashboardRoutes(services: services, limiter: limiter).addRoutes(to: router)
    return router
}

/// The whole server: the router on the configured address, the background services, and (unless the caller
/// owns them, as tests do) the resources: the database, run as the first service so that it stops last, and
/// the rest, closed at graceful shutdown.
///
/// `onReady` hears the public base URL once the server listens (the command line tells a newcomer what to do next).
public func buildApplication(
    services: ServerServices, closesServicesOnShutdown: Bool = true,
    onReady: @escaping @Sendable (String) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let configuration = services.configuration
    var background: [any Service] =
        closesServicesOnShutdown ? [services.database, ServerResources(services: services)] : []
    background.append(contentsOf: requestServices(services))
    background.append(
        InboxApplierService(
            applier: services.inboxApplier, signal: services.webhookSignal, interval: .seconds(5),
            gather: .milliseconds(50), clock: services.clock, logger: services.logger))
    background.append(OutboxSenderService(sender: services.outboxSender))
    if configuration.schedulerEnabled {
        background.append(SchedulerService(scheduler: services.scheduler()))
    }
    let connectionLimit = ClientConnectionLimit(limit: configuration.maxConnectionsPerClient)
    let logger = services.logger
    let requestTimeout = TimeAmount.seconds(configuration.requestTimeout.components.seconds)
    return Application(
        router: buildRouter(services: services),
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [
                    ClientConnectionLimitHandler(limit: connectionLimit, logger: logger),
                    RequestDeadlineHandler(timeout: requestTimeout, logger: logger),
                ],
                idleTimeout: .seconds(configuration.idleTimeout.components.seconds))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "logix"),
        services: background,
        onServerRunning: { channel in
            // Bound to port 0: the real port is known only now.
            if configuration.port == 0, configuration.publicURL == nil, let port = channel.localAddress?.port {
                services.publicURL.set("http://\(configuration.host):\(port)")
            }
            await onReady(services.publicURL.value)
        },
        logger: services.logger)
}

/// Runs the whole server (``buildApplication(services:closesServicesOnShutdown:)``) until graceful shutdown. A
/// port that cannot be bound ends it with ``StartupFailure`` naming the setting to change. The database runs
/// as one of the application's services and closes when it stops; on failure it is closed here even if its
/// service never started.
public func runApplication(
    services: ServerServices, onReady: @escaping @Sendable (String) async -> Void = { _ in }
) async throws {
    let configuration = services.configuration
    do {
        try await buildApplication(services: services, onReady: onReady).runService()
    } catch {
        await services.database.closeUnlessRun()
        if let failure = StartupFailure.listening(error, host: configuration.host, port: configuration.port) {
            throw failure
        }
        throw error
    }
}

/// The services that requests depend on: the receiver's group commits and the order sync jobs. Whoever serves
/// the router runs them (the application below; tests that drive the router alone run them beside it).
public func requestServices(_ services: ServerServices) -> [any Service] {
    [InboxWriterService(writer: services.inboxWriter), SyncJobsService(jobs: services.syncJobs)]
}

/// Closes the server's resources once the server has stopped taking requests.
struct ServerResources: Service {
    let services: ServerServices

    func run() async throws {
        try? await gracefulShutdown()
        await services.close()
    }
}
