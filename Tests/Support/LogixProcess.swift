import Foundation
import Spawn

#if canImport(Glibc)
    import Glibc
#endif

/// The real `logix` binary, run as a process: what an operator runs, with its exit status and output.
///
/// The binary is the one built beside the test bundle (`swift build --build-tests` builds it in the same
/// products folder, debug or release), so a test exercises exactly the build under test; `LOGIX_TEST_BINARY`
/// names another (e.g. the release build's).
public enum LogixProcess {
    /// What a run ended with.
    public struct Outcome: Sendable, CustomStringConvertible {
        /// The exit status, or the signal's number when ``crashed``.
        public let status: Int32
        /// Whether the process was ended by a signal (an assertion, a trap) rather than exiting.
        public let crashed: Bool
        public let standardOutput: String
        public let standardError: String

        /// The non-empty lines of standard error.
        public var errorLines: [String] {
            standardError.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        }

        public init(_ termination: ChildProcess.Termination, standardOutput: String, standardError: String) {
            self.status = termination.status
            self.crashed = termination.bySignal
            self.standardOutput = standardOutput
            self.standardError = standardError
        }

        public var description: String {
            "\(crashed ? "signal" : "status") \(status); stderr: \(standardError); stdout: \(standardOutput)"
        }
    }

    /// The `logix` executable next to the test bundle.
    public static func executable() throws -> URL {
        // Another build of the same binary (a release build, an older one to compare) when named.
        if let path = ProcessInfo.processInfo.environment["LOGIX_TEST_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        for folder in candidates {
            // The bundle may be a folder (…/LogixPackageTests.xctest/Contents/MacOS) or the executable itself.
            var current = folder
            for _ in 0..<4 {
                let binary = current.appendingPathComponent("logix")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: binary.path, isDirectory: &isDirectory),
                    !isDirectory.boolValue,
                    FileManager.default.isExecutableFile(atPath: binary.path)
                {
                    return binary
                }
                current.deleteLastPathComponent()
            }
        }
        throw TestDatabaseError(
            "no logix binary next to the test bundle (looked in \(candidates.map(\.path))); build it with "
                + "`swift build --build-tests`")
    }

    /// Runs `logix arguments` in `directory` with only `environment` (and PATH) set, `input` on stdin, and
    /// waits for it to end: killed after `timeout`, which fails the run.
    public static func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:], input: String = "",
        timeout: TimeInterval = 60
    ) async throws -> Outcome {
        var fullEnvironment = environment
        fullEnvironment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return try await CapturedRun.run(
            try executable(), arguments, label: "logix", environment: fullEnvironment, in: directory, input: input,
            scratch: directory, timeout: timeout)
    }
}

/// A TCP port on 127.0.0.1 held by a listening socket of this process: "a port another program has taken".
public final class HeldPort: Sendable {
    public let port: Int
    private let descriptor: Int32

    public init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestDatabaseError("socket failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw TestDatabaseError("bind or listen failed: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

/// A plain TCP connection to 127.0.0.1, for tests of how the server treats clients byte by byte (slow ones,
/// many at once). Blocking calls run on a thread of their own, never on Swift's cooperative pool.
public final class RawConnection: @unchecked Sendable {
    private let descriptor: Int32

    public init(port: Int) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestDatabaseError("socket failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw TestDatabaseError("connect to port \(port) failed: errno \(errno)")
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    public func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw TestDatabaseError("send failed: errno \(errno)") }
    }

    /// What the server sends next (at least one byte; empty if it closed the connection), or `nil` if it sent
    /// nothing within `timeout`.
    public func readSome(timeout: TimeInterval) async -> String? {
        let descriptor = self.descriptor
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, Int32(timeout * 1000)) > 0 else { return continuation.resume(returning: nil) }
                var buffer = [UInt8](repeating: 0, count: 65536)
                let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                continuation.resume(returning: String(decoding: buffer[0..<max(0, count)], as: UTF8.self))
            }
        }
    }

    /// What the server sent until it closed the connection, or `nil` if it was still open after `timeout`.
    public func readUntilClosed(timeout: TimeInterval) async -> String? {
        let descriptor = self.descriptor
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let end = Date().addingTimeInterval(timeout)
                var received: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let left = end.timeIntervalSinceNow
                    guard left > 0 else { return continuation.resume(returning: nil) }
                    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                    let ready = poll(&poller, 1, Int32(max(1, left * 1000)))
                    if ready <= 0 { continue }
                    let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                    if count <= 0 { return continuation.resume(returning: String(decoding: received, as: UTF8.self)) }
                    received += buffer[0..<count]
                }
            }
        }
    }
}
