import Foundation

/// A program run as a reader runs it from a shell — `bash file.sh`, `python3 file.py`, `node file.mjs` — with
/// only the environment it is given, its output captured, and a time limit.
///
/// The run keeps from the test's own environment only what finding and starting an interpreter needs (PATH,
/// HOME, pyenv's settings, the locale): no proxy settings, no `LOGIX_…` left over from the shell that ran the
/// tests, so a script depends on nothing its header does not name.
public enum ScriptProcess {
    static let inherited = ["PATH", "HOME", "PYENV_ROOT", "PYENV_VERSION", "LANG", "LC_ALL"]

    /// `name`'s full path on PATH. A missing program is an error that names it — the test fails, it never skips.
    public static func locate(_ name: String) throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw TestDatabaseError("`\(name)` is not installed: it is not on PATH (\(path)); .ci/run installs it")
    }

    /// Runs `program arguments` in `directory` and waits for it to end: killed after `timeout`, which fails.
    public static func run(
        _ program: String, _ arguments: [String], environment: [String: String], in directory: URL,
        timeout: TimeInterval = 60
    ) async throws -> LogixProcess.Outcome {
        var fullEnvironment = environment
        for name in inherited {
            if let value = ProcessInfo.processInfo.environment[name] { fullEnvironment[name] = value }
        }
        return try await CapturedRun.run(
            try locate(program), arguments, label: program, environment: fullEnvironment, in: directory,
            scratch: FileManager.default.temporaryDirectory, timeout: timeout)
    }
}
