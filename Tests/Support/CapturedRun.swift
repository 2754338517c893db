import Foundation
import Spawn

/// A program run to its end with its output captured, within a time limit: the one way the tests' process
/// runners (``LogixProcess``, ``ScriptProcess``, the PostgreSQL script) start a program and wait for it.
enum CapturedRun {
    /// Runs `executable arguments` with `input` on its standard input, and waits for it to end. Killed after
    /// `timeout`, which fails the run with what it wrote so far; `label` names the program in that error.
    ///
    /// Output goes to files in a folder of its own under `scratch`, not to pipes: a chatty program cannot fill
    /// them and block, and nothing has to read them while it runs.
    static func run(
        _ executable: URL, _ arguments: [String], label: String, environment: [String: String]?, in directory: URL?,
        input: String = "", scratch: URL, timeout: TimeInterval
    ) async throws -> LogixProcess.Outcome {
        let outputs = scratch.appendingPathComponent("captured-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outputs) }
        let outURL = outputs.appendingPathComponent("stdout")
        let errURL = outputs.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let stdin = Pipe()
        let process = try ChildProcess(
            executable: executable, arguments: arguments, environment: environment, directory: directory,
            input: .pipe(stdin), output: .file(out), error: .file(err))
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let ended = await process.exit(within: .seconds(timeout))
        let termination: ChildProcess.Termination
        if let ended { termination = ended } else { termination = await process.stop() }
        try? out.close()
        try? err.close()
        let outcome = LogixProcess.Outcome(
            termination, standardOutput: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
        guard ended != nil else {
            throw TestDatabaseError("\(label) \(arguments.joined(separator: " ")) ran over \(timeout) s: \(outcome)")
        }
        return outcome
    }
}
