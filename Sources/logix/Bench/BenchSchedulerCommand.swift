import ArgumentParser
import Foundation
import Logging
import Spawn
import Storage
import Sync
import WooCommerce
import WooSim

/// `logix bench scheduler`: N auto-sync integrations, each on its own simulated store of one in-process
/// ``WooSimFleet``, synced by the real ``SyncScheduler`` in one or more worker processes (this binary's hidden
/// `bench scheduler-worker`) sharing one database. After a warm-up interval (each integration's first sync
/// imports its store's few orders) no store has new orders, and it measures: the workers' CPU per idle
/// minute, the spread of sync starts over the interval, lateness (start − due) and starvation.
///
/// The workers are separate processes so that their CPU is the scheduler's alone (the stores are served by
/// this process) and so that two of them share the database as two `logix serve` processes do; they run the
/// scheduler `logix serve` runs, without the HTTP server, outbox and inbox beside it, whose idle cost is not
/// the scheduler's.
struct BenchSchedulerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "Auto-sync N integrations on simulated stores and measure the scheduler's idle cost and spread.")

    @Option(help: "Integrations, each on its own simulated store.")
    var integrations: Int = 1_000

    @Option(help: "Scheduler processes sharing the database (use PostgreSQL for more than one).")
    var processes: Int = 1

    @Option(
        name: .customLong("database-url"),
        help: "A postgres:// URL of an empty database (default: a temporary SQLite file).")
    var databaseURL: String?

    @Option(name: .customLong("interval-minutes"), help: "Every integration's sync interval, in minutes.")
    var intervalMinutes: Int = 1

    @Option(help: "Idle minutes measured after the warm-up interval: whole intervals, at least two.")
    var minutes: Int = 3

    @Option(help: "Integrations each scheduler serves at once (SyncScheduler.Options.concurrency).")
    var concurrency: Int = SyncScheduler.Options().concurrency

    @Flag(
        name: .customLong("poll-only"),
        help: "Schedulers that wake only every poll interval (30 s), as before they woke when a job fell due.")
    var pollOnly = false

    @Option(name: .customLong("orders-per-store"), help: "Orders each simulated store starts with.")
    var ordersPerStore: Int = 5

    @Option(help: "Seed of the simulated stores (store n uses seed + n).")
    var seed: UInt64 = 42

    @OptionGroup var cost: StoreCostOptions

    func validate() throws {
        guard integrations >= 1 else { throw ValidationError("--integrations must be at least 1") }
        guard (1...16).contains(processes) else { throw ValidationError("--processes must be 1 to 16") }
        guard intervalMinutes >= 1 else { throw ValidationError("--interval-minutes must be at least 1") }
        // Whole intervals, so every slice of the interval is measured equally often; two at least, so that a
        // sync just before the window and the next one ±10 % later cannot both miss it.
        guard minutes >= 2 * intervalMinutes, minutes % intervalMinutes == 0 else {
            throw ValidationError("--minutes must be a whole number of intervals, at least two")
        }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard ordersPerStore >= 0 else { throw ValidationError("--orders-per-store must not be negative") }
        if let databaseURL, !databaseURL.hasPrefix("postgres") {
            throw ValidationError("--database-url must be a postgres:// URL (without it, a temporary SQLite file)")
        }
    }

    func run() async throws {
        var logger = Logger(label: "logix.bench")
        logger.logLevel = .warning
        let interval = TimeInterval(intervalMinutes * 60)
        let measured = TimeInterval(minutes * 60)
        var fleetConfiguration = WooSimFleet.Configuration()
        fleetConfiguration.storeCount = integrations
        fleetConfiguration.seed = seed
        fleetConfiguration.store.orderCount = ordersPerStore
        fleetConfiguration.faults = cost.faults
        let rssBefore = ProcessMemory.residentMegabytes() ?? 0
        let fleet = try await WooSimFleet.start(fleetConfiguration)
        let sqlitePath =
            databaseURL == nil
            ? FileManager.default.temporaryDirectory.appendingPathComponent("logix-bench-\(UUID().uuidString).sqlite")
                .path : nil
        defer {
            if let sqlitePath {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sqlitePath + suffix) }
            }
        }
        let location = databaseURL ?? sqlitePath!
        do {
            let database = try DatabaseLocation(parsing: location)
            let ids = try await LogixDatabase.withOpen(database, logger: logger) { database in
                try await Self.createIntegrations(
                    in: database, count: integrations, intervalMinutes: intervalMinutes, fleet: fleet)
            }
            print(
                "\(integrations) integrations on \(integrations) simulated stores under \(fleet.baseURL)/s/N, "
                    + "synced every \(intervalMinutes) min by \(processes) process(es) on "
                    + (databaseURL == nil ? "SQLite" : "PostgreSQL"))

            // Warm-up: every integration's first sync (its store's orders) falls within the first interval.
            let start = Date()
            let total = interval + measured
            let window = start.addingTimeInterval(interval)..<start.addingTimeInterval(total)
            let backendDatabase = databaseURL.flatMap { URLComponents(string: $0)?.path.split(separator: "/").last }
            async let databaseCPU = Self.backendCPU(database: backendDatabase.map(String.init), window: window)
            let reports = try await withThrowingTaskGroup(of: WorkerReport.self) { group in
                for index in 0..<processes {
                    group.addTask {
                        try await Self.runWorker(
                            index: index, database: location, fleetSeed: seed, seconds: total,
                            concurrency: concurrency, pollOnly: pollOnly)
                    }
                }
                var reports: [WorkerReport] = []
                for try await report in group { reports.append(report) }
                return reports.sorted { $0.index < $1.index }
            }
            let rssAfter = ProcessMemory.residentMegabytes() ?? 0
            let pending = try await LogixDatabase.withOpen(database, logger: logger) { database in
                try await database.read { sql in try await IntegrationScheduleRecords().nextSyncTimes(on: sql) }
            }
            await fleet.stop()

            let runs = reports.flatMap(\.runs)
            let statistics = ScheduleStatistics(
                runs: runs, integrations: Set(ids), window: window, interval: interval, origin: window.lowerBound,
                pending: pending)
            let cpu = reports.map { $0.cpuSeconds(in: window) }
            let cpuPerMinute = cpu.reduce(0, +) / (measured / 60)
            let databaseCPUPerMinute = try await databaseCPU.map { $0 / (measured / 60) }
            let shares = reports.map { report in
                report.runs.filter { $0.job == .sync && window.contains($0.startedAt) }.count
            }
            let failed = runs.filter { run in
                if case .failed = run.result { return window.contains(run.startedAt) }
                return false
            }.count
            let kibPerStore = fleet.liveStores > 0 ? (rssAfter - rssBefore) * 1024 / Double(fleet.liveStores) : 0
            print(
                "warm-up \(Int(interval)) s, then \(Int(measured)) s measured with no new orders: "
                    + "\(statistics.syncs) syncs (\(failed) failed), per process \(shares)")
            print(
                String(
                    format: "scheduler CPU: %.2f s per idle minute (%@ per process)", cpuPerMinute,
                    cpu.map { String(format: "%.2f s", $0) }.joined(separator: ", ")))
            if let databaseCPUPerMinute {
                print(String(format: "PostgreSQL backends' CPU: %.2f s per idle minute", databaseCPUPerMinute))
            }
            print(
                "sync starts per 10 % of the interval: \(statistics.sliceCounts) "
                    + String(
                        format: "(max/min %.2f, coefficient of variation %.3f)", statistics.sliceMaxOverMin,
                        statistics.sliceCoefficientOfVariation))
            print(
                String(
                    format: "lateness (start - due): p50 %.2f s, p99 %.2f s, max %.2f s", statistics.latenessP50,
                    statistics.latenessP99, statistics.latenessMax))
            print("starved (no sync, or one more than an interval late): \(statistics.starved.count)")
            print(
                String(
                    format: "fleet: %d stores built, %.1f KiB resident per store", fleet.liveStores, kibPerStore))
            BenchReport.printJSON([
                "integrations": integrations,
                "processes": processes,
                "interval_seconds": Int(interval),
                "measured_seconds": Int(measured),
                "syncs": statistics.syncs,
                "failed": failed,
                "cpu_seconds_per_idle_minute": cpuPerMinute,
                "postgres_cpu_seconds_per_idle_minute": databaseCPUPerMinute ?? 0,
                "slice_max_over_min": statistics.sliceMaxOverMin.isFinite ? statistics.sliceMaxOverMin : -1,
                "slice_cv": statistics.sliceCoefficientOfVariation,
                "lateness_p50_s": statistics.latenessP50,
                "lateness_p99_s": statistics.latenessP99,
                "lateness_max_s": statistics.latenessMax,
                "starved": statistics.starved.count,
                "fleet_kib_per_store": kibPerStore,
            ])
        } catch {
            await fleet.stop()
            throw error
        }
    }

    /// The CPU the database's PostgreSQL backends spent in `window` (nil on SQLite, which runs in the workers).
    static func backendCPU(database: String?, window: Range<Date>) async throws -> Double? {
        guard let database else { return nil }
        func sleep(until date: Date) async throws {
            let seconds = date.timeIntervalSinceNow
            if seconds > 0 { try await Task.sleep(for: .milliseconds(Int64(seconds * 1000))) }
        }
        try await sleep(until: window.lowerBound)
        let start = PostgresBackendCPU.seconds(database: database)
        try await sleep(until: window.upperBound)
        return PostgresBackendCPU.seconds(database: database) - start
    }

    /// A user and `count` auto-sync integrations, integration `k` on store `k`; refuses a database that already
    /// has integrations (they would be scheduled too).
    static func createIntegrations(
        in database: LogixDatabase, count: Int, intervalMinutes: Int, fleet: WooSimFleet
    ) async throws -> [Int64] {
        try await Migrator(database: database).migrate()
        return try await database.transaction { sql in
            let records = IntegrationRecords()
            let user = try await UserRecords().create(
                email: "bench-scheduler@example.test", passwordHash: "-", at: Date(), on: sql)
            guard try await records.list(userID: user.id, on: sql).isEmpty else {
                throw ValidationError("the database already has integrations: give the bench an empty one")
            }
            var ids: [Int64] = []
            for n in 0..<count {
                let integration = NewIntegration(
                    userID: user.id, platform: "woocommerce", storeURL: fleet.storeURL(n), name: "bench \(n)",
                    autoSync: true, syncIntervalMinutes: intervalMinutes, createdAt: Date())
                ids.append(try await records.insert(integration, on: sql).id)
            }
            return ids
        }
    }

    /// Runs one worker process to its end and reads what it reported.
    static func runWorker(
        index: Int, database: String, fleetSeed: UInt64, seconds: TimeInterval, concurrency: Int, pollOnly: Bool
    ) async throws -> WorkerReport {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "logix-bench-worker-\(UUID().uuidString).jsonl")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        let arguments =
            [
                "bench", "scheduler-worker", "--database-url", database, "--fleet-seed", String(fleetSeed),
                "--seconds", String(seconds), "--concurrency", String(concurrency), "--owner", "bench-worker-\(index)",
            ] + (pollOnly ? ["--poll-only"] : [])
        let termination = try await ChildProcess(
            executable: executable, arguments: arguments, output: .file(handle), error: .inherit
        ).exit()
        try handle.close()
        guard termination == ChildProcess.Termination(status: 0, bySignal: false) else {
            throw ValidationError("scheduler worker \(index) ended with \(termination)")
        }
        return WorkerReport(index: index, lines: try String(contentsOf: output, encoding: .utf8))
    }
}

