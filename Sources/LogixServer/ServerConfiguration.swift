import Foundation
import Storage
import WooCommerce

/// Everything `logix serve` needs to know, from `LOGIX_*` variables with flags on top.
///
/// Secrets (`LOGIX_MASTER_KEY`, `LOGIX_JWT_SECRET`) are read here but never printed: ``description`` names
/// only where they come from.
public struct ServerConfiguration: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var database: DatabaseLocation
    /// Where key files live (`logix-master.key`, `logix-jwt.key`).
    public var dataDirectory: String
    /// The URL the stores reach this server at, for webhook delivery URLs; default `http://host:port`.
    public var publicURL: String?
    /// The JWT signing secret; `nil` → the key file in ``dataDirectory``.
    public var jwtSecret: String?
    /// Accept store URLs that resolve to private, loopback or link-local addresses (tests, the demo).
    public var allowPrivateStores: Bool
    /// A PEM file of certificate authorities to trust for stores behind a private CA.
    public var storeCAFile: String?
    /// How long an API token is valid.
    public var tokenLifetime: Duration
    /// bcrypt's cost for new password hashes.
    public var bcryptCost: UInt8
    /// The largest webhook body the receiver accepts (413 above).
    public var webhookBodyLimit: Int
    /// Requests per user on the API (`LOGIX_API_RATE_LIMIT` a second, with three seconds' worth of burst).
    public var apiRateLimit = TokenBucket.Rule(perSecond: 20, burst: 60)
    /// Token requests per client address: slows password guessing.
    public var tokenRateLimit = TokenBucket.Rule(perSecond: 0.2, burst: 10)
    /// Deliveries per integration on the receiver: generous, a busy store sends bursts
    /// (`LOGIX_WEBHOOK_RATE_LIMIT` a second, with two seconds' worth of burst).
    public var webhookRateLimit = TokenBucket.Rule(perSecond: 5_000, burst: 10_000)
    /// How store clients decode orders, delivered webhook bodies included (a benchmark compares the two).
    public var orderDecoding = WooOrderDecoding.reader
    /// Run the scheduler (incremental syncs, reconciliation, webhook health checks) in this process;
    /// `LOGIX_SCHEDULER=off` for a process that should only serve the API (several may share one database).
    public var schedulerEnabled: Bool
    /// How long a client has to send a request's headers (from the connection being ready for one), and then
    /// its body: a slower client is disconnected (`LOGIX_REQUEST_TIMEOUT`, seconds).
    public var requestTimeout: Duration
    /// How long a connection may sit idle, sending nothing, before it is closed (`LOGIX_IDLE_TIMEOUT`, seconds).
    public var idleTimeout: Duration
    /// The most connections one client address may hold open at once, 0 for no limit
    /// (`LOGIX_MAX_CONNECTIONS_PER_CLIENT`; behind a reverse proxy every client has the proxy's address).
    public var maxConnectionsPerClient: Int
    /// How SQLite commits reach the disk: `full` (default; durable across a power loss) or `normal`
    /// (`LOGIX_SQLITE_SYNCHRONOUS`).
    public var sqliteSynchronous: SQLiteSynchronous
    /// The full environment, for the credential vault's own variables.
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.environment = environment
        host = environment["LOGIX_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        if let text = environment["LOGIX_PORT"], !text.isEmpty {
            guard let value = Int(text), (0...65535).contains(value) else {
                throw ConfigurationError("LOGIX_PORT must be a port number, got \(text)")
            }
            port = value
        } else {
            port = 8080
        }
        database =
            try environment["LOGIX_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
            .map { try DatabaseLocation(parsing: $0) } ?? .default
        dataDirectory = environment["LOGIX_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        publicURL = environment["LOGIX_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 }
        jwtSecret = environment["LOGIX_JWT_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        allowPrivateStores = ["1", "true", "yes"].contains(
            environment["LOGIX_ALLOW_PRIVATE_STORES"]?.lowercased() ?? "")
        storeCAFile = environment["LOGIX_STORE_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        tokenLifetime = .seconds(12 * 3600)
        bcryptCost = 12
        webhookBodyLimit = 2 * 1024 * 1024
        schedulerEnabled = !["0", "off", "false", "no"].contains(environment["LOGIX_SCHEDULER"]?.lowercased() ?? "")
        if let text = environment["LOGIX_API_RATE_LIMIT"], !text.isEmpty {
            // A load test or a fuzzer (schemathesis in CI) must reach the handlers rather than the limiter.
            guard let perSecond = Double(text), perSecond > 0, perSecond.isFinite else {
                throw ConfigurationError(
                    "LOGIX_API_RATE_LIMIT must be requests a second per user (a positive number), got \(text)")
            }
            apiRateLimit = TokenBucket.Rule(perSecond: perSecond, burst: perSecond * 3)
        }
        if let text = environment["LOGIX_WEBHOOK_RATE_LIMIT"], !text.isEmpty {
            // A load test of the receiver (`logix bench webhooks --target`) must reach the receiver, not the limiter.
            guard let perSecond = Double(text), perSecond > 0, perSecond.isFinite else {
                throw ConfigurationError(
                    "LOGIX_WEBHOOK_RATE_LIMIT must be deliveries a second per integration (a positive number), got \(text)"
                )
            }
            webhookRateLimit = TokenBucket.Rule(perSecond: perSecond, burst: perSecond * 2)
        }
        requestTimeout = .seconds(try Self.integer("LOGIX_REQUEST_TIMEOUT", in: environment, default: 30, minimum: 1))
        idleTimeout = .seconds(try Self.integer("LOGIX_IDLE_TIMEOUT", in: environment, default: 60, minimum: 1))
        if let text = environment["LOGIX_SQLITE_SYNCHRONOUS"], !text.isEmpty {
            guard let value = SQLiteSynchronous(rawValue: text.lowercased()) else {
                throw ConfigurationError("LOGIX_SQLITE_SYNCHRONOUS must be full or normal, got \(text)")
            }
            sqliteSynchronous = value
        } else {
            sqliteSynchronous = .default
        }
        maxConnectionsPerClient = try Self.integer(
            "LOGIX_MAX_CONNECTIONS_PER_CLIENT", in: environment, default: 64, minimum: 0)
    }

    private static func integer(
        _ variable: String, in environment: [String: String], default value: Int, minimum: Int
    ) throws -> Int {
        guard let text = environment[variable], !text.isEmpty else { return value }
        guard let number = Int(text), number >= minimum else {
            throw ConfigurationError("\(variable) must be a whole number of at least \(minimum), got \(text)")
        }
        return number
    }

    /// The public base URL, without a trailing slash.
    public var effectivePublicURL: String {
        let url = publicURL ?? "http://\(host):\(port)"
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    public var description: String {
        "\(host):\(port), database \(database), data \(dataDirectory), public \(effectivePublicURL), "
            + "JWT key \(jwtSecret == nil ? "from key file" : "from LOGIX_JWT_SECRET"), private stores "
            + (allowPrivateStores ? "allowed" : "refused")
    }
}

/// A configuration value that cannot be used; the message names the variable or flag.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
