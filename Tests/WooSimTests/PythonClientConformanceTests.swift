import Foundation
import Spawn
import Testing

@testable import WooSim

/// Runs Tests/Conformance/python_client_conformance.py (the official `woocommerce` Python client) against a
/// sim on plain http. Fails — never skips — when python3 or the package is missing: CI installs them.
@Suite("Official Python client")
struct PythonClientConformanceTests {
    @Test("woocommerce 3.0.0 pages, updates, batches and manages webhooks against the sim")
    func pythonClient() async throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Conformance/python_client_conformance.py")
        #expect(FileManager.default.fileExists(atPath: script.path))
        try await withSim(orders: 350) { sim, _ in
            let output = Pipe()
            let process = try ChildProcess(
                executable: URL(fileURLWithPath: "/usr/bin/env"),
                arguments: [
                    "python3", script.path, sim.baseURL, sim.readWriteKeys.consumerKey,
                    sim.readWriteKeys.consumerSecret,
                ],
                output: .pipe(output), error: .pipe(output))
            // Read on a thread of its own: a blocking read on one of the (two, on this machine) cooperative
            // threads would starve the simulator this script is talking to, and every other test.
            let data: Data = await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    continuation.resume(returning: output.fileHandleForReading.readDataToEndOfFile())
                }
            }
            let termination = await process.exit()
            let text = String(decoding: data, as: UTF8.self)
            #expect(termination.status == 0 && !termination.bySignal, "python client conformance failed:\n\(text)")
        }
    }
}
