import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Spawn
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One `logix serve` as a real operating-system process, which a chaos run starts, kills with SIGKILL and
/// starts again on the same port: a crash, not a shutdown, so nothing gets to finish what it was doing.
///
/// Its standard output and error go to a log file in the run's folder, appended across restarts.
final class LogixProcess: Sendable {
    /// Which server this is (1, 2, …), for the report and the log file's name.
    let number: Int
    let port: Int
    private let executable: URL
    private let environment: [String: String]
    private let logFile: URL
    private let running = Mutex<ChildProcess?>(nil)

    init(number: Int, port: Int, executable: URL, environment: [String: String], logFile: URL) {
        self.number = number
        self.port = port
        self.executable = executable
        self.environment = environment
        self.logFile = logFile
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts the process and returns once its `/health` answers 200, or throws if it exits first or does not
    /// answer within `timeout` (a server that is not ready is killed rather than left behind).
    func start(client: HTTPClient, timeout: Duration = .seconds(120)) async throws {
        if !FileManager.default.fileExists(atPath: logFile.path) {
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        }
        let log = try FileHandle(forWritingTo: logFile)
        try log.seekToEnd()
        let process = try ChildProcess(
            executable: executable,
            arguments: ["serve", "--host", "127.0.0.1", "--port", String(port), "--log-level", "warning"],
            environment: ProcessInfo.processInfo.environment.merging(environment) { _, ours in ours },
            output: .file(log), error: .file(log))
        try? log.close()
        running.withLock { $0 = process }

        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if let termination = process.termination {
                throw ChaosError("server \(number) ended with \(termination) while starting; see \(logFile.path)")
            }
            if await isHealthy(client: client) { return }
            // A process started elsewhere has no signal to await: poll its health as a load balancer does.
            try await Task.sleep(for: .milliseconds(100))
        }
        await kill()
        throw ChaosError("server \(number) did not answer /health within \(timeout); see \(logFile.path)")
    }

    /// SIGKILL: the process ends at once, mid-request and mid-transaction.
    func kill() async {
        guard
            let process = running.withLock({ value -> ChildProcess? in
                defer { value = nil }
                return value
            })
        else { return }
        process.send(SIGKILL)
        _ = await process.exit()
    }

    /// Asks the process to stop (SIGTERM) and waits for it, as at the end of a run.
    func stop() async {
        guard
            let process = running.withLock({ value -> ChildProcess? in
                defer { value = nil }
                return value
            })
        else { return }
        await process.stop(grace: .seconds(30))
    }

    private func isHealthy(client: HTTPClient) async -> Bool {
        let request = HTTPClientRequest(url: baseURL + "/health")
        guard let response = try? await client.execute(request, timeout: .seconds(2)) else { return false }
        _ = try? await response.body.collect(upTo: 1 << 20)
        return response.status == .ok
    }
}
