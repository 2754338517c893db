import ArgumentParser

/// The `logix` command line: the connector's server, tools and benchmarks.
@main
struct Logix: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logix",
        abstract: "Connects WooCommerce stores to the Logix logistics platform.",
        subcommands: [
            ServeCommand.self, DemoCommand.self, UsersCommand.self, SimCommand.self, MigrateCommand.self,
            KeysCommand.self, BenchCommand.self, ChaosCommand.self,
        ]
    )
}

/// `logix bench …`: measured figures, one JSON object on the last line of output.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks; run them from a release build (swift run -c release logix bench …).",
        subcommands: [
            BenchClientCommand.self, BenchImportCommand.self, BenchWebhooksCommand.self, BenchStockCommand.self,
            BenchDashboardCommand.self,
        ]
    )
}
