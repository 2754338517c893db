import Foundation
import WooSim

/// What a chaos run did and what it found: the traffic, the faults and kills it survived, how long the end
/// state took to converge, and every difference left if it did not.
public struct ChaosReport: Sendable, Codable, CustomStringConvertible {
    public var seed: UInt64
    public var servers: Int
    public var trafficSeconds: Double
    /// Orders in the store at the end, and in Logix.
    public var storeOrders: Int
    public var logixOrders: Int
    public var ordersPlaced: Int
    public var ordersEdited: Int
    public var ordersCancelledInStore: Int
    /// Warehouse events Logix accepted, by kind; refused ones (illegal steps) and ones whose answer was lost.
    public var warehouseEvents: [String: Int]
    public var warehouseEventsRefused: Int
    public var warehouseEventsAmbiguous: Int
    public var stockCounts: Int
    public var kills: Int
    /// Webhook deliveries the store attempted (duplicates included, dropped ones not).
    public var webhookDeliveries: Int
    public var faults: WooSimFaultTally
    /// Seconds from the end of traffic until every check passed; nil if they never did.
    public var convergenceSeconds: Double?
    public var lost: Int
    public var duplicated: Int
    public var stale: Int
    public var fulfillmentMismatches: Int
    public var pendingUpdates: Int
    public var deadUpdates: Int
    public var stockMismatches: Int
    public var syncRuns: Int
    public var syncRunProblems: Int
    /// Every difference left at the end (empty when converged).
    public var problems: [String]

    /// Converged with nothing lost, duplicated or left behind.
    public var passed: Bool { convergenceSeconds != nil && problems.isEmpty }

    public var description: String {
        let events = warehouseEvents.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        var lines = [
            "chaos run, seed \(seed): \(servers) servers on one PostgreSQL, \(Int(trafficSeconds)) s of traffic",
            "  orders        \(storeOrders) in the store, \(logixOrders) in Logix (\(ordersPlaced) placed, "
                + "\(ordersEdited) edited, \(ordersCancelledInStore) cancelled in the store during the run)",
            "  warehouse     \(events.isEmpty ? "none" : events); \(warehouseEventsRefused) refused as illegal, "
                + "\(warehouseEventsAmbiguous) answers lost with a killed server (looked up)",
            "  stock         \(stockCounts) counts set through the API",
            "  webhooks      \(webhookDeliveries) deliveries attempted: \(faults.webhooksDropped) dropped, "
                + "\(faults.webhooksDuplicated) duplicated, \(faults.webhooksReordered) reordered",
            "  store faults  \(faults.serverErrors) 5xx, \(faults.rateLimited) 429, \(faults.hung) hung, "
                + "\(faults.droppedConnections) dropped connections",
            "  kills         \(kills) × SIGKILL, each server restarted",
            "  converged     "
                + (convergenceSeconds.map { String(format: "in %.1f s after traffic stopped", $0) } ?? "NO"),
            "  lost \(lost), duplicated \(duplicated), stale \(stale), fulfillment mismatches \(fulfillmentMismatches), "
                + "store updates pending \(pendingUpdates) / dead \(deadUpdates), stock mismatches \(stockMismatches), "
                + "sync runs \(syncRuns) (\(syncRunProblems) incoherent)",
        ]
        if !problems.isEmpty {
            lines.append("  left over (\(problems.count)):")
            lines += problems.prefix(40).map { "    - \($0)" }
            if problems.count > 40 { lines.append("    … and \(problems.count - 40) more") }
        }
        lines.append(passed ? "PASSED" : "FAILED")
        return lines.joined(separator: "\n")
    }
}
