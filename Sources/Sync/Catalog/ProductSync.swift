import Foundation
import LogixCore
import Storage

/// The use case of a product sync a user asks for: `pull` refreshes the SKU map from the store's catalogue;
/// `push` queues Logix's stock of every mapped SKU (or of the given ones) for the store through the outbox;
/// `both` pulls, then pushes to the fresh map.
public struct ProductSync: Sendable {
    /// Which way the products go.
    public enum Direction: String, Sendable, CaseIterable {
        case pull, push, both
    }

    /// What a product sync did: the pull's counts (when it pulled), the SKUs queued (when it pushed).
    public struct Report: Sendable {
        public var pulled: CatalogPuller.Report?
        public var pushesQueued: Int?
    }

    let database: LogixDatabase
    let channels: any SalesChannelProvider
    let signal: OutboxSignal
    let clock: any LogixClock

    public init(
        database: LogixDatabase, channels: any SalesChannelProvider, signal: OutboxSignal, clock: any LogixClock
    ) {
        self.database = database
        self.channels = channels
        self.signal = signal
        self.clock = clock
    }

    /// Runs a product sync for the user's integration; `direction` defaults to `pull`.
    public func run(userID: Int64, integrationID: Int64, direction text: String?, skus: [String]?) async throws
        -> Report
    {
        let record = try await Integrations.find(id: integrationID, userID: userID, in: database)
        guard let direction = Direction(rawValue: text ?? "pull") else {
            throw SyncError.invalid(["direction": "one of pull, push, both"])
        }
        if let skus, skus.isEmpty || skus.count > 10_000 || skus.contains(where: \.isEmpty) {
            throw SyncError.invalid(["skus": "1 to 10,000 non-empty SKUs"])
        }
        var report = Report()
        if direction != .push {
            let channel = try channels.channel(for: record)
            do {
                report.pulled = try await CatalogPuller(channel: channel, database: database)
                    .pull(integrationID: integrationID, at: clock.now())
                try? await channel.shutdown()
            } catch {
                try? await channel.shutdown()
                throw error
            }
        }
        if direction != .pull {
            let now = clock.now()
            let queued = try await database.transaction { sql in
                if let skus {
                    return try await StockPushPlanner().enqueue(
                        skus: skus, ownerID: userID, integrationIDs: [integrationID], at: now, on: sql)
                }
                return try await StockPushPlanner().enqueueAll(integrationID: integrationID, at: now, on: sql)
            }
            report.pushesQueued = Set(queued).count
            if !queued.isEmpty { signal.notify() }
        }
        return report
    }
}
