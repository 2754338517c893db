import Foundation
import Spawn

/// A `logix` command left running (`serve`, `demo`), as an operator starts one in a terminal: its standard
/// output read as it comes and awaited for what it should say, a signal sent to stop it, its end awaited.
///
/// Standard output is a pipe read by a thread of its own; waiting for text waits on a condition the reader
/// signals, never on a timer.
public final class RunningLogixProcess: @unchecked Sendable {
    private let process: ChildProcess
    private let arguments: [String]
    private let errorFile: URL
    private let errorHandle: FileHandle
    /// Guards `output` and `outputClosed`; signalled by the reader on every chunk and at the end of output.
    private let condition = NSCondition()
    private var output = ""
    private var outputClosed = false

    /// Starts `logix arguments` in `directory` with only `environment` (and PATH) set.
    public init(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws {
        self.arguments = arguments
        var fullEnvironment = environment
        fullEnvironment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        // Standard error to a file: nothing waits on it while the process runs, and a chatty one cannot block.
        errorFile = directory.appendingPathComponent("logix-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        errorHandle = try FileHandle(forWritingTo: errorFile)
        let pipe = Pipe()
        process = try ChildProcess(
            executable: try LogixProcess.executable(), arguments: arguments, environment: fullEnvironment,
            directory: directory, output: .pipe(pipe), error: .file(errorHandle))
        let reader = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = reader.availableData
                condition.lock()
                if chunk.isEmpty { outputClosed = true } else { output += String(decoding: chunk, as: UTF8.self) }
                condition.broadcast()
                condition.unlock()
                if chunk.isEmpty { return }
            }
        }
    }

    deinit {
        process.terminate()
        try? errorHandle.close()
        try? FileManager.default.removeItem(at: errorFile)
    }

    /// Standard output so far.
    public var standardOutput: String {
        condition.lock()
        defer { condition.unlock() }
        return output
    }

    /// Waits until standard output satisfies `done` and returns it; throws if the output ends first (the
    /// process stopped) or `timeout` passes.
    public func waitForOutput(timeout: TimeInterval, until done: @escaping @Sendable (String) -> Bool) async throws
        -> String
    {
        let (text, satisfied) = await awaitOutput(timeout: timeout, until: done)
        guard satisfied else {
            let state = process.isRunning ? "still running after \(timeout) s" : "ended"
            throw TestDatabaseError(
                "logix \(arguments.joined(separator: " ")) \(state) without the awaited output; stdout: \(text); "
                    + "stderr: \(standardError)")
        }
        return text
    }

    /// The output once it satisfies `done`, ends, or `timeout` passes; and whether it satisfied `done`.
    private func awaitOutput(timeout: TimeInterval, until done: @escaping @Sendable (String) -> Bool) async
        -> (String, Bool)
    {
        let deadline = Date().addingTimeInterval(timeout)
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread { [self] in
                condition.lock()
                while !done(output), !outputClosed, condition.wait(until: deadline) {}
                let result = (output, done(output))
                condition.unlock()
                continuation.resume(returning: result)
            }
        }
    }

    /// Waits until standard output contains `marker`.
    public func waitForOutput(containing marker: String, timeout: TimeInterval) async throws -> String {
        try await waitForOutput(timeout: timeout) { $0.contains(marker) }
    }

    /// Sends SIGINT, as Ctrl-C in a terminal does.
    public func interrupt() {
        process.interrupt()
    }

    /// Waits for the process to end (killed after `timeout`, which fails) and for the end of its output.
    public func waitForExit(timeout: TimeInterval) async throws -> LogixProcess.Outcome {
        guard let termination = await process.exit(within: .seconds(timeout)) else {
            process.terminate()
            throw TestDatabaseError(
                "logix \(arguments.joined(separator: " ")) ran over \(timeout) s after it was asked to stop; stdout: "
                    + "\(standardOutput); stderr: \(standardError)")
        }
        // The reader sees the end of the output once the process and any child holding the pipe are gone.
        _ = await awaitOutput(timeout: 10) { _ in false }
        return LogixProcess.Outcome(termination, standardOutput: standardOutput, standardError: standardError)
    }

    private var standardError: String {
        (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
    }
}
