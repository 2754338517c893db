import ArgumentParser
import Foundation
import Logging

/// The `logix` command line: the connector's server, tools and benchmarks.
@main
struct Logix: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logix",
        abstract: "Connects WooCommerce stores to the Logix logistics platform.",
        subcommands: [
            ServeCommand.self, DemoCommand.self, UsersCommand.self, SimCommand.self, MigrateCommand.self,
            KeysCommand.self, BenchCommand.self, ChaosCommand.self, IntegrationsCommand.self, OrdersCommand.self,
            OutboxCommand.self, InventoryCommand.self,
        ]
    )

    /// ArgumentParser's own `main`, but bad usage (an unknown flag, a missing argument, a `ValidationError`)
    /// exits with 2, as scripts expect of a command line tool, instead of 64 (`EX_USAGE`).
    static func main() async {
        LoggingSystem.bootstrap { label in ConsoleLogHandler(label: label) }
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                StandardError.write(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// `logix bench …`: measured figures, one JSON object on the last line of output.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks; run them from a release build (swift run -c release logix bench …).",
        subcommands: [
            BenchClientCommand.self, BenchImportCommand.self, BenchWebhooksCommand.self, BenchStockCommand.self,
            BenchDashboardCommand.self, BenchSchedulerCommand.self, BenchSchedulerWorkerCommand.self,
        ]
    )
}
