import ArgumentParser
import Foundation
import Logging
import Storage
import Sync

/// `logix keys …`: the master key that encrypts stored credentials.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the master key that encrypts store credentials.",
        subcommands: [KeysRotateCommand.self]
    )
}

/// `logix keys rotate`: re-encrypts every stored secret under a new master key, with no downtime.
///
/// With the key file (`$LOGIX_DATA_DIR/logix-master.key`): a new key is made and stored beside the old one,
/// every secret is sealed again under it, then the old key is retired. Running servers keep opening old values
/// meanwhile and pick up the new ring when they meet a value sealed under it.
///
/// With keys from the environment the operator does the key part: put the new key in `LOGIX_MASTER_KEY` and
/// the old one in `LOGIX_MASTER_KEY_PREVIOUS`, run this command to re-seal, then drop the previous key.
struct KeysRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Re-encrypt every stored consumer key, consumer secret and webhook secret under a new master key."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("data-dir"), help: "Where the key file lives (default: $LOGIX_DATA_DIR, else .).")
    var dataDirectory: String?

    func run() async throws {
        var environment = ProcessInfo.processInfo.environment
        if let dataDirectory { environment[MasterKeyProvider.dataDirectoryVariable] = dataDirectory }
        var logger = Logger(label: "logix.keys")
        logger.logLevel = .warning
        let provider = try MasterKeyProvider(environment: environment)
        let vault = try await CredentialVault.load(from: provider, logger: logger)
        try await database.withMigratedDatabase(logger: logger) { database, _ in
            let credentials = IntegrationCredentials(vault: vault, database: database)
            if provider.canStoreKeyRing {
                var rewritten = 0
                let report = try await vault.rotateKeys { vault in
                    rewritten = try await credentials.resealAll(using: vault)
                }
                print("re-sealed \(rewritten) secrets under key \(report.currentKeyID)")
                print("retired keys: \(report.retiredKeyIDs.map(\.rawValue).joined(separator: ", "))")
            } else {
                let rewritten = try await credentials.resealAll()
                print(
                    "re-sealed \(rewritten) secrets under key \(vault.currentKeyID) (from \(MasterKeyProvider.masterKeyVariable))"
                )
                if !vault.keyRing.previous.isEmpty {
                    print("every secret is now under the current key: remove \(MasterKeyProvider.previousKeysVariable)")
                }
            }
        }
    }
}
