import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1
import SimHosting
import Spawn
import Synchronization
import WooSim

/// A chaos run: real `logix serve` processes on one PostgreSQL database behind a load balancer, a simulated
/// store with faults, traffic from shoppers, the shop and the warehouse, and servers killed with SIGKILL at
/// random moments and restarted — then, with the faults off, the wait until the store and Logix agree
/// (``ConvergenceCheck``). What it did and found is the ``ChaosReport``; `logix chaos` prints it and the chaos
/// test asserts it passed.
///
/// Servers are killed, never stopped, during the run: that is the crash the design's "Nothing lost" rule
/// (ARCHITECTURE.md) must survive — an answered webhook is committed, a claimed store update is sent after its
/// lease runs out, a sync resumes from its checkpoint.
public enum ChaosRun {
    /// Runs the whole scenario; `progress` hears each phase.
    public static func run(
        _ options: ChaosOptions, logger: Logger, progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> ChaosReport {
        try FileManager.default.createDirectory(at: options.workDirectory, withIntermediateDirectories: true)
        var storeConfiguration = WooSimConfiguration()
        storeConfiguration.seed = options.seed
        storeConfiguration.orderCount = options.initialOrders
        storeConfiguration.productCount = 12
        let sim = try await WooSim.start(storeConfiguration)
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.redirectConfiguration = .disallow
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        let balancer = LoadBalancer(client: client)
        let servers = Servers()
        do {
            let report = try await withThrowingTaskGroup(of: Void.self, returning: ChaosReport.self) { group in
                let (addresses, listening) = AsyncStream.makeStream(of: String.self)
                group.addTask {
                    // Its shutdown on cancellation is routine: only a critical message is worth showing.
                    var quiet = logger
                    quiet.logLevel = .critical
                    try await balancer.run(logger: quiet) { listening.yield($0) }
                }
                var iterator = addresses.makeAsyncIterator()
                guard let balancerURL = await iterator.next() else {
                    throw ChaosError("the load balancer did not start")
                }
                let scenario = Scenario(
                    options: options, sim: sim, client: client, balancer: balancer, balancerURL: balancerURL,
                    servers: servers, progress: progress)
                let report = try await scenario.run()
                group.cancelAll()
                return report
            }
            await servers.stopAll()
            await sim.stop()
            try await client.shutdown()
            return report
        } catch {
            await servers.killAll()
            await sim.stop()
            try? await client.shutdown()
            throw error
        }
    }
}

/// The server processes of a run, so that however the run ends none is left behind.
final class Servers: Sendable {
    private let all = Mutex<[LogixProcess]>([])

    func add(_ server: LogixProcess) { all.withLock { $0.append(server) } }
    func stopAll() async { for server in all.withLock({ $0 }) { await server.stop() } }
    func killAll() async { for server in all.withLock({ $0 }) { await server.kill() } }
}

/// The run's phases, in order: set up, traffic with kills, converge.
private struct Scenario: Sendable {
    let options: ChaosOptions
    let sim: WooSim
    let client: HTTPClient
    let balancer: LoadBalancer
    let balancerURL: String
    let servers: Servers
    let progress: @Sendable (String) -> Void

    func run() async throws -> ChaosReport {
        let processes = try startServers()
        for server in processes {
            try await server.start(client: client)
            balancer.markUp(server)
        }
        progress("\(processes.count) servers up behind \(balancerURL)")
        let (api, integrationID) = try await connectStore()
        let skus = try await api.readAll("/api/v1/inventory", as: APIStockLevel.self).map(\.sku)
        for sku in skus {
            let encoded = sku.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? sku
            _ = try await api.expectSuccess(.PUT, "/api/v1/inventory/\(encoded)", body: #"{"on_hand": 500}"#)
        }
        progress("store connected: integration \(integrationID), \(skus.count) SKUs, first sync done")

        await sim.setFaults(options.faults)
        let traffic = ChaosTraffic(
            sim: sim, api: api, integrationID: integrationID, seed: options.seed, skus: skus)
        let interval = Duration.seconds(1 / max(options.actionsPerSecond, 0.1))
        var ledger = ChaosLedger()
        progress("traffic for \(options.traffic) with faults and \(options.killCount) kills")
        ledger.kills = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask { try await kill(processes, times: options.killCount) }
            try await traffic.run(for: options.traffic, interval: interval, ledger: &ledger)
            return try await group.next() ?? 0
        }
        await sim.setFaults(.none)
        progress("traffic stopped; waiting for the store and Logix to agree")

        let check = ConvergenceCheck(sim: sim, api: api, integrationID: integrationID)
        let clock = ContinuousClock()
        let stopped = clock.now
        var outcome = try await check.run(ledger: ledger)
        var converged: Duration?
        while true {
            if outcome.problems.isEmpty {
                converged = clock.now - stopped
                break
            }
            guard clock.now - stopped < options.convergenceTimeout else { break }
            try await Task.sleep(for: .seconds(3))
            outcome = try await check.run(ledger: ledger)
        }
        return report(ledger: ledger, outcome: outcome, converged: converged, api: api)
            .with(webhooks: await sim.webhookDeliveries.count, faults: await sim.injectedFaults)
    }

    private func startServers() throws -> [LogixProcess] {
        let data = options.workDirectory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        return try (1...max(1, options.servers)).map { number in
            let server = LogixProcess(
                number: number, port: try FreePort.find(host: "127.0.0.1"), executable: options.executable,
                environment: [
                    "LOGIX_DATABASE_URL": options.databaseURL, "LOGIX_DATA_DIR": data.path,
                    "LOGIX_PUBLIC_URL": balancerURL, "LOGIX_ALLOW_PRIVATE_STORES": "1",
                    // Every connection comes from the balancer's address, as behind any reverse proxy.
                    "LOGIX_MAX_CONNECTIONS_PER_CLIENT": "0",
                ],
                logFile: options.workDirectory.appendingPathComponent("server-\(number).log"))
            servers.add(server)
            return server
        }
    }

