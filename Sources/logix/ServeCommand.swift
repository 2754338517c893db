import ArgumentParser
import Foundation
import Hummingbird
import Logging
import LogixServer
import Sync

/// `logix serve`: the HTTP API on the embedded default (an SQLite file) or PostgreSQL.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Logix HTTP API (default 127.0.0.1:8080, SQLite file ./logix.sqlite).")

    @OptionGroup var server: ServerOptions

    func run() async throws {
        // A failure to start is one line on stderr naming the setting to change, and a non-zero status: never
        // a backtrace, never ArgumentParser's usage text.
        do {
            try await serve()
        } catch let failure as StartupFailure {
            StandardError.write("logix serve: \(failure)")
            throw ExitCode.failure
        }
    }

    private func serve() async throws {
        let configuration: ServerConfiguration
        do {
            configuration = try server.configuration()
        } catch {
            throw StartupFailure(configuration: error)
        }
        var logger = Logger(label: "logix")
        logger.logLevel = server.logLevel
        logger.info("starting", metadata: ["configuration": "\(configuration)"])
        let services = try await ServerServices.open(configuration: configuration, logger: logger)
        let users = services.users
        try await runApplication(services: services) { url in
            // What to do next, on standard output whatever the log level: the address, and how to sign in.
            let count = (try? await users.count()) ?? 0
            var lines = [
                "Logix is ready at \(url) — open it in a browser for the dashboard "
                    + "(API reference: \(url)/openapi.json, health: \(url)/health)."
            ]
            if count == 0 {
                lines.append(
                    "No user yet: add one with `swift run logix users add you@example.com` (it asks for a password),")
                lines.append("then sign in at \(url)/sign-in, or get an API token:")
                lines.append("  curl -s \(url)/api/v1/auth/token -d '{\"email\": …, \"password\": …}'")
            } else {
                lines.append(
                    "Sign in at \(url)/sign-in (users: \(count)), or get an API token: "
                        + "curl -s \(url)/api/v1/auth/token -d '{\"email\": …, \"password\": …}'.")
            }
            lines.append(
                "Connect a store next: the dashboard's Stores page; the guides are at \(url)/docs "
                    + "(start with \(url)/docs/quick-start). Ctrl-C stops the server.")
            print(lines.joined(separator: "\n"))
            fflush(nil)
        }
    }
}

/// The server's settings as flags; each falls back to its `LOGIX_*` variable.
struct ServerOptions: ParsableArguments {
    @Option(help: "Address to listen on ($LOGIX_HOST, default 127.0.0.1).") var host: String?
    @Option(help: "Port ($LOGIX_PORT, default 8080).") var port: Int?
    @Option(name: .customLong("database-url"), help: "postgres:// URL or SQLite path ($LOGIX_DATABASE_URL).")
    var databaseURL: String?
    @Option(name: .customLong("data-dir"), help: "Directory of key files ($LOGIX_DATA_DIR, default .).")
    var dataDirectory: String?
    @Option(name: .customLong("public-url"), help: "URL stores reach this server at ($LOGIX_PUBLIC_URL).")
    var publicURL: String?
    @Flag(
        name: .customLong("allow-private-stores"),
        help: "Accept stores on private addresses ($LOGIX_ALLOW_PRIVATE_STORES).")
    var allowPrivateStores = false
    @Option(name: .customLong("store-ca-file"), help: "PEM of CAs to trust for stores ($LOGIX_STORE_CA_FILE).")
    var storeCAFile: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevelName: String = "info"

    var logLevel: Logger.Level { Logger.Level(rawValue: logLevelName) ?? .info }

    /// The environment with the flags given laid over it.
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> ServerConfiguration
    {
        var environment = environment
        if let host { environment["LOGIX_HOST"] = host }
        if let port { environment["LOGIX_PORT"] = String(port) }
        if let databaseURL { environment["LOGIX_DATABASE_URL"] = databaseURL }
        if let dataDirectory { environment["LOGIX_DATA_DIR"] = dataDirectory }
        if let publicURL { environment["LOGIX_PUBLIC_URL"] = publicURL }
        if allowPrivateStores { environment["LOGIX_ALLOW_PRIVATE_STORES"] = "1" }
        if let storeCAFile { environment["LOGIX_STORE_CA_FILE"] = storeCAFile }
        return try ServerConfiguration(environment: environment)
    }
}
