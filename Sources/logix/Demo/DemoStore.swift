import Foundation
import NIOCore
import ServiceLifecycle
import WooSim

/// The demo's shop: a simulated WooCommerce store (WooSim) on a fixed port, started from the demo folder's
/// snapshot when there is one, and saved there every `saveInterval` and once more when the demo stops — so a
/// second run finds the same orders, stock and webhooks at the same URL.
struct DemoStore: Service {
    let sim: WooSim
    let folder: DemoFolder
    /// Whether the store came from the folder's snapshot (false: a new store, generated from the seed).
    let restored: Bool
    let saveInterval: Duration

    /// Starts the store on `port` (0: any free port), from the folder's snapshot if there is one.
    static func start(
        folder: DemoFolder, host: String, port: Int, orders: Int, seed: UInt64, saveInterval: Duration = .seconds(10)
    ) async throws(DemoFailure) -> DemoStore {
        var configuration = WooSimConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.seed = seed
        configuration.orderCount = orders
        // Variations enough to show: a T-shirt in four colours, four sizes each.
        configuration.shirtColors = 4
        if let data = try folder.read(folder.storeFile) {
            do {
                configuration.restoring = try WooSimSnapshot(decoding: data)
            } catch {
                throw DemoFailure(
                    "\(folder.storeFile.path) cannot be read (\(error.message)); delete the folder to start over")
            }
        }
        do {
            let sim = try await WooSim.start(configuration)
            return DemoStore(
                sim: sim, folder: folder, restored: configuration.restoring != nil, saveInterval: saveInterval)
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            // A restored store must keep its port: the integration knows it by its URL.
            let change =
                configuration.restoring == nil
                ? "choose another port with --store-port"
                : "stop that program: this folder's store lives at that port; or start a new demo with --store-port "
                    + "and another --data-dir"
            throw DemoFailure(
                "port \(port) on \(host) is already in use by another program: the simulated store needs it (\(change))"
            )
        } catch {
            throw DemoFailure("the simulated store did not start on \(host):\(port): \(error)")
        }
    }

    /// The store's port, as its URL says.
    var port: Int {
        Int(sim.baseURL.split(separator: ":").last ?? "") ?? 0
    }

    /// Saves now and then until the demo stops, then saves a last time and stops the store.
    func run() async throws {
        let saved = await cancelWhenGracefulShutdown {
            var last: Data?
            while !Task.isCancelled {
                try? await Task.sleep(for: saveInterval)
                guard !Task.isCancelled else { break }
                last = await save(unless: last)
            }
            return last
        }
        _ = await save(unless: saved)
        await sim.stop()
    }

    /// Writes the store's snapshot unless it is byte for byte `previous`; returns what the file holds now.
    private func save(unless previous: Data?) async -> Data? {
        do {
            let data = try await sim.snapshot().encoded()
            if data != previous { try folder.write(data, to: folder.storeFile) }
            return data
        } catch {
            DemoLog.line("store", "could not save the store to \(folder.storeFile.path): \(error)")
            return previous
        }
    }
}
