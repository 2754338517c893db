import ArgumentParser
import Foundation
import Hummingbird
import Logging
import LogixServer
import NIOCore
import ServiceLifecycle
import Storage
import Sync
import UnixSignals
import WooSim

/// `logix demo`: Logix with a simulated store and warehouse, no other server needed — a store with a few
/// hundred orders, Logix on SQLite in a folder of its own, a demo user, the store connected and synced, then
/// live orders and fulfillment until Ctrl-C. A second run on the same folder continues with the same data.
///
/// Logix, the store and the demo's activity are services of one group: Ctrl-C (SIGINT) or SIGTERM stops the
/// activity first, then saves and stops the store, then Logix.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Try Logix: a simulated store and warehouse with live orders, and the dashboard to watch them.",
        discussion: """
            Everything runs in this one process and stays on this machine (127.0.0.1). The data is kept in \
            --data-dir; run the command again to continue where it stopped, or delete the folder to start over.
            """)

    @Option(name: .customLong("data-dir"), help: "The demo's folder: database, keys, the store's snapshot.")
    var dataDirectory: String = "./logix-demo"

    @Option(help: "Logix's port (default 8080, or the one this folder's demo used last).")
    var port: Int?

    @Option(
        name: .customLong("store-port"),
        help: "The simulated store's port (default 8090; a folder's store keeps the port it started on).")
    var storePort: Int?

    @Option(help: "Orders the store starts with (default 300; only for a new folder).")
    var orders: Int?

    @Option(help: "Seconds between the store's events and between the warehouse's rounds.")
    var interval: Double = 3

    @Option(help: "Seed of the store and of its traffic (a new folder only; default 42).")
    var seed: UInt64?

    @Option(name: .customLong("log-level"), help: "Logix's log level on stderr: trace … critical (default warning).")
    var logLevelName: String = "warning"

    static let host = "127.0.0.1"

    func validate() throws {
        for (flag, value) in [("--port", port), ("--store-port", storePort)] {
            if let value, !(0...65535).contains(value) { throw ValidationError("\(flag) must be a port number") }
        }
        if let orders, !(0...100_000).contains(orders) {
            throw ValidationError("--orders must be between 0 and 100000")
        }
        guard interval >= 0.05, interval <= 3600 else {
            throw ValidationError("--interval must be between 0.05 and 3600 seconds")
        }
        guard Logger.Level(rawValue: logLevelName) != nil else {
            throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical")
        }
    }

    func run() async throws {
        // A failure to start is one line on stderr naming what to change, and a non-zero status.
        do {
            try await demo()
        } catch let failure as StartupFailure {
            StandardError.write("logix demo: \(failure)")
            throw ExitCode.failure
        } catch let failure as DemoFailure {
            StandardError.write("logix demo: \(failure)")
            throw ExitCode.failure
        }
    }

    private func demo() async throws {
        let folder = DemoFolder(path: dataDirectory)
        try folder.create()
        var state = try prepareState(in: folder)
        var logger = Logger(label: "logix.demo")
        logger.logLevel = Logger.Level(rawValue: logLevelName) ?? .warning

        let configuration = try serverConfiguration(folder: folder, port: state.logixPort)
        let services = try await ServerServices.open(configuration: configuration, logger: logger)
        let store: DemoStore
        do {
            store = try await DemoStore.start(
                folder: folder, host: Self.host, port: state.storePort, orders: state.initialOrders, seed: state.seed)
        } catch {
            await services.close()
            await services.database.closeUnlessRun()
            throw error
        }
        if state.storePort == 0 { state.storePort = store.port }
        try state.save(to: folder)
        let orderCount = await store.sim.highestOrderId
        DemoLog.line(
            "store",
            store.restored
                ? "simulated store restored at \(store.sim.baseURL): \(orderCount) orders so far"
                : "simulated store opened at \(store.sim.baseURL) with \(orderCount) orders of the last 90 days")

        let (ready, announce) = AsyncStream.makeStream(of: String.self)
        let application = buildApplication(services: services) { url in
            announce.yield(url)
            announce.finish()
        }
        let activity = DemoActivity(
            services: services, store: store, folder: folder, state: state, interval: .seconds(interval),
            ready: ready)
        var group = ServiceGroupConfiguration(
            services: [application, store, activity], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // A stop that hangs (a store that does not answer) ends by cancellation rather than never.
        group.maximumGracefulShutdownDuration = .seconds(30)
        do {
            try await ServiceGroup(configuration: group).run()
        } catch {
            announce.finish()
            await services.database.closeUnlessRun()
            if let error = error as? IOError, error.errnoCode == EADDRINUSE {
                throw DemoFailure(
                    "port \(state.logixPort) on \(Self.host) is already in use by another program: Logix needs it "
                        + "(choose another port with --port)")
            }
            if let failure = StartupFailure.listening(error, host: Self.host, port: state.logixPort) { throw failure }
            throw error
        }
        DemoLog.say("Stopped; the demo is saved in \(folder.path). Run `logix demo` again to continue.")
    }

    /// The folder's state, or a new one from the flags; checked against the flags.
    private func prepareState(in folder: DemoFolder) throws -> DemoState {
        guard var state = try DemoState.load(from: folder) else {
            let state = DemoState(
                email: DemoState.defaultEmail, password: DemoState.newPassword(),
                logixPort: port ?? DemoState.defaultLogixPort, storePort: storePort ?? DemoState.defaultStorePort,
                seed: seed ?? DemoState.defaultSeed, initialOrders: orders ?? DemoState.defaultOrders,
                integrationID: nil, imported: false, runs: 1)
            // Saved once the store has started on its port: a first start that fails may choose another.
            return state
        }
        // The integration knows the store by its URL: the store of a folder stays on its port.
        if let storePort, storePort != state.storePort, storePort != 0 {
            throw DemoFailure(
                "the store of the demo in \(folder.path) is at port \(state.storePort), not \(storePort) (run "
                    + "without --store-port, or start a new demo with another --data-dir)")
        }
        if let port { state.logixPort = port }
        state.runs += 1
        return state
    }

    /// Logix as `logix serve` would run it, on the folder's SQLite file and keys: on loopback, with private
    /// store addresses allowed (the store is on 127.0.0.1) — for the demo only. Nothing is read from the
    /// environment, so a `LOGIX_*` variable meant for a real server cannot point the demo elsewhere.
    private func serverConfiguration(folder: DemoFolder, port: Int) throws -> ServerConfiguration {
        do {
            return try ServerConfiguration(environment: [
                "LOGIX_HOST": Self.host, "LOGIX_PORT": String(port), "LOGIX_DATABASE_URL": folder.databasePath,
                "LOGIX_DATA_DIR": folder.path, "LOGIX_ALLOW_PRIVATE_STORES": "1",
            ])
        } catch {
            throw StartupFailure(configuration: error)
        }
    }
}
