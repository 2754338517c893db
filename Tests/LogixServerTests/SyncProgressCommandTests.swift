import Foundation
import LogixTestSupport
import Spawn
import Testing
import WooSim

#if canImport(Glibc)
    import Glibc
#endif

/// `logix integrations sync`'s progress, in both of its modes: plain lines when its output is a pipe, a bar
/// redrawn in place on a terminal (a pseudo-terminal here, read byte for byte); and Ctrl-C, which stops the run
/// cleanly after the page in progress (exit 130) so that the next sync resumes it.
@Suite struct SyncProgressCommandTests {
    @Test func pipedOutputIsPlainLines() async throws {
        try await OperatorScene.with(orders: 1000, faults: WooSimFaults(perOrderMilliseconds: 1)) { scene in
            let id = try await scene.connect()
            let outcome = try await scene.logix(["integrations", "sync", String(id), "--full"])
            #expect(outcome.status == 0, "\(outcome)")
            #expect(outcome.standardError.isEmpty, "\(outcome)")
            let output = outcome.standardOutput
            #expect(!output.contains("\r") && !output.contains("\u{1B}"), "no redraws on a pipe: \(output)")
            let lines = output.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("sync run ") == true, "\(output)")
            let progress = lines.filter { $0.hasPrefix("pages ") }
            #expect(progress.first?.hasPrefix("pages 1/10, 100 orders, ") == true, "\(output)")
            #expect(progress.last?.hasPrefix("pages 10/10, 1000 orders, ") == true, "\(output)")
            #expect(progress.allSatisfy { $0.contains(" orders/s, ") && $0.hasSuffix(" left") }, "\(output)")
            #expect(lines.last?.hasPrefix("synced: run ") == true, "\(output)")
            #expect(lines.last?.contains("succeeded") == true && lines.last?.contains("1000 orders") == true)
        }
    }

    @Test func aTerminalGetsABarRedrawnInPlace() async throws {
        try await OperatorScene.with(orders: 1000, faults: WooSimFaults(perOrderMilliseconds: 1)) { scene in
            let id = try await scene.connect()
            let screen = try await PseudoTerminal.run(
                ["integrations", "sync", String(id), "--full"], in: scene.folder, environment: scene.environment)
            #expect(screen.status == 0, "\(screen.output)")
            // "\r[" is a redraw: the terminal's own "\r\n" line ends never put a "[" after the "\r".
            let redraws = screen.output.components(separatedBy: "\r[").count - 1
            #expect(redraws >= 2, "\(screen.output.debugDescription)")
            #expect(screen.output.contains("] 100% pages 10/10, 1000 orders"), "\(screen.output.debugDescription)")
            #expect(screen.output.contains("\u{1B}[K"), "each redraw clears the rest of the line")
            let lastLine = screen.output.split(whereSeparator: { $0.isNewline }).last.map(String.init)
            #expect(lastLine?.hasPrefix("synced: run ") == true, "\(screen.output.debugDescription)")
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aSecondSyncIsRefusedAndCtrlCStopsTheRunThatTheNextSyncResumes(engine: TestEngine) async throws {
        // Slow enough that a second sync and Ctrl-C land mid-run: 40 pages of 100 orders, 5 ms an order.
        try await OperatorScene.with(orders: 4000, faults: WooSimFaults(perOrderMilliseconds: 5), engine: engine) {
            scene in
            let id = try await scene.connect()
            let sync = try RunningLogixProcess(
                ["integrations", "sync", String(id), "--full"], in: scene.folder, environment: scene.environment)
            _ = try await sync.waitForOutput(containing: "pages ", timeout: 120)
            // A second sync meanwhile is refused, as the API answers 409: the run is held by the first.
            let second = try await scene.logix(["integrations", "sync", String(id), "--full"])
            #expect(second.status == 1, "\(second)")
            #expect(second.errorLines.count == 1, "\(second)")
            #expect(second.standardError.hasPrefix("logix integrations sync: sync_running: "), "\(second)")
            sync.interrupt()
            let stopped = try await sync.waitForExit(timeout: 60)
            #expect(stopped.status == 130 && !stopped.crashed, "\(stopped)")
            #expect(stopped.standardError.isEmpty, "\(stopped)")
            let last = try #require(stopped.standardOutput.split(separator: "\n").last.map(String.init))
            #expect(last.hasPrefix("interrupted: sync run "), "\(stopped)")
            #expect(last.contains("resumes from there next time"), "\(stopped)")
            let firstRun = try #require(
                stopped.standardOutput.split(separator: "\n").first?.split(separator: " ").dropFirst(2).first)

            let resumed = try await scene.json(
                APIAnswers.SyncJob.self, ["integrations", "sync", String(id), "--full"])
            #expect(resumed.resumed, "the next run continues the interrupted one")
            #expect(String(resumed.jobID) == String(firstRun))
            let run = try #require(resumed.run)
            #expect(run.state == "succeeded")
            #expect(run.pagesDone == 40)
            #expect(run.counts.total == 4000, "every order counted once across both attempts")
        }
    }
}

/// `logix` run with its standard output on a pseudo-terminal, as in a terminal window: what it drew, byte for
/// byte (the terminal turns "\n" into "\r\n").
enum PseudoTerminal {
    struct Screen {
        let status: Int32
        let output: String
    }

    static func run(_ arguments: [String], in directory: URL, environment: [String: String]) async throws -> Screen {
        var controller: Int32 = -1
        var terminal: Int32 = -1
        guard openpty(&controller, &terminal, nil, nil, nil) == 0 else {
            throw TestDatabaseError("openpty failed: errno \(errno)")
        }
        var fullEnvironment = environment
        fullEnvironment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let process: ChildProcess
        do {
            process = try ChildProcess(
                executable: try LogixProcess.executable(), arguments: arguments, environment: fullEnvironment,
                directory: directory, output: .file(FileHandle(fileDescriptor: terminal, closeOnDealloc: false)))
        } catch {
            close(controller)
            close(terminal)
            throw error
        }
        // Only the child holds the terminal now: reading ends (EIO) when it exits.
        close(terminal)
        let reading = controller
        let bytes = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var received: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(reading, $0.baseAddress, $0.count) }
                    if count <= 0 { break }
                    received += buffer[0..<count]
                }
                close(reading)
                continuation.resume(returning: received)
            }
        }
        let termination = await process.exit()
        return Screen(status: termination.status, output: String(decoding: bytes, as: UTF8.self))
    }
}
