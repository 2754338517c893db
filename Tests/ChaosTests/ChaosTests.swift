import Foundation
import LogixChaos
import LogixTestSupport
import Storage
import Testing
import WooSim

/// The chaos suite: real `logix serve` processes on one PostgreSQL database, a store with faults, traffic,
/// and servers killed with SIGKILL — and afterwards every order, event and stock figure where it belongs.
///
/// The run is `logix chaos`, as an operator starts it, in a process of its own: its simulated store, load balancer
/// and traffic then take their CPU from the machine, not from this test process's cooperative threads, which every
/// other test shares.
@Suite struct ChaosTests {
    @Test func nothingIsLostWhenServersAreKilledUnderStoreFaults() async throws {
        let (location, cleanup) = try await TestDatabases.makeLocation(.postgres)
        guard case .postgres(url: let url) = location else { throw ChaosError("not a PostgreSQL database") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("logix-chaos-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let reportFile = folder.appendingPathComponent("report.json")
        let outcome: LogixProcess.Outcome
        do {
            // A minute of traffic; the convergence wait comes after it (at most 240 s).
            outcome = try await LogixProcess.run(
                [
                    "chaos", "--minutes", "1", "--seed", "20261204", "--kills", "4", "--database-url", url,
                    "--work-dir", folder.path, "--report-file", reportFile.path,
                ], in: folder, timeout: 900)
        } catch {
            try? await cleanup()
            throw error
        }
        try await cleanup()
        print(outcome.standardOutput)
        #expect(outcome.status == 0 && !outcome.crashed, "\(outcome)")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let report = try decoder.decode(ChaosReport.self, from: Data(contentsOf: reportFile))

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

    /// A report that could not be written is told before the run, not after its minutes of traffic.
    @Test func aReportFileThatCannotBeWrittenIsRefusedAtOnce() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("logix-chaos-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await LogixProcess.run(
            [
                "chaos", "--database-url", "postgres://127.0.0.1:1/none", "--report-file",
                folder.appendingPathComponent("missing/report.json").path,
            ], in: folder)
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.standardError.contains("--report-file: cannot write in \(folder.path)/missing"), "\(outcome)")
        #expect(!outcome.standardOutput.contains("chaos run, seed"), "\(outcome)")
    }
}
