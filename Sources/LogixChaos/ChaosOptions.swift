import Foundation
import WooSim

/// What a chaos run does: how long traffic and kills go on, with what seed, against which PostgreSQL
/// database, with which `logix` executable.
public struct ChaosOptions: Sendable {
    /// How long traffic flows and servers are killed; convergence is waited for after it.
    public var traffic: Duration
    /// Draws the traffic, the kill times and the store's faults: a seed names a run.
    public var seed: UInt64
    /// A PostgreSQL database the servers share (its schema is migrated; a fresh one is best).
    public var databaseURL: String
    /// The `logix` executable the servers run.
    public var executable: URL
    /// Where the servers' key files and logs go.
    public var workDirectory: URL
    /// `logix serve` processes behind the load balancer.
    public var servers = 2
    /// SIGKILLs over the traffic period, at random moments; `nil` → one every 20 s, at least 3.
    public var kills: Int?
    /// How long the end state may take to converge once traffic stops.
    public var convergenceTimeout: Duration = .seconds(240)
    /// Actions (orders, edits, warehouse events, stock counts) a second.
    public var actionsPerSecond: Double = 4
    /// Orders the store holds before the run.
    public var initialOrders = 60
    /// The store's faults while traffic flows; off while converging.
    public var faults: WooSimFaults

    public init(traffic: Duration, seed: UInt64, databaseURL: String, executable: URL, workDirectory: URL) {
        self.traffic = traffic
        self.seed = seed
        self.databaseURL = databaseURL
        self.executable = executable
        self.workDirectory = workDirectory
        self.faults = Self.faults(seed: seed)
    }

    /// The mix: 10 % 5xx, 429 with `Retry-After`, hung requests, dropped connections, and webhooks 20 %
    /// duplicated, 10 % reordered, 10 % dropped.
    public static func faults(seed: UInt64) -> WooSimFaults {
        WooSimFaults(
            latencyMilliseconds: 5, latencyJitterMilliseconds: 20, serverErrorRate: 0.10, rateLimitRate: 0.05,
            retryAfterSeconds: 1, hangRate: 0.01, hangSeconds: 3, dropConnectionRate: 0.02,
            webhookDuplicateRate: 0.20, webhookReorderRate: 0.10, webhookReorderDelayMilliseconds: 500,
            webhookDropRate: 0.10, seed: seed)
    }

    var killCount: Int {
        kills ?? max(3, Int(traffic.components.seconds / 20))
    }
}
