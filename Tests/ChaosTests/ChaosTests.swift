import Foundation
import Logging
import LogixChaos
import LogixTestSupport
import Storage
import Testing
import WooSim

/// The chaos suite: real `logix serve` processes on one PostgreSQL database, a store with faults, traffic,
/// and servers killed with SIGKILL — and afterwards every order, event and stock figure where it belongs.
@Suite struct ChaosTests {
    @Test func nothingIsLostWhenServersAreKilledUnderStoreFaults() async throws {
        let (location, cleanup) = try await TestDatabases.makeLocation(.postgres)
        guard case .postgres(url: let url) = location else { throw ChaosError("not a PostgreSQL database") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("logix-chaos-\(UUID().uuidString)")
        var options = ChaosOptions(
            traffic: .seconds(60), seed: 20_261_204, databaseURL: url, executable: try LogixProcess.executable(),
            workDirectory: folder)
        options.kills = 4
        options.convergenceTimeout = .seconds(150)
        var logger = Logger(label: "logix.chaos.test")
        logger.logLevel = .warning
        let report: ChaosReport
        do {
            report = try await ChaosRun.run(options, logger: logger) { print("chaos: \($0)") }
        } catch {
            try? await cleanup()
            throw error
        }
        try await cleanup()
        print(report)

        #expect(report.passed, "\(report)")
        #expect(report.lost == 0 && report.duplicated == 0 && report.stale == 0)
        #expect(report.fulfillmentMismatches == 0 && report.stockMismatches == 0)
        #expect(report.pendingUpdates == 0 && report.deadUpdates == 0 && report.syncRunProblems == 0)
        // The run really was chaotic: kills, faults of every kind, and warehouse traffic that reached the store.
        #expect(report.kills == 4)
        #expect(report.faults.serverErrors > 0 && report.faults.rateLimited > 0)
        #expect(report.faults.webhooksDropped > 0 && report.faults.webhooksDuplicated > 0)
        #expect((report.warehouseEvents["shipped"] ?? 0) > 0, "\(report)")
        #expect(report.ordersPlaced > 20, "\(report)")
        if report.passed { try? FileManager.default.removeItem(at: folder) }
    }
}