/// What one worker process reported: the jobs it ran and samples of its CPU time.
struct WorkerReport: Sendable {
    var index: Int
    var runs: [ScheduledJobRun] = []
    /// (when, user + system CPU seconds so far).
    var cpu: [(at: Date, seconds: Double)] = []

    init(index: Int, lines: String) {
        self.index = index
        for line in lines.split(separator: "\n") {
            guard let record = try? JSONDecoder().decode(WorkerLine.self, from: Data(line.utf8)) else { continue }
            if let cpu = record.cpu {
                self.cpu.append((Date(timeIntervalSince1970: record.at), cpu))
            } else if let id = record.integration, let job = record.job.flatMap(ScheduledJob.init(rawValue:)),
                let due = record.due, let end = record.end
            {
                let result: ScheduledJobOutcome.Result =
                    switch record.result {
                    case "succeeded": .succeeded
                    case "busy": .busy
                    case "breaker_open": .breakerOpen(until: Date(timeIntervalSince1970: end))
                    default: .failed(code: record.result ?? "unknown")
                    }
                self.runs.append(
                    ScheduledJobRun(
                        integrationID: id, job: job, dueAt: Date(timeIntervalSince1970: due),
                        startedAt: Date(timeIntervalSince1970: record.at), finishedAt: Date(timeIntervalSince1970: end),
                        result: result))
            }
        }
    }

