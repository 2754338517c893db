import Logging
import ServiceLifecycle
import Synchronization

/// A simulator's HTTP server (one store's or a fleet's, WooSim's or ShopifySim's) in a service group of its
/// own: started and waited for until it listens, stopped gracefully, so a request in flight is answered (or its
/// connection closed) rather than cut off mid-write. Shared by the simulators, which share nothing else.
public final class SimServer: Sendable {
    private let group: ServiceGroup
    private let task: Mutex<Task<Void, any Error>?>

    private init(group: ServiceGroup, task: Task<Void, any Error>) {
        self.group = group
        self.task = Mutex(task)
    }

    /// Starts the application `makeApplication` builds — handing it the callback to call once it listens — and
    /// returns when it listens; throws what stopped it otherwise (e.g. the port is taken), else `notStarted`.
    public static func start(
        logger: Logger, notStarted: @autoclosure () -> any Error,
        _ makeApplication: (_ listening: @escaping @Sendable () -> Void) -> any Service
    ) async throws -> SimServer {
        let running = AsyncStream.makeStream(of: Void.self)
        let app = makeApplication { running.continuation.yield() }
        var configuration = ServiceGroupConfiguration(services: [app], logger: logger)
        // A client that never finishes its request (a hang fault's caller) is cut off after this.
        configuration.maximumGracefulShutdownDuration = .seconds(5)
        let group = ServiceGroup(configuration: configuration)
        let task = Task {
            defer { running.continuation.finish() }
            try await group.run()
        }
        let server = SimServer(group: group, task: task)
        // The stream ends without a value if the server stops before listening.
        for await _ in running.stream { return server }
        let failure = await task.result
        await server.stop()
        if case .failure(let error) = failure { throw error }
        throw notStarted()
    }

    /// Shuts the server down gracefully and waits for it; a second call does nothing.
    public func stop() async {
        let task = self.task.withLock { task -> Task<Void, any Error>? in
            defer { task = nil }
            return task
        }
        guard let task else { return }
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}
