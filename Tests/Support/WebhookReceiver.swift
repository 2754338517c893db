import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SimHosting
import Synchronization

/// A real HTTP receiver on loopback for the simulated stores' webhook deliveries, shared by their tests: it
/// records every request (path, headers, raw body) and answers each with the next scripted status (then 200),
/// after `delay` if given, as a slow receiver does. Tests await what arrives (``next(_:within:)``) rather than
/// sleep.
///
/// It binds port 0 and reads the port once bound: a free port found first could be taken by another test
/// before the bind, and the deliveries would go elsewhere.
public final class WebhookReceiver: Sendable {
    /// One request as it arrived.
    public struct Received: Sendable {
        public var path: String
        public var headers: HTTPFields
        public var body: [UInt8]

        /// The value of the header `name` (any case).
        public func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }

        /// The headers as name–value pairs, the way the channels' webhook formats read them.
        public var headerPairs: [(name: String, value: String)] { headers.map { ($0.name.rawName, $0.value) } }

        /// The raw body.
        public var data: Data { Data(body) }
    }

    /// The receiver's base URL, `http://127.0.0.1:PORT`; any path under it is received.
    public let url: String
    private let recorder: Recorder
    private let server: SimServer

    private init(url: String, recorder: Recorder, server: SimServer) {
        self.url = url
        self.recorder = recorder
        self.server = server
    }

    /// What arrived, and the answers still to give.
    private final class Recorder: Sendable {
        let received = Mutex<[Received]>([])
        let script: Mutex<[Int]>
        let arrivals: AsyncStream<Received>
        private let arrived: AsyncStream<Received>.Continuation

        init(statuses: [Int]) {
            script = Mutex(statuses)
            (arrivals, arrived) = AsyncStream.makeStream(of: Received.self)
        }

        /// Records `request` and returns the status to answer it with.
        func record(_ request: Received) -> Int {
            received.withLock { $0.append(request) }
            arrived.yield(request)
            return script.withLock { $0.isEmpty ? 200 : $0.removeFirst() }
        }
    }

    /// Runs `body` with a receiver that answers with `statuses` in turn (then 200), each after `delay`; the
    /// receiver stops when `body` returns or throws.
    public static func with<T: Sendable>(
        statuses: [Int] = [], delay: Duration = .zero, _ body: (WebhookReceiver) async throws -> T
    ) async throws -> T {
        let receiver = try await start(statuses: statuses, delay: delay)
        do {
            let result = try await body(receiver)
            await receiver.stop()
            return result
        } catch {
            await receiver.stop()
            throw error
        }
    }

    /// Starts a receiver; the caller stops it with ``stop()`` (``with(statuses:delay:_:)`` does both).
    public static func start(statuses: [Int] = [], delay: Duration = .zero) async throws -> WebhookReceiver {
        let recorder = Recorder(statuses: statuses)
        let router = Router()
        router.post("/**") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 10 << 20)
            let entry = Received(path: request.uri.path, headers: request.headers, body: Array(buffer: body))
            let status = recorder.record(entry)
            if delay > .zero { try await Task.sleep(for: delay) }
            return Response(status: .init(code: status))
        }
        var logger = Logger(label: "WebhookReceiver")
        logger.logLevel = .critical
        let port = Atomic<Int>(0)
        let server = try await SimServer.start(logger: logger, notStarted: ReceiverNotStarted()) { listening in
            Application(
                router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { channel in
                    port.store(channel.localAddress?.port ?? 0, ordering: .releasing)
                    listening()
                }, logger: logger)
        }
        return WebhookReceiver(
            url: "http://127.0.0.1:\(port.load(ordering: .acquiring))", recorder: recorder, server: server)
    }

    /// Every request received so far, in order.
    public var all: [Received] { recorder.received.withLock { $0 } }

    /// The next `count` requests; a request that never comes fails the test after `limit` with an error, instead
    /// of hanging it or handing it fewer to index into. Two minutes: a guard against a hang, not a speed target;
    /// in a full test run on two cores, eight retries 10 ms apart took over 30 s in CI.
    public func next(_ count: Int, within limit: Duration = .seconds(120)) async throws -> [Received] {
        let arrivals = recorder.arrivals
        let received = await withTimeLimit(limit) {
            var out: [Received] = []
            for await received in arrivals {
                out.append(received)
                if out.count == count { break }
            }
            return out
        }
        guard let received, received.count == count else { throw DeliveriesMissing(count: count, limit: limit) }
        return received
    }

    /// Stops the receiver: its port refuses connections from then on.
    public func stop() async { await server.stop() }
}

/// The receiver's server ended before it listened, without an error of its own.
public struct ReceiverNotStarted: Error {}

/// Fewer requests than a test awaited arrived in time.
public struct DeliveriesMissing: Error, CustomStringConvertible {
    public let count: Int
    public let limit: Duration
    public var description: String { "fewer than \(count) webhook requests arrived within \(limit)" }
}
