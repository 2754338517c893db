import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A program started as a child process, with its standard streams where the caller says, its exit awaited
/// without blocking Swift's cooperative pool, and signals sent to it: what the chaos run, the benchmarks and the
/// tests start (`logix serve`, scripts, `psql`).
///
/// Not Foundation's `Process`: on Linux its `run()` reads `/proc/self/fd` to close inherited descriptors and
/// copies 256 bytes for every entry whatever the name's length, so a process with many sockets open — a test run
/// with hundreds of servers — crashes now and then on the page after the directory buffer
/// (swift-corelibs-foundation#5472, fixed after Swift 6.3.1). It crashed the whole test run in CI. Here the child
/// is started with `posix_spawn`, and SQLite's, NIO's and Foundation's descriptors are closed by
/// `posix_spawn_file_actions_addclosefrom_np` in the child instead.
///
/// The child is reaped by a thread of its own blocked in `waitpid`, so its exit is never missed and never left a
/// zombie, whether or not anyone awaits it.
public final class ChildProcess: Sendable {
    /// Where one of the child's standard streams goes.
    public enum StandardStream: Sendable {
        /// `/dev/null`: what a child reads nothing from or writes nowhere.
        case nullDevice
        /// The parent's own stream.
        case inherit
        /// An open file: the child writes (or reads) it through a duplicate of its descriptor.
        case file(FileHandle)
        /// A pipe: the child gets the far end (the write end for output, the read end for input), and the
        /// parent's copy of that end is closed once the child started, so the parent reads to the end of output
        /// when the child exits.
        case pipe(Pipe)
    }

    /// How the child ended.
    public struct Termination: Sendable, Equatable, CustomStringConvertible {
        /// The exit status, or the number of the signal that ended it when ``bySignal``.
        public let status: Int32
        /// Whether a signal ended it (a kill, a crash) rather than an exit.
        public let bySignal: Bool

        public var description: String { bySignal ? "signal \(status)" : "status \(status)" }

        public init(status: Int32, bySignal: Bool) {
            self.status = status
            self.bySignal = bySignal
        }

        init(waitStatus: Int32) {
            // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as the macros they are.
            let signal = waitStatus & 0x7f
            self.bySignal = signal != 0
            self.status = signal != 0 ? signal : (waitStatus >> 8) & 0xff
        }
    }

    private struct State {
        var termination: Termination?
        var waiters: [Int: CheckedContinuation<Termination?, Never>] = [:]
        var abandoned: Set<Int> = []
        var nextWaiter = 0
    }

    /// The state, shared with the reaping thread, which outlives this object if nobody waits for the child.
    private final class Shared: Sendable {
        let state = Mutex(State())
    }

    /// The child's process id.
    public let processIdentifier: pid_t
    /// The program's path, for messages.
    public let executable: String
    private let shared = Shared()

