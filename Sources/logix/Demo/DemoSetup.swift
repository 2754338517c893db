import Foundation
import LogixCore
import LogixServer
import Storage
import Sync
import WooSim

/// The demo's set-up, through the same use cases the API and the dashboard call: the demo user, the store
/// connected as an integration, its catalogue pulled with stock on hand, webhooks registered, and a sync —
/// full the first time, incremental after. A second run finds the user and the integration and creates neither.
struct DemoSetup {
    let services: ServerServices
    let store: DemoStore
    let folder: DemoFolder

    /// Who and what the running demo works with.
    struct Session: Sendable {
        let userID: Int64
        let integrationID: Int64
    }

    func run(state: inout DemoState) async throws -> Session {
        let userID = try await user(state)
        let (integration, created) = try await integration(state: state, userID: userID)
        state.integrationID = integration.id
        try state.save(to: folder)
        if created || !state.imported {
            try await stock(userID: userID, integrationID: integration.id, seed: state.seed)
        }
        if !created { try await skipKnownOrderIds(userID: userID, integrationID: integration.id) }
        let registered = try await services.webhookRegistration.register(
            userID: userID, integrationID: integration.id, topics: nil)
        let changed = registered.webhooks.filter { $0.action != .kept }.count
        DemoLog.line(
            "logix",
            changed == 0
                ? "webhooks in place: the store tells Logix about every order and product change"
                : "webhooks registered at the store: \(registered.webhooks.count) topics (\(changed) new or repaired)")
        try await sync(full: !state.imported, userID: userID, integrationID: integration.id)
        state.imported = true
        try state.save(to: folder)
        return Session(userID: userID, integrationID: integration.id)
    }

    /// The demo user, created the first time (or given the folder's password again if the state file was new).
    private func user(_ state: DemoState) async throws -> Int64 {
        let users = services.users
        let hash = { try await services.passwords.hash(state.password) }
        if let found = try await users.find(email: state.email) {
            let matches = try await services.passwords.verify(state.password, hash: found.passwordHash)
            if !matches {
                _ = try await users.changePassword(email: state.email, passwordHash: try await hash())
                DemoLog.line(
                    "logix", "password of \(state.email) set to the one in \(folder.stateFile.lastPathComponent)")
            }
            return found.id
        }
        let created = try await users.create(email: state.email, passwordHash: try await hash())
        DemoLog.line("logix", "demo user \(created.email) created")
        return created.id
    }

    /// The integration of the demo store: the one the state names, else one of the user's at the store's URL,
    /// else a new one (checked against the store, like every connection).
    private func integration(state: DemoState, userID: Int64) async throws -> (IntegrationRecord, created: Bool) {
        let integrations = services.integrations
        let storeURL = store.sim.baseURL
        if let id = state.integrationID, let record = try? await integrations.find(id: id, userID: userID),
            record.storeURL == storeURL
        {
            return (record, false)
        }
        let mine = try await integrations.list(userID: userID, page: 1, perPage: 1000).items
        if let record = mine.first(where: { $0.storeURL == storeURL }) { return (record, false) }
        let record = try await integrations.create(
            userID: userID, storeURL: storeURL, consumerKey: store.sim.readWriteKeys.consumerKey,
            consumerSecret: store.sim.readWriteKeys.consumerSecret,
            settings: IntegrationSettingsChange(name: "Demo store (WooSim)", shipmentTrackingMeta: true))
        DemoLog.line("logix", "store \(storeURL) connected as integration \(record.id), \"\(record.name)\"")
        return (record, true)
    }

    /// A demo stopped without saving its store (killed, a power cut) restarts from the store's last save, which
    /// may be older than orders Logix imported: new orders must not take their ids.
    private func skipKnownOrderIds(userID: Int64, integrationID: Int64) async throws {
        // The newest changes are where orders placed after the store's last save are.
        let recent = try await services.orders.list(
            userID: userID, integrationID: integrationID, status: nil, flaggedForReview: nil, page: 1, perPage: 100)
        guard let newest = recent.items.map(\.externalID).max(), newest > (await store.sim.highestOrderId) else {
            return
        }
        await store.sim.reserveOrderIds(through: Int(newest))
        DemoLog.line("store", "orders up to #\(newest) were placed after the store's last save; new orders follow them")
    }

    /// The catalogue's SKUs mapped, and stock on hand for each (which Logix then pushes to the store).
    private func stock(userID: Int64, integrationID: Int64, seed: UInt64) async throws {
        let report = try await services.productSync.run(
            userID: userID, integrationID: integrationID, direction: "pull", skus: nil)
        if let pulled = report.pulled {
            DemoLog.line(
                "logix",
                "catalogue pulled: \(pulled.products) products, \(pulled.variations) variations, "
                    + "\(pulled.mapped) SKUs mapped")
        }
        var random = DemoRandom(seed: seed, stream: 3)
        let inventory = services.inventory
        var page = 1
        var counted = 0
        while true {
            let (items, total) = try await inventory.levels(userID: userID, page: page, perPage: 100)
            for item in items {
                _ = try await inventory.setOnHand(120 + random.below(360), sku: item.level.sku, userID: userID)
                counted += 1
            }
            if items.isEmpty || page * 100 >= total { break }
            page += 1
        }
        DemoLog.line("logix", "stock counted: \(counted) SKUs on hand in the warehouse, pushed to the store")
    }

    /// Runs a sync and waits for it, telling how it went.
    private func sync(full: Bool, userID: Int64, integrationID: Int64) async throws {
        let syncs = services.orderSyncs
        let job: SyncJobs.Job
        do {
            job = try await syncs.start(
                userID: userID, integrationID: integrationID, mode: full ? .full : .incremental, statuses: nil,
                after: nil, before: nil)
        } catch let error as SyncError where error.kind == .alreadyRunning {
            DemoLog.line("logix", "a sync of the store is already running")
            return
        }
        DemoLog.line("logix", full ? "full sync of the store's orders started" : "catching up with the store")
        let started = ContinuousClock.now
        // Polled rather than awaited: the wait must end when Ctrl-C cancels the demo's set-up.
        while true {
            try await Task.sleep(for: .milliseconds(200))
            let run = try await syncs.run(userID: userID, integrationID: integrationID, runID: job.runID, entries: 0)
                .run
            guard run.state != .running else { continue }
            let elapsed = (ContinuousClock.now - started).components
            let seconds = String(
                format: "%.1f s", Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1_000_000_000_000_000_000)
            let counts = run.counts
            guard run.state == .succeeded else {
                throw DemoFailure(
                    "the sync of the demo store ended \(run.state.rawValue): \(run.errors.joined(separator: "; "))")
            }
            DemoLog.line(
                "logix",
                "sync done in \(seconds): \(counts.total) orders read, \(counts.created) new, \(counts.updated) updated, "
                    + "\(counts.skipped) skipped")
            return
        }
    }
}
