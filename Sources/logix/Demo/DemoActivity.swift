import Foundation
import LogixServer
import ServiceLifecycle
import WooSim

/// The demo's life once Logix listens: the set-up (``DemoSetup``), the banner saying where to look, then the
/// store's traffic and the warehouse side by side until Ctrl-C. A service of the demo's group, so graceful
/// shutdown cancels it first, before the store and Logix stop.
struct DemoActivity: Service {
    let services: ServerServices
    let store: DemoStore
    let folder: DemoFolder
    let state: DemoState
    let interval: Duration
    /// Logix's base URL, once it listens (finished without one if it could not start).
    let ready: AsyncStream<String>

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await live() }
        } catch {
            // Stopped by Ctrl-C, whatever it interrupted (a sleep, the first sync): a clean end.
            guard Task.isCancelled || Task.isShuttingDownGracefully else { throw error }
        }
    }

    private func live() async throws {
        var urls = ready.makeAsyncIterator()
        guard let url = await urls.next() else { return }
        DemoLog.line("logix", "listening at \(url)")
        var state = state
        let session = try await DemoSetup(services: services, store: store, folder: folder).run(state: &state)
        banner(url: url, state: state)
        let seed = state.seed &+ UInt64(state.runs)
        let traffic = DemoStoreTraffic(sim: store.sim, interval: interval, seed: seed)
        let warehouse = DemoWarehouse(
            fulfillments: services.fulfillments, orders: services.orders, session: session, interval: interval,
            seed: seed)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await traffic.run() }
            group.addTask { try await warehouse.run() }
        }
    }

    private func banner(url: String, state: DemoState) {
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        let every = seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
        DemoLog.say(
            """

            Logix demo is running.

              Dashboard  \(url)/
              Sign in    \(state.email) / \(state.password)
              Store      \(store.sim.baseURL) (simulated WooCommerce, REST API at \(store.sim.apiRoot))
              API        \(url)/api/v1 (token: POST \(url)/api/v1/auth/token; reference: \(url)/openapi.json)
              Data       \(folder.path)

            A shopper places an order every \(every) or so; some pay later, edit or cancel. A simulated
            warehouse picks, packs and ships (DHL, UPS, PostNL, sometimes in two parcels) and Logix sends the
            status and tracking back to the store. Nothing opens by itself: open the dashboard in a browser.
            Ctrl-C stops everything; `logix demo` again continues with the same data (delete \(folder.path)
            to start over).

            """)
    }
}