    /// Starts `executable` with `arguments`.
    ///
    /// - Parameters:
    ///   - environment: the child's whole environment; `nil` passes the parent's.
    ///   - directory: the child's working directory; `nil` keeps the parent's.
    /// - Throws: ``ChildProcessError`` when the program cannot be started (missing, not executable, a bad
    ///   directory), with the program's path and the system's reason.
    public init(
        executable: URL, arguments: [String] = [], environment: [String: String]? = nil, directory: URL? = nil,
        input: StandardStream = .nullDevice, output: StandardStream = .nullDevice,
        error: StandardStream = .nullDevice
    ) throws {
        self.executable = executable.path
        self.processIdentifier = try Self.spawn(
            executable.path, arguments: arguments, environment: environment, directory: directory?.path,
            streams: [input, output, error])
        for (number, stream) in [input, output, error].enumerated() {
            guard case .pipe(let pipe) = stream else { continue }
            try? (number == 0 ? pipe.fileHandleForReading : pipe.fileHandleForWriting).close()
        }
        let pid = processIdentifier
        let shared = self.shared
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1, errno == EINTR {}
            let termination = Termination(waitStatus: status)
            let waiters = shared.state.withLock { state in
                state.termination = termination
                defer { state.waiters = [:] }
                return Array(state.waiters.values)
            }
            for waiter in waiters { waiter.resume(returning: termination) }
        }
    }

    /// Whether the child has not been reaped yet.
    public var isRunning: Bool { shared.state.withLock { $0.termination == nil } }

    /// How the child ended, once it has.
    public var termination: Termination? { shared.state.withLock { $0.termination } }

    /// Sends `signal` to the child while it runs; nothing once it has been reaped, when its id may be another's.
    public func send(_ signal: Int32) {
        shared.state.withLock { state in
            if state.termination == nil { _ = kill(processIdentifier, signal) }
        }
    }

    /// Asks the child to stop (SIGTERM).
    public func terminate() { send(SIGTERM) }

    /// Interrupts the child as Ctrl-C in a terminal does (SIGINT).
    public func interrupt() { send(SIGINT) }

    /// Asks the child to stop (SIGTERM) and waits for it; kills it (SIGKILL) if it still runs after `grace`.
    @discardableResult
    public func stop(grace: Duration = .seconds(10)) async -> Termination {
        terminate()
        if let termination = await exit(within: grace) { return termination }
        send(SIGKILL)
        return await exit()
    }

    /// Waits for the child to end.
    public func exit() async -> Termination {
        // Not cancellable, so it returns only with the termination.
        await awaitExit(cancellable: false)!
    }

    /// Waits for the child to end within `limit`; `nil` if it still runs then (it is left running).
    public func exit(within limit: Duration) async -> Termination? {
        await withTaskGroup(of: Termination?.self) { group in
            group.addTask { await self.awaitExit(cancellable: true) }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? termination
        }
    }

    /// The termination, or `nil` when the waiting task is cancelled first (only if `cancellable`).
    private func awaitExit(cancellable: Bool) async -> Termination? {
        let id = shared.state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let settled: Termination?? = shared.state.withLock { state in
                    if let termination = state.termination { return .some(termination) }
                    if state.abandoned.remove(id) != nil { return .some(nil) }
                    state.waiters[id] = continuation
                    return .none
                }
                if let settled { continuation.resume(returning: settled) }
            }
        } onCancel: {
            guard cancellable else { return }
            let waiter = shared.state.withLock { state in
                let waiter = state.waiters.removeValue(forKey: id)
                if waiter == nil, state.termination == nil { state.abandoned.insert(id) }
                return waiter
            }
            waiter?.resume(returning: nil)
        }
    }

    // MARK: Starting

    /// `posix_spawn` with the streams set up, every other descriptor closed in the child, and the child in a
    /// process group of its own (as Foundation's `Process` does: a Ctrl-C meant for the parent's terminal is not
    /// also delivered to it).
    private static func spawn(
        _ path: String, arguments: [String], environment: [String: String]?, directory: String?,
        streams: [StandardStream]
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (number, stream) in streams.enumerated() {
            let target = Int32(number)
            switch stream {
            case .inherit:
                continue
            case .nullDevice:
                try check(
                    posix_spawn_file_actions_addopen(
                        &actions, target, "/dev/null", number == 0 ? O_RDONLY : O_WRONLY, 0),
                    path, "opening /dev/null")
            case .file(let handle):
                try check(posix_spawn_file_actions_adddup2(&actions, handle.fileDescriptor, target), path, "dup2")
            case .pipe(let pipe):
                let end = number == 0 ? pipe.fileHandleForReading : pipe.fileHandleForWriting
                try check(posix_spawn_file_actions_adddup2(&actions, end.fileDescriptor, target), path, "dup2")
            }
        }
        if let addCloseFrom = GlibcExtensions.addCloseFrom {
            try check(addCloseFrom(&actions, 3), path, "closing inherited descriptors")
        }
        if let directory {
            guard let addChdir = GlibcExtensions.addChdir else {
                throw ChildProcessError(program: path, reason: "this C library cannot start a child in a directory")
            }
            try check(addChdir(&actions, directory), path, "changing to \(directory)")
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Default dispositions and no blocked signals: the parent may ignore SIGPIPE or SIGTERM for its own
        // reasons (ServiceLifecycle ignores the signals it watches), and a child must not inherit that.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([path] + arguments).map { strdup($0) }
        defer { for line in argv { free(line) } }
        let environmentLines = (environment ?? ProcessInfo.processInfo.environment).map {
            strdup("\($0.key)=\($0.value)")
        }
        defer { for line in environmentLines { free(line) } }

        var pid = pid_t()
        let result = (argv + [nil]).withUnsafeBufferPointer { argvPointer in
            (environmentLines + [nil]).withUnsafeBufferPointer { envp in
                posix_spawn(&pid, path, &actions, &attributes, argvPointer.baseAddress!, envp.baseAddress!)
            }
        }
        try check(result, path, "starting it")
        return pid
    }

    private static func check(_ result: Int32, _ path: String, _ step: String) throws {
        guard result != 0 else { return }
        throw ChildProcessError(program: path, reason: "\(step): \(String(cString: strerror(result)))")
    }
}

/// The two GNU extensions to `posix_spawn` the child needs, which Swift's Glibc module does not declare (they sit
/// behind `_GNU_SOURCE`): found in the C library at run time. glibc has had both since 2.34.
private enum GlibcExtensions {
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(address, to: T.self)
    }
}
