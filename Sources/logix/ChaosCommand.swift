import ArgumentParser
import Foundation
import Logging
import LogixChaos

/// `logix chaos`: the chaos suite's scenario for as long as you like — servers killed under store faults —
/// ending with a report of what was done and whether anything was lost.
struct ChaosCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos",
        abstract: "Kill `logix serve` processes under store faults and check that nothing is lost.",
        discussion: """
            Starts a simulated store with faults, SERVERS `logix serve` processes of this executable on one \
            PostgreSQL database behind a load balancer, and traffic (orders placed, edited and cancelled; \
            warehouse events and stock counts through the API), kills a server with SIGKILL at random moments \
            and restarts it, then turns the faults off and waits until the store and Logix agree. Prints a \
            report; exits 1 if anything was lost, duplicated or left behind. Use a database of its own: \
            createdb logix_chaos && logix chaos --database-url postgres://localhost/logix_chaos
            """)

    @Option(help: "Minutes of traffic (the wait to converge comes after).") var minutes: Double = 10
    @Option(help: "Seed of the traffic, kill times and faults (default: random, printed).") var seed: UInt64?
    @Option(name: .customLong("database-url"), help: "postgres:// URL of a database for the run ($LOGIX_DATABASE_URL).")
    var databaseURL: String?
    @Option(help: "`logix serve` processes.") var servers: Int = 2
    @Option(help: "SIGKILLs over the run (default: one every 20 s, at least 3).") var kills: Int?
    @Option(
        name: .customLong("work-dir"), help: "Folder for the servers' keys and logs (default: a new temporary one).")
    var workDirectory: String?
    @Option(
        name: .customLong("report-file"),
        help: "Also write the report as JSON to this file (for a program that checks the run).")
    var reportFile: String?

    func validate() throws {
        guard minutes > 0, minutes <= 24 * 60 else { throw ValidationError("--minutes must be between 0 and 1440") }
        guard (1...8).contains(servers) else { throw ValidationError("--servers must be between 1 and 8") }
        if let kills, kills < 0 { throw ValidationError("--kills must not be negative") }
        // Told now, not after the whole run.
        if let reportFile {
            let folder = URL(fileURLWithPath: reportFile).deletingLastPathComponent().path
            guard FileManager.default.isWritableFile(atPath: folder) else {
                throw ValidationError("--report-file: cannot write in \(folder) (missing, or not writable)")
            }
        }
    }

    func run() async throws {
        guard let url = databaseURL ?? ProcessInfo.processInfo.environment["LOGIX_DATABASE_URL"],
            url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")
        else {
            throw ValidationError(
                "logix chaos needs a PostgreSQL database its servers share: pass --database-url postgres://…")
        }
        let seed = self.seed ?? UInt64.random(in: 1...999_999)
        let folder =
            workDirectory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                "logix-chaos-\(seed)-\(UUID().uuidString.prefix(8))")
        var options = ChaosOptions(
            traffic: .milliseconds(Int64(minutes * 60_000)), seed: seed, databaseURL: url,
            executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(), workDirectory: folder)
        options.servers = servers
        options.kills = kills
        print("chaos run, seed \(seed); server logs in \(folder.path)")
        var logger = Logger(label: "logix.chaos")
        logger.logLevel = .warning
        let started = Date()
        let report = try await ChaosRun.run(options, logger: logger) { phase in
            print(String(format: "[%6.1f s] ", Date().timeIntervalSince(started)) + phase)
        }
        print(report)
        if let reportFile {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            do {
                try encoder.encode(report).write(to: URL(fileURLWithPath: reportFile), options: .atomic)
            } catch {
                throw ChaosError("cannot write the report to \(reportFile): \(error.localizedDescription)")
            }
        }
        if !report.passed { throw ExitCode(1) }
    }
}
