import ArgumentParser
import Foundation
import LogixServer

/// What every operator command takes: who it acts for, the database and key files `logix serve` uses, and
/// whether to answer in JSON. Each falls back to the variable `logix serve` reads, so an operator's shell set
/// up for the server works for these commands unchanged.
struct OperatorOptions: ParsableArguments {
    @Option(name: .customLong("user"), help: "The user to act for, by e-mail ($LOGIX_USER).")
    var userEmail: String?

    @OptionGroup var database: DatabaseOptions

    @Option(
        name: .customLong("data-dir"),
        help: "Where logix-master.key is, as for `logix serve` ($LOGIX_DATA_DIR, default .).")
    var dataDirectory: String?

    @Flag(
        name: .customLong("allow-private-stores"),
        help: "Accept stores on private or loopback addresses, as `logix serve` does ($LOGIX_ALLOW_PRIVATE_STORES).")
    var allowPrivateStores = false

    @Option(
        name: .customLong("public-url"),
        help: "The URL stores reach `logix serve` at, for webhook delivery ($LOGIX_PUBLIC_URL).")
    var publicURL: String?

    @Flag(help: "Print one JSON document (the API's shape) instead of text for people.")
    var json = false

    /// The user's e-mail: the flag, else `$LOGIX_USER`.
    func email(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        guard let email = (userEmail ?? environment["LOGIX_USER"])?.trimmingCharacters(in: .whitespaces),
            !email.isEmpty
        else {
            throw OperatorFailure(
                "say which user to act for: --user EMAIL or LOGIX_USER", exitCode: OperatorFailure.badUsage)
        }
        return email
    }

    /// The server's configuration, as `logix serve` would read it, with the flags given laid over it.
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> ServerConfiguration
    {
        var environment = environment
        if let databaseURL = database.databaseURL { environment["LOGIX_DATABASE_URL"] = databaseURL }
        if let dataDirectory { environment["LOGIX_DATA_DIR"] = dataDirectory }
        if let publicURL { environment["LOGIX_PUBLIC_URL"] = publicURL }
        if allowPrivateStores { environment["LOGIX_ALLOW_PRIVATE_STORES"] = "1" }
        // This process runs no scheduler: a running `logix serve` does the background work.
        environment["LOGIX_SCHEDULER"] = "off"
        return try ServerConfiguration(environment: environment)
    }
}