    /// CPU seconds spent in `window`, from the samples nearest inside it, scaled to the whole window.
    func cpuSeconds(in window: Range<Date>) -> Double {
        let inside = cpu.filter { window.contains($0.at) }
        guard let first = inside.first, let last = inside.last, last.at > first.at else { return 0 }
        let span = last.at.timeIntervalSince(first.at)
        return (last.seconds - first.seconds) * window.upperBound.timeIntervalSince(window.lowerBound) / span
    }
}

/// One line a worker prints: a CPU sample (`cpu`) or a job run.
struct WorkerLine: Codable, Sendable {
    var at: Double
    var cpu: Double?
    var integration: Int64?
    var job: String?
    var due: Double?
    var end: Double?
    var result: String?
}

/// `logix bench scheduler-worker` (hidden): one scheduler process of `bench scheduler`. Runs the scheduler for
/// `--seconds`, printing a JSON line per job run and a CPU sample every five seconds.
struct BenchSchedulerWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler-worker", abstract: "One scheduler process of `bench scheduler`.",
        shouldDisplay: false)

    @Option(name: .customLong("database-url")) var databaseURL: String
    @Option(name: .customLong("fleet-seed")) var fleetSeed: UInt64
    @Option var seconds: Double
    @Option var concurrency: Int
    @Option var owner: String
    @Flag(name: .customLong("poll-only")) var pollOnly = false

    func run() async throws {
        var logger = Logger(label: "logix.scheduler")
        logger.logLevel = .critical
        let output = SchedulerWorkerOutput()
        let connector = StoreConnector(
            policy: StoreURLPolicy(allowsPrivateAddresses: true), trustedCertificateAuthoritiesPEM: nil,
            logger: logger)
        let seed = fleetSeed
        // The fleet's keys, derived as the fleet derives them (no vault: the keys are the simulator's).
        let channels = PlatformChannelProvider { integration in
            let keys = WooSimFleet.keys(store: WooSimFleet.storeNumber(inURL: integration.storeURL) ?? -1, seed: seed)
            return try connector.makeClient(
                storeURL: integration.storeURL,
                credentials: StoreCredentials(
                    consumerKey: Secret(keys.consumerKey), consumerSecret: Secret(keys.consumerSecret)))
        }
        try await LogixDatabase.withOpen(try DatabaseLocation(parsing: databaseURL), logger: logger) { database in
            let scheduler = SyncScheduler(
                database: database, clients: channels,
                options: .init(concurrency: concurrency, wakesWhenDue: !pollOnly), owner: owner,
                logger: logger, observer: { output.record($0) })
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await scheduler.run() }
                group.addTask {
                    let clock = ContinuousClock()
                    let end = clock.now + .milliseconds(Int64(seconds * 1000))
                    while clock.now < end {
                        output.sampleCPU()
                        try await Task.sleep(for: min(.seconds(5), end - clock.now))
                    }
                    output.sampleCPU()
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }
}