    /// A user, a token, the store connected (syncing every minute, with the Shipment Tracking meta), its
    /// catalogue pulled, webhooks registered and a first full sync finished.
    private func connectStore() async throws -> (LogixAPI, Int64) {
        let email = "chaos-\(options.seed)-\(Int(Date().timeIntervalSince1970))@example.test"
        let password = "chaos-password-\(options.seed)"
        try await addUser(email: email, password: password)
        var api = LogixAPI(client: client, baseURL: balancerURL)
        let token = try await api.expectSuccess(
            .POST, "/api/v1/auth/token", body: #"{"email": "\#(email)", "password": "\#(password)"}"#)
        api.token = try api.decode(APIToken.self, from: token).token
        let created = try await api.expectSuccess(
            .POST, "/api/v1/woocommerce/integrations",
            body: """
                {"store_url": "\(sim.baseURL)", "consumer_key": "\(sim.readWriteKeys.consumerKey)",
                 "consumer_secret": "\(sim.readWriteKeys.consumerSecret)", "integration_name": "Chaos store",
                 "sync_interval_minutes": 1, "fulfillment": {"shipment_tracking_meta": true}}
                """)
        let id = try api.decode(APICreated.self, from: created).id
        let base = "/api/v1/woocommerce/integrations/\(id)"
        _ = try await api.expectSuccess(.POST, base + "/products/sync", body: #"{"direction": "pull"}"#)
        _ = try await api.expectSuccess(.POST, base + "/webhooks", body: "{}")
        let started = try await api.expectSuccess(.POST, base + "/sync", body: #"{"mode": "full"}"#)
        let job = try api.decode(APISyncJob.self, from: started).jobID
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(120))
        while clock.now < deadline {
            let state = try api.decode(APISyncJob.Run.self, from: try await api.read(base + "/sync/\(job)")).state
            if state != "running" {
                guard state == "succeeded" else { throw ChaosError("the first full sync ended \(state)") }
                return (api, id)
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ChaosError("the first full sync did not finish within 120 s")
    }

    /// `logix users add`, as an operator runs it, with the password on standard input.
    private func addUser(email: String, password: String) async throws {
        let input = Pipe()
        let output = options.workDirectory.appendingPathComponent("users.log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let log = try FileHandle(forWritingTo: output)
        let process = try ChildProcess(
            executable: options.executable, arguments: ["users", "add", email, "--database-url", options.databaseURL],
            input: .pipe(input), output: .file(log), error: .file(log))
        input.fileHandleForWriting.write(Data("\(password)\n\(password)\n".utf8))
        try input.fileHandleForWriting.close()
        let termination = await process.exit()
        try? log.close()
        guard termination == ChildProcess.Termination(status: 0, bySignal: false) else {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            throw ChaosError("logix users add ended with \(termination): \(text)")
        }
    }

    /// Kills a random server at a random moment of each of `times` equal slots of the traffic period, and
    /// starts it again on its port after a second or two.
    private func kill(_ processes: [LogixProcess], times: Int) async throws -> Int {
        guard times > 0 else { return 0 }
        var random = ChaosRandom(seed: options.seed ^ 0x6B69_6C6C)
        let clock = ContinuousClock()
        let start = clock.now
        let slot = options.traffic / times
        for index in 0..<times {
            let at = start + slot * index + slot * (0.2 + 0.6 * random.unit())
            try await Task.sleep(until: at, clock: clock)
            let server = processes[random.below(processes.count)]
            balancer.markDown(server)
            await server.kill()
            progress("killed server \(server.number) (SIGKILL)")
            try await Task.sleep(for: .milliseconds(500 + random.below(1500)))
            try await server.start(client: client)
            balancer.markUp(server)
            progress("server \(server.number) restarted")
        }
        return times
    }

    private func report(ledger: ChaosLedger, outcome: ConvergenceCheck.Outcome, converged: Duration?, api: LogixAPI)
        -> ChaosReport
    {
        ChaosReport(
            seed: options.seed, servers: options.servers, trafficSeconds: options.traffic.seconds,
            storeOrders: outcome.storeOrders, logixOrders: outcome.logixOrders, ordersPlaced: ledger.placed.count,
            ordersEdited: ledger.edited, ordersCancelledInStore: ledger.cancelledInStore.count,
            warehouseEvents: ledger.events, warehouseEventsRefused: ledger.refused,
            warehouseEventsAmbiguous: ledger.ambiguous, stockCounts: ledger.stockSets, kills: ledger.kills,
            webhookDeliveries: 0, faults: WooSimFaultTally(), convergenceSeconds: converged?.seconds,
            lost: outcome.lost, duplicated: outcome.duplicated, stale: outcome.stale,
            fulfillmentMismatches: outcome.fulfillmentMismatches, pendingUpdates: outcome.pendingUpdates,
            deadUpdates: outcome.deadUpdates, stockMismatches: outcome.stockMismatches, syncRuns: outcome.syncRuns,
            syncRunProblems: outcome.syncRunProblems, problems: outcome.problems)
    }
}

extension ChaosReport {
    fileprivate func with(webhooks: Int, faults: WooSimFaultTally) -> ChaosReport {
        var report = self
        report.webhookDeliveries = webhooks
        report.faults = faults
        return report
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
