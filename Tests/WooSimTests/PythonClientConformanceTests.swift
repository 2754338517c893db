import Foundation
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
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", script.path, sim.baseURL, sim.readWriteKeys.consumerKey, sim.readWriteKeys.consumerSecret,
            ]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            // Read on a thread of its own: a blocking read on one of the (two, on this machine) cooperative
            // threads would starve the simulator this script is talking to, and every other test.
            let data: Data = await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    continuation.resume(returning: output.fileHandleForReading.readDataToEndOfFile())
                }
            }
            process.waitUntilExit()
            let text = String(decoding: data, as: UTF8.self)
            #expect(process.terminationStatus == 0, "python client conformance failed:\n\(text)")
        }
    }
}
